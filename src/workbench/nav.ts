import type { FastifyRequest } from 'fastify';
import { PUBLIC } from '../shared/policy/registry.ts';
import { workbenchNav, type NavItem } from '../shared/ui/layout.tsx';
import { workbenchPolicy } from './policy.ts';
import type { CurrentStaff } from './session.ts';

// Which sections an officer is offered is not a second list of roles: each section is the page its link opens,
// and that page's route already names the action it needs (config.permission). A section is shown when the
// registry would let this officer open it, so the menu and the 403 can never disagree.

/** The sections the signed-in officer may open; none for a visitor who is not signed in. */
export function navFor(request: FastifyRequest): NavItem[] {
  const me = request.staff;
  if (!me) return [];
  return workbenchNav(request.lang).filter((item) => mayOpen(request, me, item.href));
}

function mayOpen(request: FastifyRequest, me: CurrentStaff, href: string): boolean {
  const route = request.server.routeList.find((r) => r.method === 'GET' && r.url === href);
  if (!route) return false;
  return route.permission === PUBLIC || workbenchPolicy.can(me, route.permission);
}
