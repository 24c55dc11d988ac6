import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { AppError, errorMessage, isErrorCode } from '../../shared/http/errors.ts';
import { formBody, translatedFieldErrors } from '../../shared/http/forms.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf, requireCitizen } from '../session.ts';
import { companyMessage, type CompanyMessage } from './companies.messages.ts';
import * as pages from './companies.pages.tsx';
import * as service from './companies.service.ts';

function fieldErrors(request: FastifyRequest, error: unknown) {
  return translatedFieldErrors(error, (key) =>
    isErrorCode(key) ? errorMessage(key, request.lang) : companyMessage(request.lang, key as CompanyMessage),
  );
}

/** Re-renders the form with what was typed and every problem (422, or 429 when throttled); else rethrows. */
function formError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  render: (errors: { field: string; message: string }[]) => string,
) {
  const errors = fieldErrors(request, error);
  if (errors) return reply.html(render(errors), error instanceof AppError ? error.status : 422);
  throw error;
}

function takeFlash(request: FastifyRequest): string | undefined {
  const flash = request.session.flash;
  if (flash) request.session.flash = undefined;
  return flash;
}

const idOf = (request: FastifyRequest) => (request.params as { id: string }).id;

export function registerCompanyRoutes(app: FastifyInstance, services: ZoneServices): void {
  const signedIn = { schema: { hide: true }, preHandler: requireCitizen };

  app.get('/account/companies/new', signedIn, async (request, reply) => {
    const verified = await service.canClaim(services, citizenOf(request).id);
    return reply.html(pages.claimFormPage({ ctx: portalContext(request, reply), verified }));
  });

  app.post('/account/companies/new', signedIn, async (request, reply) => {
    const body = formBody(request);
    try {
      const claimId = await service.claimCompany(services, citizenOf(request).id, body);
      request.session.flash = companyMessage(request.lang, 'claimSubmitted');
      return reply.redirect(`/account/companies/${claimId}`, 303);
    } catch (error) {
      const verified = await service.canClaim(services, citizenOf(request).id);
      return formError(request, reply, error, (errors) =>
        pages.claimFormPage({ ctx: portalContext(request, reply), values: body, errors, verified }),
      );
    }
  });

  /** The company page, re-rendered with the form's errors when an action on it failed. */
  const companyPage = async (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { values?: Record<string, string>; error?: unknown } = {},
  ) => {
    const view = await service.companyView(services, citizenOf(request).id, idOf(request));
    const ctx = portalContext(request, reply);
    if (view.kind === 'claim') return reply.html(pages.claimPage({ ctx, view, flash: takeFlash(request) }));
    if (form.error === undefined)
      return reply.html(pages.companyPage({ ctx, view, flash: takeFlash(request) }));
    return formError(request, reply, form.error, (errors) =>
      pages.companyPage({ ctx, view, values: form.values, errors }),
    );
  };

  app.get('/account/companies/:id', signedIn, async (request, reply) => companyPage(request, reply));

  /** Runs one action on a company, then back to its page (303) with a message, or the page with the error. */
  const companyAction = (
    act: (citizenId: string, companyId: string, body: Record<string, string>) => Promise<void>,
    done: CompanyMessage,
    after: (companyId: string) => string = (companyId) => `/account/companies/${companyId}`,
  ) =>
    async function (request: FastifyRequest, reply: FastifyReply) {
      const body = formBody(request);
      const companyId = idOf(request);
      try {
        await act(citizenOf(request).id, companyId, body);
      } catch (error) {
        return companyPage(request, reply, { values: body, error });
      }
      request.session.flash = companyMessage(request.lang, done);
      return reply.redirect(after(companyId), 303);
    };

  app.post(
    '/account/companies/:id/invitations',
    signedIn,
    companyAction(
      (citizenId, companyId, body) => service.inviteAgent(services, citizenId, companyId, body.mobile),
      'invitationSent',
    ),
  );

  app.post(
    '/account/companies/:id/remove',
    signedIn,
    companyAction(
      (citizenId, companyId, body) => service.removeAgent(services, citizenId, companyId, body.member),
      'memberRemoved',
    ),
  );

  app.post(
    '/account/companies/:id/leave',
    signedIn,
    companyAction(
      (citizenId, companyId) => service.leaveCompany(services, citizenId, companyId),
      'memberLeft',
      () => '/account',
    ),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(`/account/invitations/:id/${answer}`, signedIn, async (request, reply) => {
      const companyId = await service.answerInvitation(
        services,
        citizenOf(request).id,
        idOf(request),
        answer,
      );
      request.session.flash = companyMessage(
        request.lang,
        answer === 'accept' ? 'invitationAccepted' : 'invitationDeclined',
      );
      return reply.redirect(answer === 'accept' ? `/account/companies/${companyId}` : '/account', 303);
    });
  }
}
