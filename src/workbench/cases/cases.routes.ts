import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Answers } from '../../shared/application-forms/index.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { App } from '../../shared/http/app.ts';
import { wantsJson } from '../../shared/http/error-handler.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { setFlash, takeFlash } from '../../shared/http/flash.ts';
import { formBody, renderFormError } from '../../shared/http/forms.ts';
import { WorkflowConflictError } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { actorOf } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchContext } from '../page.ts';
import { workbenchPolicy } from '../policy.ts';
import { staffOf } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { FeeSection } from '../case-fees/case-fees.pages.tsx';
import { presentFee } from '../case-fees/case-fees.presenter.ts';
import { feeOf } from '../case-fees/case-fees.repository.ts';
import { catalogueFee, WAITS_FOR_FEE } from '../case-fees/case-fees.service.ts';
import { caseMessages, CaseRefusal, inReadersLanguage } from './cases.messages.ts';
import { answersSummary, questionLabels } from './cases.forms.ts';
import { casePage } from './cases.pages.tsx';
import { queuePage } from './cases.queue.pages.tsx';
import { deliveryView } from '../delivery/delivery.view.ts';
import {
  CaseStepJson,
  QueueJson,
  presentCase,
  presentQueueItem,
  presentStep,
  type Applicant,
} from './cases.presenter.ts';
import {
  attachmentFile,
  attachmentsOf,
  countByState,
  findCase,
  historyOf,
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
import {
  act,
  assign,
  claim,
  legalBasisOf,
  mayAssign,
  materialsOf,
  release,
  staffActionsFor,
  visibleCase,
  type ActionInput,
} from './cases.service.ts';
import { caseActionNames, type CaseAction } from './cases.workflows.ts';

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
        units: await unitCodesIn(services.db, reachOf(me, 'cases.read')),
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
      return reply.html(queuePage({ ctx: workbenchContext(request, reply), ...view, query }));
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

function actionInput(body: Record<string, unknown>): ActionInput {
  const raw = body.missing;
  const codes = Array.isArray(raw) ? raw : typeof raw === 'string' && raw ? [raw] : [];
  return {
    message: typeof body.message === 'string' ? body.message : undefined,
    legalBasis: typeof body.legalBasis === 'string' ? body.legalBasis : undefined,
    missing: codes.map((code: string) => ({
      code,
      problem: typeof body[`problem-${code}`] === 'string' ? (body[`problem-${code}`] as string) : '',
    })),
  };
}

/** One step on a case: done, the case page says so; refused, the case page shows why with what was typed. */
export async function step(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  caseNumber: string,
  run: () => Promise<void>,
): Promise<FastifyReply> {
  try {
    await run();
  } catch (thrown) {
    const error =
      thrown instanceof WorkflowConflictError
        ? new CaseRefusal('CONFLICT', 'action', 'case.state.changed')
        : thrown;
    if (wantsJson(request)) throw inReadersLanguage(request, error);
    return renderFormError(
      request,
      reply,
      error,
      (errors) => caseView(services, request, reply, caseNumber, { errors, values: formBody(request) }),
      caseMessages,
    );
  }
  // A step can take the case out of the officer's sight (an approval at the city sends it home to its
  // sub-bureau): he is told where it now stands, and the page goes back to his queue.
  const row = await findCase(services.db, caseNumber);
  if (!row) throw new AppError('NOT_FOUND');
  if (wantsJson(request)) return reply.send(presentStep(row));
  setFlash(request, request.lang === 'en' ? 'Done.' : '已办理。');
  const stillSeen = workbenchPolicy.can(staffOf(request), 'cases.read', row);
  return reply.redirect(stillSeen ? `/cases/${caseNumber}` : '/cases', 303);
}

async function caseData(services: ZoneServices, request: FastifyRequest, caseNumber: string) {
  const me = staffOf(request);
  const row = await visibleCase(services.db, me, caseNumber);
  const [history, files, materials, legalBasis] = await Promise.all([
    historyOf(services.db, row.caseNumber),
    attachmentsOf(services.db, row.caseNumber),
    materialsOf(services.db, row),
    legalBasisOf(services.db, row),
  ]);
  const applicant = JSON.parse(services.sealer.open(row.applicantSealed)) as Applicant;
  // Reading the applicant's personal data is audited, whoever reads it and whatever he does next.
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...actorOf(request),
      action: 'case.read',
      target: `case:${row.caseNumber}`,
      detail: { personalData: ['applicant', 'answers'] },
      at: services.now(),
    }),
  );
  const fee = await feeOf(services.db, row.caseNumber);
  // A due fee holds back the steps that hand the result out: they are not offered until it is paid.
  const possible = staffActionsFor(me, row).filter(
    (action) => fee?.status !== 'due' || !WAITS_FOR_FEE.includes(action),
  );
  const actions = row.claimedBy === me.badgeNo ? possible : [];
  const questions = questionLabels(row.formId, row.formVersion);
  const view = presentCase(row, todayInShanghai(services.now()), {
    questions,
    applicant,
    files,
    history,
    actions,
    materials,
    legalBasis,
  });
  view.feeDue = fee?.status === 'due';
  const mayAssess = !fee && !row.closed && row.claimedBy === me.badgeNo;
  return {
    view,
    fee,
    mayAssess,
    suggestedFee: mayAssess ? await catalogueFee(services.db, row) : undefined,
    claimable: !row.closed && possible.length > 0 && row.claimedBy !== me.badgeNo,
    mayAssign: !row.closed && mayAssign(me, row),
  };
}

export async function caseView(
  services: ZoneServices,
  request: FastifyRequest,
  reply: FastifyReply,
  caseNumber: string,
  form?: { errors: FieldError[]; values?: Record<string, string> },
): Promise<string> {
  const data = await caseData(services, request, caseNumber);
  const ctx = workbenchContext(request, reply);
  const { form: held, answers } = data.view;
  const errors = form?.errors ?? [];
  const values = form?.values ?? {};
  return casePage({
    ctx,
    ...data,
    delivery: await deliveryView(services, ctx, await visibleCase(services.db, staffOf(request), caseNumber)),
    fee: FeeSection({
      ctx,
      caseNumber: data.view.caseNumber,
      fee: data.fee,
      mayAssess: data.mayAssess,
      suggested: data.suggestedFee,
      errors,
      values,
    }),
    summary: answersSummary(held.id, held.version, answers as Answers, ctx.lang),
    flash: takeFlash(request),
    errors: form?.errors ?? [],
    values: form?.values ?? {},
  });
}
