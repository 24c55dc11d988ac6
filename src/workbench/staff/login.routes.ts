import type { FastifyReply, FastifyRequest } from 'fastify';
import { ThrottledError } from '../../shared/auth/throttle.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { createFormPageCache } from '../../shared/http/form-page-cache.ts';
import { formErrors, renderFormError } from '../../shared/http/forms.ts';
import { safeNext } from '../../shared/http/request-context.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import * as pages from './login.pages.tsx';
import * as auth from './staff.auth.ts';
import { staffWords } from './staff.messages.ts';
import { ButtonForm, CodeForm, LoginForm, LoginQuery } from './staff.schema.ts';
import { groupedSecret } from './totp.ts';

declare module 'fastify' {
  interface Session {
    /** When the password step was passed; the code must follow soon after. */
    pendingStaffAt?: number;
    /** Where to go once the login is complete. */
    pendingNext?: string;
  }
}

// The login doors are the ones attackers knock on: limited per address per minute on top of the growing delays
// per badge number and address (staff.auth.ts).
//
// Every route here is public. The password and code steps run before the officer is signed in (the session
// holds only the pending account, which each step checks itself), so no permission of a signed-in officer can
// guard them. Signing out is public too: it ends whatever session the request carries, and must still work
// when that session has already timed out or the account was disabled in the meantime.
const PENDING_MS = 5 * 60 * 1000;
// A hostile `next` is replaced by a safe target (safeNext), not refused: the officer still signs in.
const nextTarget = { redirectTargets: ['next'] };
/** Refusals of the whole attempt, shown beside the badge number in the words of their error code. */
const ATTEMPT_REFUSALS: readonly string[] = ['STAFF_LOGIN_FAILED', 'RATE_LIMITED', 'ACCOUNT_DISABLED'];

function onBadge(error: AppError): AppError {
  return new AppError(error.code, { fields: [{ field: 'badgeNo', message: error.code }] });
}

/** Where to go after signing in, read from the address of a form shown again after its schema refused it. */
function nextOf(request: FastifyRequest): string {
  const query = request.query;
  return safeNext(query && typeof query === 'object' && 'next' in query ? query.next : undefined, '/');
}

export function registerLoginRoutes(app: App, services: ZoneServices): void {
  const loginLimit = {
    permission: PUBLIC,
    rateLimit: { max: services.authRateLimit, timeWindow: '1 minute' },
    input: nextTarget,
  };
  const pendingId = (request: FastifyRequest): string | undefined => {
    const { pendingStaffId, pendingStaffAt } = request.session;
    if (!pendingStaffId || !pendingStaffAt || services.now().getTime() - pendingStaffAt > PENDING_MS)
      return undefined;
    return pendingStaffId;
  };

  const signIn = async (request: FastifyRequest, reply: FastifyReply, staffId: string) => {
    const next = safeNext(request.session.pendingNext, '/');
    // A fresh session id once the login is complete defeats session fixation.
    await request.session.regenerate();
    request.session.subject = `staff:${staffId}`;
    await request.session.save();
    return reply.redirect(next, 303);
  };

  const loginForm = (
    request: FastifyRequest,
    reply: FastifyReply,
    form: { badgeNo?: string | undefined; errors: FieldError[]; next?: string },
  ) =>
    pages.loginPage({
      ctx: workbenchContext(request, reply, { forms: true }),
      values: { badgeNo: form.badgeNo ?? '' },
      errors: form.errors,
      next: form.next ?? '/',
    });

  /** Back to the first step with the reason, e.g. when the attempts were throttled during the code step. */
  const restart = async (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
    await request.session.regenerate();
    return renderFormError(request, reply, onBadge(error), (errors) => loginForm(request, reply, { errors }));
  };

  const formPages = createFormPageCache();
  app.get(
    '/staff/login',
    { schema: { hide: true, querystring: LoginQuery }, config: { permission: PUBLIC, input: nextTarget } },
    async (request, reply) => {
      const next = safeNext(request.query.next, '/');
      if (request.staff) return reply.redirect(next, 303);
      const expired = request.query.expired === '1';
      return reply.html(
        formPages.render(request, reply, workbenchContext(request, reply), (ctx) =>
          pages.loginPage({ ctx, next, expired }),
        ),
      );
    },
  );

  const passwordForm: FormPage = (request, reply, { values, errors }) =>
    loginForm(request, reply, { badgeNo: values.badgeNo, errors, next: nextOf(request) });

  app.post(
    '/staff/login',
    {
      schema: { hide: true, querystring: LoginQuery, body: LoginForm },
      config: { ...loginLimit, formPage: passwordForm },
    },
    async (request, reply) => {
      // The target travels in the form's action, so a second login tab cannot change where this one lands.
      const next = safeNext(request.query.next, '/');
      try {
        const result = await auth.passwordStep(services, request.body, request.ip);
        await request.session.regenerate();
        request.session.pendingStaffId = result.staffId;
        request.session.pendingStaffAt = services.now().getTime();
        request.session.pendingNext = next;
        return await reply.redirect(result.next === 'enrol' ? '/staff/totp/enrol' : '/staff/login/totp', 303);
      } catch (error) {
        if (error instanceof ThrottledError) reply.headers(error.headers);
        const refusal =
          error instanceof AppError && ATTEMPT_REFUSALS.includes(error.code) ? onBadge(error) : error;
        return renderFormError(
          request,
          reply,
          refusal,
          (errors) => loginForm(request, reply, { badgeNo: request.body.badgeNo, errors, next }),
          staffWords,
        );
      }
    },
  );

  for (const step of ['totp', 'enrol'] as const) {
    const url = step === 'totp' ? '/staff/login/totp' : '/staff/totp/enrol';
    const other = step === 'totp' ? '/staff/totp/enrol' : '/staff/login/totp';

    const stepPage = async (
      request: FastifyRequest,
      reply: FastifyReply,
      staffId: string,
      errors: FieldError[] = [],
    ) => {
      const ctx = workbenchContext(request, reply, { forms: true });
      if (step === 'totp') return pages.totpPage({ ctx, errors });
      const e = await auth.enrolment(services, staffId, request.ip);
      return pages.enrolPage({
        ctx,
        errors,
        badgeNo: e.badgeNo,
        secretGrouped: groupedSecret(e.secret),
        svg: e.svg,
      });
    };

    /** Problems that end the attempt send the officer back to the start; a wrong step goes to the right one. */
    const recover = async (request: FastifyRequest, reply: FastifyReply, error: unknown) => {
      if (error instanceof ThrottledError) {
        reply.headers(error.headers);
        return restart(request, reply, error);
      }
      if (error instanceof AppError && error.code === 'ACCOUNT_DISABLED')
        return restart(request, reply, error);
      if (error instanceof AppError && error.code === 'UNAUTHENTICATED')
        return reply.redirect('/staff/login', 303);
      if (error instanceof AppError && error.code === 'CONFLICT') return reply.redirect(other, 303);
      throw error;
    };

    // Without a pending password step there is no form to show again: the refusal is then answered as such.
    const codeForm: FormPage = (request, reply, { errors }) => {
      const staffId = pendingId(request);
      if (!staffId) throw new AppError('UNAUTHENTICATED');
      return stepPage(request, reply, staffId, errors);
    };

    app.get(url, { schema: { hide: true }, config: { permission: PUBLIC } }, async (request, reply) => {
      const staffId = pendingId(request);
      if (!staffId) return reply.redirect('/staff/login', 303);
      return stepPage(request, reply, staffId).then(
        (html) => reply.html(html),
        (error: unknown) => recover(request, reply, error),
      );
    });

    app.post(
      url,
      { schema: { hide: true, body: CodeForm }, config: { ...loginLimit, formPage: codeForm } },
      async (request, reply) => {
        const staffId = pendingId(request);
        if (!staffId) return reply.redirect('/staff/login', 303);
        const code = request.body.code;
        try {
          if (step === 'totp') await auth.totpStep(services, staffId, code, request.ip);
          else await auth.confirmEnrolment(services, staffId, code, request.ip);
          return await signIn(request, reply, staffId);
        } catch (error) {
          const errors = formErrors(request, error, staffWords);
          if (!errors) return recover(request, reply, error);
          return stepPage(request, reply, staffId, errors).then(
            (html) => reply.html(html, 422),
            (failure: unknown) => recover(request, reply, failure),
          );
        }
      },
    );
  }

  app.post(
    '/staff/logout',
    { schema: { hide: true, body: ButtonForm }, config: { permission: PUBLIC } },
    async (request, reply) => {
      if (request.staff) await auth.recordLogout(services, request.staff, request.ip);
      await request.session.destroy();
      return reply.redirect('/staff/login', 303);
    },
  );
}
