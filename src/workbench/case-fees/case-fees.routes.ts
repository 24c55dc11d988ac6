import type { FastifyReply, FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import type { FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { CaseStepJson } from '../cases/cases.presenter.ts';
import { caseView, step } from '../cases/cases.routes.ts';
import { CaseParams } from '../cases/cases.schema.ts';
import { staffOf } from '../session.ts';
import { assessCaseFee } from './case-fees.service.ts';

export const FeeBody = Type.Object(
  {
    _csrf: Type.Optional(Type.String({ maxLength: 128 })),
    name: Type.Optional(Type.String({ maxLength: 100 })),
    amount: Type.Optional(Type.String({ maxLength: 16 })),
  },
  { additionalProperties: false },
);

/** The holder of a case assesses its fee from the case page (or the API), as one more step on the case. */
export function registerCaseFeeRoutes(app: App, services: ZoneServices): void {
  app.post(
    '/cases/:number/fee',
    {
      schema: { params: CaseParams, body: FeeBody, response: { 200: CaseStepJson } },
      config: {
        permission: 'cases.act',
        formPage: (request: FastifyRequest, reply: FastifyReply, form: { errors: FieldError[] }) =>
          caseView(services, request, reply, (request.params as { number: string }).number, form),
      },
    },
    async (request, reply) =>
      step(services, request, reply, request.params.number, () =>
        assessCaseFee(services, staffOf(request), actorOf(request), request.params.number, {
          name: request.body.name ?? '',
          amount: request.body.amount ?? '',
        }),
      ),
  );
}
