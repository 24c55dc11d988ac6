import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { formErrors } from '../../shared/http/forms.ts';
import { ErrorResponse } from '../../shared/http/schemas.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { citizenOf, signIn } from '../session.ts';
import { accountWords } from './accounts.messages.ts';
import { Me, presentMe, presentSignedIn, SignedIn } from './accounts.presenter.ts';
import { LoginRequest, SmsCodeRequest } from './accounts.schema.ts';
import * as service from './accounts.service.ts';
import { authLimits } from './login-throttle.ts';

/** API field errors carry readable messages in the request's language instead of message keys. */
function localise(request: FastifyRequest, error: unknown): unknown {
  const fields = formErrors(request, error, accountWords);
  return error instanceof AppError && fields ? new AppError(error.code, { fields }) : error;
}

/** The same rules as the pages, for apps and mini-programs, as JSON. */
export function registerAccountApi(app: App, services: ZoneServices): void {
  const { loginLimit, codeLimit } = authLimits(services);
  app.post(
    '/api/v1/auth/sms-codes',
    {
      config: { ...codeLimit, permission: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Send a one-time code by SMS (registration or password reset)',
        body: SmsCodeRequest,
        response: { 202: Type.Object({ sent: Type.Boolean() }), 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request, reply) => {
      await service.sendCode(services, request.body.mobile, request.body.purpose).catch((error: unknown) => {
        throw localise(request, error);
      });
      return reply.code(202).send({ sent: true });
    },
  );

  app.post(
    '/api/v1/auth/login',
    {
      config: { ...loginLimit, permission: PUBLIC },
      schema: {
        tags: ['accounts'],
        summary: 'Log in with mobile number and password; sets the session cookie',
        body: LoginRequest,
        response: { 200: SignedIn, 401: ErrorResponse, 422: ErrorResponse, 429: ErrorResponse },
      },
    },
    async (request) => {
      const { mobile, password } = request.body;
      const citizen = await service.login(services, mobile, password, request.ip).catch((error: unknown) => {
        throw localise(request, error);
      });
      await signIn(request, citizen.id);
      return presentSignedIn(citizen);
    },
  );

  app.get(
    '/api/v1/me',
    {
      config: { permission: 'account.use' },
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in citizen',
        security: [{ session: [] }],
        response: { 200: Me, 401: ErrorResponse },
      },
    },
    async (request) => presentMe(await service.getCitizen(services, citizenOf(request).id)),
  );
}
