import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Answers } from '../../shared/application-forms/index.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { dueIsEstimated } from '../../shared/ui/estimated-due.tsx';
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
import { FeeSection } from '../case-fees/case-fees.pages.tsx';
import { feeOf } from '../case-fees/case-fees.repository.ts';
import { catalogueFee, WAITS_FOR_FEE } from '../case-fees/case-fees.service.ts';
import { caseMessages, CaseRefusal, inReadersLanguage } from './cases.messages.ts';
import { answersSummary, questionLabels } from './cases.forms.ts';
import { casePage } from './cases.pages.tsx';
import { deliveryView } from '../delivery/delivery.view.ts';
import { presentCase, presentStep, type Applicant } from './cases.presenter.ts';
import { attachmentsOf, findCase, historyOf } from './cases.repository.ts';
import type { CaseRow } from './cases.tables.ts';
import {
  legalBasisOf,
  mayAssign,
  materialsOf,
  staffActionsFor,
  visibleCase,
  type ActionInput,
} from './cases.service.ts';

// A case's own page and the answer to a step taken on it: the page reads the case with its history, files and
// the applicant's data (reading them is audited) and offers what the officer may do next; a step answers
// with the case's new state as JSON, or back to the page (or the queue, when the case left his view).

export function actionInput(body: Record<string, unknown>): ActionInput {
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

export async function caseData(services: ZoneServices, request: FastifyRequest, caseNumber: string) {
  return caseDataOf(services, request, await visibleCase(services.db, staffOf(request), caseNumber));
}

async function caseDataOf(services: ZoneServices, request: FastifyRequest, row: CaseRow) {
  const me = staffOf(request);
  // Reading the applicant's personal data is audited, whoever reads it and whatever he does next. The record
  // is written beside the page's reads, on a connection of its own, rather than after them: its transaction
  // is five round trips, and the page is shown only once it has committed.
  const audited = services.db.transaction((tx) =>
    recordAudit(tx, {
      ...actorOf(request),
      action: 'case.read',
      target: `case:${row.caseNumber}`,
      detail: { personalData: ['applicant', 'answers'] },
      at: services.now(),
    }),
  );
  const [history, files, materials, legalBasis, fee] = await Promise.all([
    historyOf(services.db, row.caseNumber),
    attachmentsOf(services.db, row.caseNumber),
    materialsOf(services.db, row),
    legalBasisOf(services.db, row),
    feeOf(services.db, row.caseNumber),
    audited,
  ]);
  const applicant = JSON.parse(services.sealer.open(row.applicantSealed)) as Applicant;
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
  view.estimated = {
    stateDueOn: dueIsEstimated(services.calendar, row.stateDueOn),
    dueOn: dueIsEstimated(services.calendar, row.dueOn),
  };
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
  // The case is read once: its page and its delivery section show the same row.
  const row = await visibleCase(services.db, staffOf(request), caseNumber);
  const data = await caseDataOf(services, request, row);
  const ctx = workbenchContext(request, reply);
  const { form: held, answers } = data.view;
  const errors = form?.errors ?? [];
  const values = form?.values ?? {};
  return casePage({
    ctx,
    ...data,
    delivery: await deliveryView(services, ctx, row),
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
