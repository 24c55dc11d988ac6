import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchContext } from '../page.ts';
import { staffOf } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { presentFee } from '../case-fees/case-fees.presenter.ts';
import { queuePage } from './cases.queue.pages.tsx';
import { CaseStepJson, QueueJson, presentQueueItem } from './cases.presenter.ts';
import {
  attachmentFile,
  countByState,
  listQueue,
  unitCodesIn,
  type QueueCursor,
  type QueueFilter,
} from './cases.repository.ts';
import {
  ActionBody,
  ActionParams,
  AssignBody,
  CaseParams,
  ClaimBody,
  FileParams,
  QueueQuery,
} from './cases.schema.ts';
import { act, assign, claim, release, visibleCase } from './cases.service.ts';
import { caseActionNames, type CaseAction } from './cases.workflows.ts';
import { actionInput, caseData, caseView, step } from './cases.case-page.ts';

// The officers' side of cases: the queue of the units they reach, the case page (reading the applicant's
// personal data is audited), claiming, reassigning and the workflow's actions. Pages post plain forms and are
// answered with a redirect; the same routes answer JSON to API callers.

const PAGE_SIZE = 50;

export function registerCaseRoutes(app: App, services: ZoneServices): void {
  app.get(
    '/cases',
    {
      schema: { querystring: QueueQuery, response: { 200: QueueJson } },
      config: { permission: 'cases.read' },
    },
    async (request, reply) => {
      const me = staffOf(request);
      const query = request.query;
      const today = todayInShanghai(services.now());
      const filter: QueueFilter = {
        units: await unitCodesIn(services.db, reachOf(me, 'cases.read'), me.assignments),
        state: query.state || undefined,
        itemId: query.service || undefined,
        claimedBy: query.claim === 'mine' ? me.badgeNo : query.claim === 'unclaimed' ? null : undefined,
        overdueBefore: query.overdue === '1' ? today : undefined,
        idNumberHash: query.idNumber
          ? services.sealer.lookupHash(query.idNumber.trim().toUpperCase())
          : undefined,
      };
      // Looking a person up by ID number tells the officer which cases he has: audited like reading them.
      if (query.idNumber)
        await services.db.transaction((tx) =>
          recordAudit(tx, {
            ...actorOf(request),
            action: 'case.search',
            target: 'cases',
            detail: { by: 'id-number' },
            at: services.now(),
          }),
        );
      const [found, counts] = await Promise.all([
        listQueue(services.db, filter, { after: cursorFrom(query.after), limit: PAGE_SIZE + 1 }),
        countByState(services.db, filter),
      ]);
      const items = found.slice(0, PAGE_SIZE).map((row) => presentQueueItem(row, today));
      const last = found.length > PAGE_SIZE ? found[PAGE_SIZE - 1] : undefined;
      const view = { counts, cases: items, first: !query.after, next: last ? cursorOf(last) : null };
      if (wantsJson(request)) return reply.send(view);
      return reply.html(
        queuePage({
          ctx: workbenchContext(request, reply),
          ...view,
          estimated: (dueOn) => dueIsEstimated(services.calendar, dueOn),
          query,
        }),
      );
    },
  );

  app.get(
    '/cases/:number',
    { schema: { params: CaseParams }, config: { permission: 'cases.read' } },
    async (request, reply) => {
      if (wantsJson(request)) {
        const {
          fee,
          mayAssess: _assess,
          suggestedFee: _suggested,
          ...data
        } = await caseData(services, request, request.params.number);
        return reply.send({ ...data, fee: presentFee(fee) });
      }
      return reply.html(await caseView(services, request, reply, request.params.number));
    },
  );

  app.get(
    '/cases/:number/files/:attachmentId',
    { schema: { params: FileParams }, config: { permission: 'cases.read' } },
    async (request, reply) => {
      const row = await visibleCase(services.db, staffOf(request), request.params.number);
      const { attachmentId } = request.params;
      const file = /^[0-9a-f-]{36}$/.test(attachmentId)
        ? await attachmentFile(services.db, row.caseNumber, attachmentId)
        : undefined;
      if (!file?.content) throw new AppError('NOT_FOUND');
      await services.db.transaction((tx) =>
        recordAudit(tx, {
          ...actorOf(request),
          action: 'case.file.read',
          target: `case:${row.caseNumber}`,
          detail: { attachmentId },
          at: services.now(),
        }),
      );
      // Always a download, never rendered in the workbench's origin.
      return reply
        .header('content-type', 'application/octet-stream')
        .header(
          'content-disposition',
          `attachment; filename*=UTF-8''${encodeURIComponent(file.name ?? 'attachment')}`,
        )
        .send(file.content);
    },
  );

  const stepOptions = <P, B>(params: P, body: B, permission: string) => ({
    schema: { params, body, response: { 200: CaseStepJson } },
    config: {
      permission,
      input: { multiline: ['message'] },
      formPage: (request: FastifyRequest, reply: FastifyReply, form: { errors: FieldError[] }) =>
        caseView(services, request, reply, (request.params as { number: string }).number, form),
    },
  });

  app.post('/cases/:number/claim', stepOptions(CaseParams, ClaimBody, 'cases.act'), async (request, reply) =>
    step(services, request, reply, request.params.number, () =>
      claim(services, staffOf(request), actorOf(request), request.params.number),
    ),
  );

  app.post(
    '/cases/:number/release',
    stepOptions(CaseParams, ClaimBody, 'cases.act'),
    async (request, reply) =>
      step(services, request, reply, request.params.number, () =>
        release(services, staffOf(request), actorOf(request), request.params.number),
      ),
  );

  app.post(
    '/cases/:number/assign',
    stepOptions(CaseParams, AssignBody, 'cases.assign'),
    async (request, reply) =>
      step(services, request, reply, request.params.number, () =>
        assign(
          services,
          staffOf(request),
          actorOf(request),
          request.params.number,
          request.body.badgeNo ?? '',
        ),
      ),
  );

  app.post(
    '/cases/:number/actions/:action',
    stepOptions(ActionParams, ActionBody, 'cases.act'),
    async (request, reply) => {
      const { number, action } = request.params;
      return step(services, request, reply, number, async () => {
        // An action no workflow has is no page at all; one the case's workflow lacks is refused by it (409).
        if (!(caseActionNames as readonly string[]).includes(action)) {
          await visibleCase(services.db, staffOf(request), number);
          throw new AppError('NOT_FOUND');
        }
        await act(
          services,
          staffOf(request),
          actorOf(request),
          number,
          action as CaseAction,
          actionInput(request.body),
        );
      });
    },
  );
}

/** The queue's keyset cursor in the address: the due date (empty when none runs), a tilde, the case number. */
export const cursorOf = (row: { stateDueOn: string | null; caseNumber: string }) =>
  `${row.stateDueOn ?? ''}~${row.caseNumber}`;

function cursorFrom(after: string | undefined): QueueCursor | undefined {
  if (!after) return undefined;
  const [due = '', caseNumber = ''] = after.split('~');
  return { due: due || null, caseNumber };
}

// Moved beside this file; importers of this module still find them here.
export { caseView, step } from './cases.case-page.ts';
