import Type from 'typebox';
import type { App } from '../../shared/http/app.ts';
import { FormBody } from '../../shared/http/schemas.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalContext } from '../page.ts';
import * as pages from './answers.pages.tsx';
import * as service from './answers.service.ts';

// Instant answers (查看相关答复) and the public Q&A pages: public, work without scripts.

const AnswersQuery = Type.Object({ q: Type.Optional(Type.String({ maxLength: 200 })) });
const EntryParams = Type.Object({ entryId: Type.String({ format: 'uuid', maxLength: 36 }) });
const HelpedBody = FormBody({ q: Type.Optional(Type.String({ maxLength: 200 })) });
const QaQuery = Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, maximum: 1000 })) });
const QaParams = Type.Object({ id: Type.String({ format: 'uuid', maxLength: 36 }) });

export function registerAnswerRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/interaction/answers',
    { schema: { hide: true, querystring: AnswersQuery }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const q = (request.query.q ?? '').trim();
      const found = q ? await service.suggestAnswers(services.db, q) : [];
      return reply.html(pages.answersPage({ ctx: portalContext(request, reply, { forms: true }), q, found }));
    },
  );
  // Counted: one row per mark, a signed-in citizen once per answer; a visitor's marks are rate-limited.
  app.post(
    '/interaction/answers/:entryId/helped',
    {
      schema: { hide: true, params: EntryParams, body: HelpedBody },
      config: { permission: PUBLIC, rateLimit: { max: 20, timeWindow: '1 minute' } },
    },
    async (request, reply) => {
      await service.markHelped(services, request.params.entryId, request.citizen?.id);
      return reply.header('cache-control', 'no-store').html(pages.thanksPage(portalContext(request, reply)));
    },
  );

  app.get(
    '/qa',
    { schema: { hide: true, querystring: QaQuery }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const page = request.query.page ?? 1;
      const { rows, total } = await service.qaPage(services.db, page);
      const pageCount = Math.max(1, Math.ceil(total / service.QA_PAGE_SIZE));
      return reply.html(pages.qaListPage({ ctx: portalContext(request, reply), rows, page, pageCount }));
    },
  );
  app.get(
    '/qa/:id',
    { schema: { hide: true, params: QaParams }, config: { permission: PUBLIC } },
    async (request, reply) => {
      const row = await service.qaEntry(services.db, request.params.id);
      return reply.html(pages.qaEntryPage({ ctx: portalContext(request, reply), row }));
    },
  );
}
