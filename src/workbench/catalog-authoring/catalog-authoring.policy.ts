import type { CurrentStaff } from '../session.ts';
import { definePolicy } from '../../shared/policy/registry.ts';
import { allows, holdsAnywhere, jurisdictional, reachOf, type Reach } from '../staff/staff.policy.ts';

// Who may do what with a service guide. Jurisdiction is the implementing unit's: an editor of a district
// writes that district's guides, an approver there lets them go live. Seeing a guide needs either duty;
// an officer with neither gets the same 404 for a guide outside his reach as for one that does not exist.

export function worksOnCatalog(me: CurrentStaff): boolean {
  return holdsAnywhere(me, 'catalog.edit') || holdsAnywhere(me, 'catalog.publish');
}

export function mayView(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'catalog.edit', unitPath) || allows(me, 'catalog.publish', unitPath);
}

export function mayEdit(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'catalog.edit', unitPath);
}

export function mayDecide(me: CurrentStaff, unitPath: string): boolean {
  return allows(me, 'catalog.publish', unitPath);
}

/**
 * Four eyes: nobody decides on a version he wrote any of, even when he also holds the approver role for
 * the unit. Withdrawing is not a decision on someone's text and is not limited this way.
 */
export function isOwnWork(
  me: CurrentStaff,
  version: { authorBadge: string; editors: readonly string[] },
): boolean {
  return version.authorBadge === me.badgeNo || version.editors.includes(me.badgeNo);
}

/** Where the officer may see guides: the union of his editing and approving reach. */
export function viewReach(me: CurrentStaff): Reach[] {
  return [reachOf(me, 'catalog.edit'), reachOf(me, 'catalog.publish')];
}

const unitOf = (record: unknown) => (record as { unitPath: string }).unitPath;

export const catalogPolicy = definePolicy<CurrentStaff>('catalog', {
  'catalog.view': (me, record) => (record === undefined ? worksOnCatalog(me) : mayView(me, unitOf(record))),
  'catalog.edit': jurisdictional('catalog.edit'),
  'catalog.publish': jurisdictional('catalog.publish'),
});
