import type { FastifyReply, FastifyRequest } from 'fastify';
import type { App } from '../../shared/http/app.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf, type CurrentCitizen } from '../session.ts';
import { companyMessage, companyWords, type CompanyMessage } from './companies.messages.ts';
import * as pages from './companies.pages.tsx';
import { ButtonBody, ClaimBody, IdParams, InviteBody, RemoveBody } from './companies.schema.ts';
import * as service from './companies.service.ts';

/** The company id of the address, read also where the schema refused it (a form page shown again). */
function companyIdOf(request: FastifyRequest): string {
  const params = request.params;
  if (params && typeof params === 'object' && 'id' in params && typeof params.id === 'string')
    return params.id;
  return '';
}

type CompanyAction = 'company.manage' | 'company.leave';

export function registerCompanyRoutes(app: App, services: ZoneServices): void {
  const claimForm: FormPage = async (request, reply, form) =>
    pages.claimFormPage({
      ctx: portalContext(request, reply),
      ...form,
      verified: await service.canClaim(services, citizenOf(request).id),
    });

  /** The company page again with what went wrong, for someone the failed action was allowed to. */
  const companyForm =
    (action: CompanyAction): FormPage =>
    async (request, reply, form) => {
      const view = await service.companyView(services, citizenOf(request), companyIdOf(request), action);
      const ctx = portalContext(request, reply);
      // The actions are allowed only in an active company, so the view is never a claim here.
      if (view.kind === 'claim') return pages.claimPage({ ctx, view });
      return pages.companyPage({ ctx, view, ...form });
    };

  app.get(
    '/account/companies/new',
    { schema: { hide: true }, config: { permission: 'company.claim' } },
    async (request, reply) => {
      const verified = await service.canClaim(services, citizenOf(request).id);
      return reply.html(pages.claimFormPage({ ctx: portalContext(request, reply), verified }));
    },
  );

  app.post(
    '/account/companies/new',
    { schema: { hide: true, body: ClaimBody }, config: { permission: 'company.claim', formPage: claimForm } },
    async (request, reply) => {
      let claimId: string;
      try {
        claimId = await service.claimCompany(services, citizenOf(request).id, request.body);
      } catch (error) {
        return renderFormError(
          request,
          reply,
          error,
          (errors) => claimForm(request, reply, { values: formBody(request), errors }),
          companyWords,
        );
      }
      setFlash(request, companyMessage(request.lang, 'claimSubmitted'));
      return reply.redirect(`/account/companies/${claimId}`, 303);
    },
  );

  app.get(
    '/account/companies/:id',
    { schema: { hide: true, params: IdParams }, config: { permission: 'company.view' } },
    async (request, reply) => {
      const view = await service.companyView(services, citizenOf(request), request.params.id);
      const ctx = portalContext(request, reply);
      const flash = takeFlash(request);
      if (view.kind === 'claim') return reply.html(pages.claimPage({ ctx, view, flash }));
      return reply.html(pages.companyPage({ ctx, view, flash }));
    },
  );

  /** Runs one action on a company, then back to its page (303) with a message, or the page with the error. */
  async function companyAction(
    request: FastifyRequest,
    reply: FastifyReply,
    action: CompanyAction,
    act: (citizen: CurrentCitizen) => Promise<void>,
    done: CompanyMessage,
    after: string,
  ) {
    try {
      await act(citizenOf(request));
    } catch (error) {
      return renderFormError(
        request,
        reply,
        error,
        (errors) => companyForm(action)(request, reply, { values: formBody(request), errors }),
        companyWords,
      );
    }
    setFlash(request, companyMessage(request.lang, done));
    return reply.redirect(after, 303);
  }

  app.post(
    '/account/companies/:id/invitations',
    {
      schema: { hide: true, params: IdParams, body: InviteBody },
      config: { permission: 'company.manage', formPage: companyForm('company.manage') },
    },
    async (request, reply) => {
      const { id } = request.params;
      return companyAction(
        request,
        reply,
        'company.manage',
        (citizen) => service.inviteAgent(services, citizen, id, request.body.mobile),
        'invitationSent',
        `/account/companies/${id}`,
      );
    },
  );

  app.post(
    '/account/companies/:id/remove',
    {
      schema: { hide: true, params: IdParams, body: RemoveBody },
      config: { permission: 'company.manage', formPage: companyForm('company.manage') },
    },
    async (request, reply) => {
      const { id } = request.params;
      return companyAction(
        request,
        reply,
        'company.manage',
        (citizen) => service.removeAgent(services, citizen, id, request.body.member),
        'memberRemoved',
        `/account/companies/${id}`,
      );
    },
  );

  app.post(
    '/account/companies/:id/leave',
    {
      schema: { hide: true, params: IdParams, body: ButtonBody },
      config: { permission: 'company.leave', formPage: companyForm('company.leave') },
    },
    async (request, reply) =>
      companyAction(
        request,
        reply,
        'company.leave',
        (citizen) => service.leaveCompany(services, citizen, request.params.id),
        'memberLeft',
        '/account',
      ),
  );

  for (const answer of ['accept', 'decline'] as const) {
    app.post(
      `/account/invitations/:id/${answer}`,
      {
        schema: { hide: true, params: IdParams, body: ButtonBody },
        config: { permission: 'company.answerInvitation' },
      },
      async (request, reply) => {
        const companyId = await service.answerInvitation(
          services,
          citizenOf(request),
          request.params.id,
          answer,
        );
        setFlash(
          request,
          companyMessage(request.lang, answer === 'accept' ? 'invitationAccepted' : 'invitationDeclined'),
        );
        return reply.redirect(answer === 'accept' ? `/account/companies/${companyId}` : '/account', 303);
      },
    );
  }
}
