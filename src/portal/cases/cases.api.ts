import type { App } from '../../shared/http/app.ts';
import { ErrorResponse } from '../../shared/http/schemas.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { citizenOf } from '../session.ts';
import { CaseDetail, CaseList, presentDetail, presentList } from './cases.presenter.ts';
import { CaseParams, ListQuery } from './cases.schema.ts';
import * as service from './cases.service.ts';

/** "我的办件" for apps and mini-programs: the same cases and rules as the pages, as JSON. */
export function registerCaseApi(app: App, services: ZoneServices): void {
  app.get(
    '/api/v1/my/cases',
    {
      config: { permission: 'cases.view' },
      schema: {
        tags: ['cases'],
        summary: 'The signed-in citizen’s applications and cases, and those of the companies he represents',
        security: [{ session: [] }],
        querystring: ListQuery,
        response: { 200: CaseList, 401: ErrorResponse },
      },
    },
    async (request) =>
      presentList(
        await service.listView(
          services,
          citizenOf(request),
          request.query.status ?? 'all',
          request.query.page ?? 1,
        ),
      ),
  );

  app.get(
    '/api/v1/my/cases/:caseNumber',
    {
      config: { permission: 'cases.view' },
      schema: {
        tags: ['cases'],
        summary: 'One case: its steps, time limit, answers, documents and what the applicant may do now',
        security: [{ session: [] }],
        params: CaseParams,
        response: { 200: CaseDetail, 401: ErrorResponse, 404: ErrorResponse },
      },
    },
    async (request) =>
      presentDetail(
        await service.detailView(services, citizenOf(request), request.params.caseNumber, request.lang),
      ),
  );
}
