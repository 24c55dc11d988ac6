import Type from 'typebox';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError } from '../../shared/http/errors.ts';
import { PUBLIC } from '../../shared/policy/registry.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { listColumn } from '../content/content.service.ts';
import { portalContext } from '../page.ts';
import { APPROVAL_RESULTS_PATH, approvalResultsPage } from './approval-results.pages.tsx';
import { ApprovalResultListJson, presentApprovalResult } from './approval-results.presenter.ts';
import { listApprovalResults } from './approval-results.repository.ts';

// 审批结果公示 for everyone, as a page and (Accept: application/json) as JSON from the same presenter. It takes
// the column's place among 警务公开's columns (a fixed path wins over /disclosure/:column) and keeps the
// column's notices below the results. The same for every visitor, so the page cache keeps it briefly.

const PAGE_SIZE = 20;
const publicPage = { permission: PUBLIC, publicCache: true } as const;
const ListQuery = Type.Object(
  {
    company: Type.Optional(Type.String({ maxLength: 100 })),
    page: Type.Optional(Type.String({ maxLength: 12 })),
  },
  { additionalProperties: false },
);

const pageOf = (raw: string | undefined) => Math.max(1, Math.min(1000, Number.parseInt(raw ?? '1', 10) || 1));

export function registerApprovalResultRoutes(app: App, services: ZoneServices): void {
  app.get(
    APPROVAL_RESULTS_PATH,
    { schema: { querystring: ListQuery, response: { 200: ApprovalResultListJson } }, config: publicPage },
    async (request, reply) => {
      const company = request.query.company?.trim() ?? '';
      const page = pageOf(request.query.page);
      const { rows, total } = await listApprovalResults(services.db, {
        company,
        page,
        pageSize: PAGE_SIZE,
      });
      const pageCount = Math.max(1, Math.ceil(total / PAGE_SIZE));
      if (page > pageCount) throw new AppError('NOT_FOUND');
      if (wantsJson(request))
        return reply.send({ total, page, pageCount, results: rows.map(presentApprovalResult) });
      const notices = await listColumn(services.db, 'approval-results', {
        today: todayInShanghai(services.now()),
        page: 1,
        pageSize: 5,
      });
      return reply.html(
        approvalResultsPage(portalContext(request, reply), {
          rows,
          total,
          page,
          pageCount,
          company,
          notices: notices.rows,
        }),
      );
    },
  );
}
