import type { FastifyReply, FastifyRequest } from 'fastify';
import { ThrottledError } from '../../shared/auth/throttle.ts';
import type { App } from '../../shared/http/app.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash } from '../../shared/http/flash.ts';
import { createFormPageCache } from '../../shared/http/form-page-cache.ts';
import { renderFormError } from '../../shared/http/forms.ts';
import { safeNext } from '../../shared/http/request-context.ts';
import type { FormPage } from '../../shared/http/route-kernel.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import { maskMobile } from '../../shared/validators/mobile.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import { signIn } from '../session.ts';
import { registerAccountApi } from './accounts.api.ts';
import { accountWords } from './accounts.messages.ts';
import { CodeBody, LoginBody, LoginQuery, LogoutBody, MobileBody } from './accounts.schema.ts';
import * as service from './accounts.service.ts';
import { loginPage } from './login.pages.tsx';
import { authLimits, nextTarget } from './login-throttle.ts';
import { registerProfileRoutes } from './profile.routes.ts';
import { codeStepPage, mobileStepPage } from './registration.pages.tsx';

/** Where to go after signing in, read also where the schema refused the form (a form page shown again). */
function nextOf(request: FastifyRequest): string {
  const query = request.query;
  const next = query && typeof query === 'object' && 'next' in query ? query.next : undefined;
  return safeNext(next, '/account');
}

/**
 * A refusal that names no field (a wrong number or password, too many tries) is shown at the number, with its
 * own status (401, 429) and, when throttled, the time to wait.
 */
function atMobile(reply: FastifyReply, error: unknown): unknown {
  if (error instanceof ThrottledError) reply.headers(error.headers);
  const unplaced =
    error instanceof AppError &&
    error.fields.length === 0 &&
    (error.code === 'LOGIN_FAILED' || error.code === 'RATE_LIMITED');
  return unplaced ? new AppError(error.code, { fields: [{ field: 'mobile', message: error.code }] }) : error;
}

/** The form again with what was typed (never a password) and every problem listed, or the error page. */
function formError(
  request: FastifyRequest,
  reply: FastifyReply,
  error: unknown,
  render: (errors: FieldError[]) => string | Promise<string>,
) {
  return renderFormError(request, reply, atMobile(reply, error), render, accountWords);
}

export function registerAccountRoutes(app: App, services: ZoneServices): void {
  const { loginLimit, codeLimit } = authLimits(services);
  const formPages = createFormPageCache();

  const loginForm: FormPage = (request, reply, { values, errors }) =>
    loginPage({
      ctx: portalContext(request, reply, { forms: true }),
      values: { mobile: values.mobile ?? '' },
      errors,
      next: nextOf(request),
    });

  app.get(
    '/login',
    { schema: { hide: true, querystring: LoginQuery }, config: { permission: PUBLIC, input: nextTarget } },
    async (request, reply) => {
      const next = nextOf(request);
      const expired = request.query.expired === '1';
      const reset = request.query.reset === '1';
      return reply.html(
        formPages.render(request, reply, portalContext(request, reply), (ctx) =>
          loginPage({ ctx, next, expired, reset }),
        ),
      );
    },
  );

  app.post(
    '/login',
    {
      schema: { hide: true, querystring: LoginQuery, body: LoginBody },
      config: { ...loginLimit, permission: PUBLIC, formPage: loginForm },
    },
    async (request, reply) => {
      const { mobile, password } = request.body;
      try {
        const citizen = await service.login(services, mobile, password, request.ip);
        await signIn(request, citizen.id);
      } catch (error) {
        return formError(request, reply, error, (errors) =>
          loginForm(request, reply, { values: { mobile: mobile ?? '' }, errors }),
        );
      }
      return reply.redirect(nextOf(request), 303);
    },
  );

  // Public: a visitor whose session has already ended still lands on the home page, not on the login form.
  app.post(
    '/logout',
    { schema: { hide: true, body: LogoutBody }, config: { permission: PUBLIC } },
    async (request, reply) => {
      await request.session.destroy();
      return reply.redirect('/', 303);
    },
  );

  for (const purpose of ['register', 'reset'] as const) {
    registerCodeSteps(app, services, purpose, formPages, { codeLimit, loginLimit });
  }

  registerProfileRoutes(app, services);
  registerAccountApi(app, services);
}

/** Registration and password reset: the number the code goes to, then the code with the new password. */
function registerCodeSteps(
  app: App,
  services: ZoneServices,
  purpose: 'register' | 'reset',
  formPages: ReturnType<typeof createFormPageCache>,
  limits: ReturnType<typeof authLimits>,
): void {
  const base = purpose === 'register' ? '/register' : '/reset-password';
  const codeStep = purpose === 'register' ? '/register/details' : '/reset-password/new';
  const codePurpose = purpose === 'register' ? 'register' : 'reset-password';

  const mobileForm: FormPage = (request, reply, { values, errors }) =>
    mobileStepPage({
      ctx: portalContext(request, reply, { forms: true }),
      values: { mobile: values.mobile ?? '' },
      errors,
      purpose,
    });

  const codeForm: FormPage = (request, reply, { values, errors }) => {
    const mobile = request.session.pendingMobile;
    // Without a number to send the code to, the person starts again from the first step.
    if (!mobile) return mobileForm(request, reply, { values: {}, errors: [] });
    return codeStepPage({
      ctx: portalContext(request, reply, { forms: true }),
      values: { code: values.code ?? '', displayName: values.displayName ?? '' },
      errors,
      purpose,
      mobileMasked: maskMobile(mobile),
    });
  };

  app.get(base, { schema: { hide: true }, config: { permission: PUBLIC } }, async (request, reply) =>
    reply.html(
      formPages.render(request, reply, portalContext(request, reply), (ctx) =>
        mobileStepPage({ ctx, purpose }),
      ),
    ),
  );

  app.post(
    base,
    {
      schema: { hide: true, body: MobileBody },
      config: { ...limits.codeLimit, permission: PUBLIC, formPage: mobileForm },
    },
    async (request, reply) => {
      const { mobile } = request.body;
      try {
        request.session.pendingMobile = await service.sendCode(services, mobile, codePurpose);
      } catch (error) {
        return formError(request, reply, error, (errors) =>
          mobileForm(request, reply, { values: { mobile: mobile ?? '' }, errors }),
        );
      }
      return reply.redirect(codeStep, 303);
    },
  );

  app.get(codeStep, { schema: { hide: true }, config: { permission: PUBLIC } }, async (request, reply) => {
    const mobile = request.session.pendingMobile;
    if (!mobile) return reply.redirect(base, 303);
    return reply.html(
      codeStepPage({
        ctx: portalContext(request, reply, { forms: true }),
        purpose,
        mobileMasked: maskMobile(mobile),
      }),
    );
  });

  app.post(
    codeStep,
    {
      schema: { hide: true, body: CodeBody },
      config: { ...limits.loginLimit, permission: PUBLIC, formPage: codeForm },
    },
    async (request, reply) => {
      const mobile = request.session.pendingMobile;
      if (!mobile) return reply.redirect(base, 303);
      const body = request.body;
      let registered: { id: string } | undefined;
      try {
        if (purpose === 'register') registered = await service.register(services, { ...body, mobile });
        else await service.resetPassword(services, { ...body, mobile });
      } catch (error) {
        const values = { code: body.code ?? '', displayName: body.displayName ?? '' };
        return formError(request, reply, error, (errors) => codeForm(request, reply, { values, errors }));
      }
      if (registered) {
        await signIn(request, registered.id);
        setFlash(
          request,
          request.lang === 'en' ? 'Your account is ready.' : '注册成功，欢迎使用网上公安局。',
        );
        return reply.redirect('/account', 303);
      }
      request.session.pendingMobile = undefined;
      return reply.redirect('/login?reset=1', 303);
    },
  );
}
