import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { ThrottledError } from '../../shared/auth/throttle.ts';
import { AppError, errorMessage } from '../../shared/http/errors.ts';
import { createFormPageCache } from '../../shared/http/form-page-cache.ts';
import { formBody, translatedFieldErrors } from '../../shared/http/forms.ts';
import { safeNext } from '../../shared/http/request-context.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { workbenchContext } from '../page.ts';
import * as pages from './login.pages.tsx';
import * as auth from './staff.auth.ts';
import { isStaffMessage, staffMessage } from './staff.messages.ts';
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
const PENDING_MS = 5 * 60 * 1000;
const page = { schema: { hide: true } };
// A hostile `next` is replaced by a safe target (safeNext), not refused: the officer still signs in.
const nextTarget = { redirectTargets: ['next'] };

function fieldErrors(request: FastifyRequest, error: unknown) {
  return translatedFieldErrors(error, (key) => (isStaffMessage(key) ? staffMessage(request.lang, key) : key));
}

export function registerLoginRoutes(app: FastifyInstance, services: ZoneServices): void {
  const loginLimit = {
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

  /** Back to the first step with the reason, e.g. when the attempts were throttled during the code step. */
  const restart = async (request: FastifyRequest, reply: FastifyReply, error: AppError) => {
    await request.session.regenerate();
    const errors = [{ field: 'badgeNo', message: errorMessage(error.code, request.lang) }];
    return reply.html(
      pages.loginPage({ ctx: workbenchContext(request, reply, { forms: true }), errors }),
      error.status,
    );
  };

  const formPages = createFormPageCache();
  app.get('/staff/login', { ...page, config: { input: nextTarget } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(query.next, '/');
    if (request.staff) return reply.redirect(next, 303);
    const expired = query.expired === '1';
    return reply.html(
      formPages.render(request, reply, workbenchContext(request, reply), (ctx) =>
        pages.loginPage({ ctx, next, expired }),
      ),
    );
  });

  app.post('/staff/login', { ...page, config: loginLimit }, async (request, reply) => {
    const body = formBody(request);
    // The target travels in the form's action, so a second login tab cannot change where this one lands.
    const next = safeNext((request.query as Record<string, unknown>).next, '/');
    try {
      const result = await auth.passwordStep(services, body, request.ip);
      await request.session.regenerate();
      request.session.pendingStaffId = result.staffId;
      request.session.pendingStaffAt = services.now().getTime();
      request.session.pendingNext = next;
      return reply.redirect(result.next === 'enrol' ? '/staff/totp/enrol' : '/staff/login/totp', 303);
    } catch (error) {
      const render = (errors: { field: string; message: string }[], status: number) =>
        reply.html(
          pages.loginPage({
            ctx: workbenchContext(request, reply, { forms: true }),
            values: { badgeNo: body.badgeNo ?? '' },
            errors,
            next,
          }),
          status,
        );
      const errors = fieldErrors(request, error);
      if (errors) return render(errors, 422);
      if (error instanceof ThrottledError) reply.headers(error.headers);
      if (
        error instanceof AppError &&
        ['STAFF_LOGIN_FAILED', 'RATE_LIMITED', 'ACCOUNT_DISABLED'].includes(error.code)
      ) {
        return render([{ field: 'badgeNo', message: errorMessage(error.code, request.lang) }], error.status);
      }
      throw error;
    }
  });

  for (const step of ['totp', 'enrol'] as const) {
    const url = step === 'totp' ? '/staff/login/totp' : '/staff/totp/enrol';
    const other = step === 'totp' ? '/staff/totp/enrol' : '/staff/login/totp';

    const show = async (
      request: FastifyRequest,
      reply: FastifyReply,
      staffId: string,
      errors: { field: string; message: string }[] = [],
      status = 200,
    ) => {
      const ctx = workbenchContext(request, reply, { forms: true });
      if (step === 'totp') return reply.html(pages.totpPage({ ctx, errors }), status);
      const e = await auth.enrolment(services, staffId, request.ip);
      return reply.html(
        pages.enrolPage({
          ctx,
          errors,
          badgeNo: e.badgeNo,
          secretGrouped: groupedSecret(e.secret),
          svg: e.svg,
        }),
        status,
      );
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

    app.get(url, page, async (request, reply) => {
      const staffId = pendingId(request);
      if (!staffId) return reply.redirect('/staff/login', 303);
      return show(request, reply, staffId).catch((error: unknown) => recover(request, reply, error));
    });

    app.post(url, { ...page, config: loginLimit }, async (request, reply) => {
      const staffId = pendingId(request);
      if (!staffId) return reply.redirect('/staff/login', 303);
      const code = formBody(request).code;
      try {
        if (step === 'totp') await auth.totpStep(services, staffId, code, request.ip);
        else await auth.confirmEnrolment(services, staffId, code, request.ip);
        return await signIn(request, reply, staffId);
      } catch (error) {
        const errors = fieldErrors(request, error);
        if (errors)
          return show(request, reply, staffId, errors, 422).catch((e: unknown) => recover(request, reply, e));
        return recover(request, reply, error);
      }
    });
  }

  app.post('/staff/logout', page, async (request, reply) => {
    if (request.staff) await auth.recordLogout(services, request.staff, request.ip);
    await request.session.destroy();
    return reply.redirect('/staff/login', 303);
  });
}
