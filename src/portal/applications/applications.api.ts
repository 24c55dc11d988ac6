import type { FastifyRequest } from 'fastify';
import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { AppError } from '../../shared/http/errors.ts';
import { ErrorResponse } from '../../shared/http/schemas.ts';
import { citizenOf } from '../session.ts';
import { applicationMessages, applicationWords } from './applications.messages.ts';
import {
  ApplicationJson,
  presentApplication,
  presentSubmitted,
  SubmittedJson,
} from './applications.presenter.ts';
import { IdParams } from './applications.schema.ts';
import * as service from './applications.service.ts';
import { submitApplication } from './applications.submit.ts';
import type { ApplyServices } from './applications.service.ts';

// The online application for apps and mini-programs: the same service functions as the pages, as JSON. A
// page's answers are posted to /api/v1/applications/{id}/pages/{pageId} (applications.routes.ts), which also
// takes the files of upload questions.

/** A service's refusal with its field messages in the reader's language instead of message keys. */
function worded(request: FastifyRequest, error: unknown): unknown {
  if (!(error instanceof AppError) || error.fields.length === 0) return error;
  return new AppError(error.code, {
    ...(error.detail === undefined ? {} : { detail: error.detail }),
    fields: error.fields.map((f) => ({
      field: f.field,
      message: applicationMessages(request.lang, f.message) ?? f.message,
    })),
  });
}

export function registerApplicationApi(app: App, services: ApplyServices): void {
  app.post(
    '/api/v1/applications',
    {
      config: { permission: 'applications.apply' },
      schema: {
        tags: ['applications'],
        summary: 'Start an application (or get the draft already started for the same service)',
        description:
          'The signed-in person must have passed the real-name check; a company form needs the id of a ' +
          'company he acts for. Answers 201 with a new draft, 200 with the draft already begun, 409 when an ' +
          'application for the same service is in flight.',
        body: Type.Object(
          {
            service: Type.String({
              maxLength: 64,
              description: 'The catalogue item, e.g. no-criminal-record-certificate',
            }),
            company: Type.Optional(Type.String({ maxLength: 36 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: ApplicationJson,
          201: ApplicationJson,
          404: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const citizen = citizenOf(request);
      const outcome = await service
        .startApplication(services, citizen, request.body.service, request.body.company)
        .catch((error: unknown) => {
          throw worded(request, error);
        });
      if (outcome.kind === 'in-flight') {
        throw new AppError('CONFLICT', {
          detail: 'in flight',
          fields: [{ field: 'service', message: applicationWords(request.lang, 'inFlight') }],
        });
      }
      const loaded = await service.applicationFor(services, citizen, outcome.id, 'applications.view');
      return reply
        .code(outcome.kind === 'created' ? 201 : 200)
        .send(await presentApplication(services, loaded));
    },
  );

  app.get(
    '/api/v1/applications/:id',
    {
      config: { permission: 'applications.view' },
      schema: {
        tags: ['applications'],
        summary: 'One application: the draft with its answers and next page, or the submitted case number',
        params: IdParams,
        response: { 200: ApplicationJson, 404: ErrorResponse },
      },
    },
    async (request) =>
      presentApplication(
        services,
        await service.applicationFor(services, citizenOf(request), request.params.id, 'applications.view'),
      ),
  );

  app.post(
    '/api/v1/applications/:id/submit',
    {
      config: { permission: 'applications.edit' },
      schema: {
        tags: ['applications'],
        summary: 'Submit a complete draft',
        description:
          'submitKey is a UUID the client makes once per submission: a retry with it (or any later submission ' +
          'of the same application) returns the same case number and never makes a second case.',
        params: IdParams,
        body: Type.Object(
          {
            submitKey: Type.String({ maxLength: 36 }),
            _csrf: Type.Optional(Type.String({ maxLength: 200 })),
          },
          { additionalProperties: false },
        ),
        response: {
          200: SubmittedJson,
          201: SubmittedJson,
          404: ErrorResponse,
          409: ErrorResponse,
          422: ErrorResponse,
        },
      },
    },
    async (request, reply) => {
      const { id } = request.params;
      const result = await submitApplication(services, citizenOf(request), id, request.body.submitKey).catch(
        (error: unknown) => {
          throw worded(request, error);
        },
      );
      return reply.code(result.created ? 201 : 200).send(presentSubmitted(id, result.caseNumber));
    },
  );
}
