import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import { ThrottledError } from '../../shared/auth/throttle.ts';
import { AppError, errorMessage, isErrorCode } from '../../shared/http/errors.ts';
import { createFormPageCache } from '../../shared/http/form-page-cache.ts';
import { formBody, translatedFieldErrors } from '../../shared/http/forms.ts';
import { safeNext } from '../../shared/http/request-context.ts';
import { maskMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { citizenOf, requireCitizen, signIn } from '../session.ts';
import { accountMessage, type AccountMessage } from './accounts.messages.ts';
import * as pages from './accounts.pages.tsx';
import * as service from './accounts.service.ts';
import { CompaniesPanel } from '../companies/companies.pages.tsx';
import { accountCompaniesView } from '../companies/companies.service.ts';

// A hostile `next` is replaced by a safe target (safeNext), not refused: the person still signs in.
const nextTarget = { redirectTargets: ['next'] };

// Login and code sending are the two doors an attacker knocks on; both are limited per address.
const limits = (services: ZoneServices) => ({
  loginLimit: {
    rateLimit: { max: services.authRateLimit, timeWindow: '1 minute' },
    input: nextTarget,
  },
  codeLimit: {
    rateLimit: { max: Math.max(1, Math.ceil(services.authRateLimit / 2)), timeWindow: '1 minute' },
  },
});

function fieldErrors(request: FastifyRequest, error: unknown) {
  return translatedFieldErrors(error, (key) =>
    isErrorCode(key) ? errorMessage(key, request.lang) : accountMessage(request.lang, key as AccountMessage),
  );
}

/** Re-renders the form with what the user typed and every problem listed (422), or rethrows what is not a form error. */
function formError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  render: (errors: { field: string; message: string }[]) => string,
) {
  const errors = fieldErrors(request, error);
  if (errors) return reply.html(render(errors), error instanceof AppError ? error.status : 422);
  if (error instanceof ThrottledError) reply.headers(error.headers);
  if (error instanceof AppError && (error.code === 'LOGIN_FAILED' || error instanceof ThrottledError)) {
    const status = error.status;
    return reply.html(render([{ field: 'mobile', message: errorMessage(error.code, request.lang) }]), status);
  }
  throw error;
}

export function registerAccountRoutes(app: FastifyInstance, services: ZoneServices): void {
  const { loginLimit, codeLimit } = limits(services);
  const formPages = createFormPageCache();
  app.get('/login', { schema: { hide: true }, config: { input: nextTarget } }, async (request, reply) => {
    const query = request.query as Record<string, unknown>;
    const next = safeNext(query.next, '/account');
    const expired = query.expired === '1';
    return reply.html(
      formPages.render(request, reply, portalContext(request, reply), (ctx) =>
        pages.loginPage({ ctx, next, expired }),
      ),
    );
  });

  app.post('/login', { schema: { hide: true }, config: loginLimit }, async (request, reply) => {
    const body = formBody(request);
    const next = safeNext((request.query as Record<string, unknown>).next, '/account');
    try {
      const citizen = await service.login(services, body.mobile, body.password, request.ip);
      await signIn(request, citizen.id);
      return reply.redirect(next, 303);
    } catch (error) {
      return formError(request, reply, error, (errors) =>
        pages.loginPage({
          ctx: portalContext(request, reply, { forms: true }),
          values: { mobile: body.mobile ?? '' },
          errors,
          next,
        }),
      );
    }
  });

  app.post('/logout', { schema: { hide: true } }, async (request, reply) => {
    await request.session.destroy();
    return reply.redirect('/', 303);
  });

  for (const purpose of ['register', 'reset'] as const) {
    const base = purpose === 'register' ? '/register' : '/reset-password';
    const codeStep = purpose === 'register' ? '/register/details' : '/reset-password/new';
    const codePurpose = purpose === 'register' ? 'register' : 'reset-password';

    app.get(base, { schema: { hide: true } }, async (request, reply) =>
      reply.html(
        formPages.render(request, reply, portalContext(request, reply), (ctx) =>
          pages.mobileStepPage({ ctx, purpose }),
        ),
      ),
    );

    app.post(base, { schema: { hide: true }, config: codeLimit }, async (request, reply) => {
      const body = formBody(request);
      try {
        const mobile = await service.sendCode(services, body.mobile, codePurpose);
        request.session.pendingMobile = mobile;
        return reply.redirect(codeStep, 303);
      } catch (error) {
        if (error instanceof AppError && error.code === 'RATE_LIMITED') {
          const errors = [{ field: 'mobile', message: errorMessage('RATE_LIMITED', request.lang) }];
          return reply.html(
            pages.mobileStepPage({
              ctx: portalContext(request, reply, { forms: true }),
              values: body,
              errors,
              purpose,
            }),
            429,
          );
        }
        return formError(request, reply, error, (errors) =>
          pages.mobileStepPage({
            ctx: portalContext(request, reply, { forms: true }),
            values: body,
            errors,
            purpose,
          }),
        );
      }
    });

    app.get(codeStep, { schema: { hide: true } }, async (request, reply) => {
      const mobile = request.session.pendingMobile;
      if (!mobile) return reply.redirect(base, 303);
      return reply.html(
        pages.codeStepPage({
          ctx: portalContext(request, reply, { forms: true }),
          purpose,
          mobileMasked: maskMobile(mobile),
        }),
      );
    });

    app.post(codeStep, { schema: { hide: true }, config: loginLimit }, async (request, reply) => {
      const mobile = request.session.pendingMobile;
      if (!mobile) return reply.redirect(base, 303);
      const body = formBody(request);
      try {
        if (purpose === 'register') {
          const citizen = await service.register(services, { ...body, mobile });
          await signIn(request, citizen.id);
          request.session.flash =
            request.lang === 'en' ? 'Your account is ready.' : '注册成功，欢迎使用网上公安局。';
          return reply.redirect('/account', 303);
        }
        await service.resetPassword(services, { ...body, mobile });
        request.session.pendingMobile = undefined;
        return reply.redirect('/login?reset=1', 303);
      } catch (error) {
        return formError(request, reply, error, (errors) =>
          pages.codeStepPage({
            ctx: portalContext(request, reply, { forms: true }),
            values: { code: body.code ?? '', displayName: body.displayName ?? '' },
            errors,
            purpose,
            mobileMasked: maskMobile(mobile),
          }),
        );
      }
    });
  }

  app.get('/account', { schema: { hide: true }, preHandler: requireCitizen }, async (request, reply) => {
    const citizen = await service.getCitizen(services, citizenOf(request).id);
    const flash = request.session.flash;
    if (flash) request.session.flash = undefined;
    const ctx = portalContext(request, reply);
    const companies = await accountCompaniesView(services, citizen.id);
    return reply.html(
      pages.accountPage({
        ctx,
        flash,
        companiesPanel: CompaniesPanel({ ctx, view: companies }),
        profile: {
          displayName: citizen.displayName,
          mobileMasked: maskMobile(citizen.mobile),
          realName: citizen.realName,
          idNumberMasked: citizen.idNumberMasked,
          realNameStatus: citizen.realNameStatus,
          email: citizen.email,
          address: citizen.address,
        },
      }),
    );
  });

  app.get(
    '/account/profile',
    { schema: { hide: true }, preHandler: requireCitizen },
    async (request, reply) => {
      const c = await service.getCitizen(services, citizenOf(request).id);
      const values = {
        displayName: c.displayName,
        realName: c.realName ?? '',
        email: c.email ?? '',
        address: c.address ?? '',
      };
      return reply.html(pages.profileFormPage({ ctx: portalContext(request, reply), values }));
    },
  );

  app.post(
    '/account/profile',
    { schema: { hide: true }, preHandler: requireCitizen },
    async (request, reply) => {
      const body = formBody(request);
      try {
        await service.updateProfile(services, citizenOf(request).id, body);
        request.session.flash = request.lang === 'en' ? 'Your details were saved.' : '个人信息已保存。';
        return reply.redirect('/account', 303);
      } catch (error) {
        return formError(request, reply, error, (errors) =>
          pages.profileFormPage({ ctx: portalContext(request, reply), values: body, errors }),
        );
      }
    },
  );

  registerAccountApi(app, services);
}

const ErrorResponse = Type.Object({
  error: Type.Object({
    code: Type.String(),
    message: Type.String(),
    fields: Type.Array(Type.Object({ field: Type.String(), message: Type.String() })),
    requestId: Type.String(),
  }),
});

/** The same rules for apps and mini-programs, as JSON. */
function registerAccountApi(app: FastifyInstance, services: ZoneServices): void {
  const { loginLimit, codeLimit } = limits(services);
  app.post(
    '/api/v1/auth/sms-codes',
    {
      config: codeLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Send a one-time code by SMS (registration or password reset)',
        body: Type.Object({
          mobile: Type.String({ maxLength: 20 }),
          purpose: Type.Union([Type.Literal('register'), Type.Literal('reset-password')]),
        }),
        response: { 202: Type.Object({ sent: Type.Boolean() }), 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      const body = request.body as { mobile: string; purpose: 'register' | 'reset-password' };
      await service.sendCode(services, body.mobile, body.purpose).catch((error: unknown) => {
        throw localise(request, error);
      });
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: loginLimit,
      schema: {
        tags: ['accounts'],
        summary: 'Log in with mobile number and password; sets the session cookie',
        body: Type.Object({
          mobile: Type.String({ maxLength: 20 }),
          password: Type.String({ maxLength: 200 }),
        }),
        response: {
          200: Type.Object({ id: Type.String(), displayName: Type.String() }),
          401: ErrorResponse,
          422: ErrorResponse,
          429: ErrorResponse,
        },
      },
    },
    async (request) => {
      const body = request.body as { mobile: string; password: string };
      const citizen = await service
        .login(services, body.mobile, body.password, request.ip)
        .catch((error: unknown) => {
          throw localise(request, error);
        });
      await signIn(request, citizen.id);
      return citizen;
    },
  );

  app.get(
    '/api/v1/me',
    {
      preHandler: requireCitizen,
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in citizen',
        security: [{ session: [] }],
        response: {
          200: Type.Object({
            id: Type.String(),
            displayName: Type.String(),
            mobile: Type.String(),
            realNameStatus: Type.String(),
            idNumberMasked: Type.Union([Type.String(), Type.Null()]),
          }),
          401: ErrorResponse,
        },
      },
    },
    async (request) => {
      const c = await service.getCitizen(services, citizenOf(request).id);
      return {
        id: c.id,
        displayName: c.displayName,
        mobile: maskMobile(c.mobile),
        realNameStatus: c.realNameStatus,
        idNumberMasked: c.idNumberMasked,
      };
    },
  );
}

/** API field errors carry readable messages in the request's language instead of message keys. */
function localise(request: FastifyRequest, error: unknown): unknown {
  if (error instanceof AppError && error.fields.length) {
    const fields = fieldErrors(request, error) ?? [];
    return new AppError(error.code, { fields });
  }
  return error;
}
