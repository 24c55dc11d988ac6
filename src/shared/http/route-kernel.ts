import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { PUBLIC, type PolicyRegistry } from '../policy/registry.ts';
import { AppError, type FieldError } from './errors.ts';
import { wantsJson } from './error-handler.ts';
import { formBody, formErrors } from './forms.ts';

// Routes declare; the kernel does. Every route names in `config.permission` what it needs ('public', or an
// action of the zone's policy registry) and declares its input as TypeBox schemas. Before validation the
// kernel loads who is asking, sends a visitor who is not signed in to the sign-in page (401 for the API) and
// refuses an officer or citizen whose role does not allow the action anywhere (403). Whether he may act on one
// particular record is asked of the same registry inside the handler, through `mustAllow`, which answers the
// same 404 as for a missing record. A route that declares no permission stops the application from starting.

/** A form page re-rendered with what was typed and what was wrong, when the schema refuses the form. */
export type FormPage = (
  request: FastifyRequest,
  reply: FastifyReply,
  form: { values: Record<string, string>; errors: FieldError[] },
) => string | Promise<string>;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** 'public', or the action of the zone's policy registry this route needs. Required on every route. */
    permission?: string;
    /** For a form post: how to show the form again when its schema refuses it, instead of the error page. */
    formPage?: FormPage;
  }
  interface FastifyInstance {
    /** Every route of the app with its declared permission, for the generated permission tests. */
    routeList: RegisteredRoute[];
  }
}

export interface RegisteredRoute {
  method: string;
  url: string;
  permission: string;
}

export interface RouteKernel<Actor> {
  registry: PolicyRegistry<Actor>;
  /** Loads who is asking into the request, once per request. */
  loadActor(request: FastifyRequest): Promise<void>;
  actorOf(request: FastifyRequest): Actor | undefined;
  /** Where a page sends a visitor who must sign in first. */
  signInPath: string;
}

// Routes that plugins register for themselves, which answer for their own access: the static files (readable
// by anyone) and the API documentation (each zone's `apiDocsGuard`; the bare document when the UI is off too).
const PLUGIN_ROUTES = /^\/(?:static\/|api\/docs(?:\/|$))/;

export function installRouteKernel<Actor>(app: FastifyInstance, kernel: RouteKernel<Actor>): void {
  const routes: RegisteredRoute[] = [];
  app.decorate('routeList', routes);
  app.addHook('onRoute', (route) => {
    const permission = route.config?.permission;
    const methods = [route.method].flat().filter((m) => m !== 'HEAD');
    if (permission === undefined) {
      if (PLUGIN_ROUTES.test(route.url)) return;
      throw new Error(`${methods.join(',')} ${route.url} declares no permission (config.permission)`);
    }
    if (permission !== PUBLIC && !kernel.registry.has(permission))
      throw new Error(`${methods.join(',')} ${route.url} needs ${permission}, which no policy defines`);
    for (const method of methods) routes.push({ method, url: route.url, permission });
  });

  app.addHook('preValidation', async (request, reply) => {
    await kernel.loadActor(request);
    const permission = request.routeOptions.config.permission;
    if (permission === undefined || permission === PUBLIC) return;
    const actor = kernel.actorOf(request);
    if (actor === undefined) {
      if (wantsJson(request)) throw new AppError('UNAUTHENTICATED');
      // After an idle timeout the sign-in page says why the person has to sign in again.
      const expired = request.sessionTimedOut ? '&expired=1' : '';
      return reply.redirect(`${kernel.signInPath}?next=${encodeURIComponent(request.url)}${expired}`, 303);
    }
    if (!kernel.registry.can(actor, permission)) throw new AppError('FORBIDDEN');
  });
}

/**
 * For a record the actor may not act on: the same 404 as for one that does not exist, so nobody learns
 * from the answer that another person's application or another unit's record is there.
 */
export function mustAllow<Actor>(
  registry: PolicyRegistry<Actor>,
  actor: Actor | undefined,
  action: string,
  record: unknown,
): void {
  if (!registry.can(actor, action, record)) throw new AppError('NOT_FOUND');
}

/** The re-rendered form for a schema refusal on a route that declared one; undefined otherwise. */
export async function formPageFor(
  error: unknown,
  request: FastifyRequest,
  reply: FastifyReply,
): Promise<string | undefined> {
  const formPage = request.routeOptions?.config?.formPage;
  if (!formPage || wantsJson(request)) return undefined;
  const errors = formErrors(request, error);
  if (!errors) return undefined;
  try {
    return await formPage(request, reply, { values: formBody(request), errors });
  } catch (pageError) {
    // A form about a record that is gone or out of reach cannot be shown again: the refusal is answered as
    // usual, the same whether the record is missing or someone else's.
    if (!(pageError instanceof AppError)) request.log.error({ err: pageError }, 'form page failed');
    return undefined;
  }
}
