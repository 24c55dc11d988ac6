import {
  applicationSubmitted,
  applicationSupplemented,
  applicationWithdrawn,
  attachmentSubmitted,
} from '../../exchange/contracts/index.ts';
import type { CaseAnswers } from '../../exchange/contracts/case-shapes.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { eq } from 'drizzle-orm';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { maskIdNumber } from '../../shared/validators/id-number.ts';
import { transition, type WorkflowActor } from '../../shared/workflow/workflow.ts';
import { storeLetterPhoto } from '../letters/letters.intake.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPorts } from '../workflow/workflow.ports.ts';
import {
  findCase,
  findCaseByApplication,
  itemContent,
  linkAttachments,
  storeAttachment,
  unitByCode,
} from './cases.repository.ts';
import { recordStep } from './cases.steps.ts';
import { cases, type CaseRow } from './cases.tables.ts';
import { heldForms } from './cases.forms.ts';
import { workflowForItem } from './cases.item-workflows.ts';
import { caseStore, caseWorkflows } from './cases.workflows.ts';

// What arrives from the portal about applications: a new one opens a case in the queue of the unit that
// decides it (顶级受理), a withdrawal or a supplement moves it when its workflow allows, and the uploaded
// files join their case whichever of the two arrives first. Each runs in the inbox's transaction, so a
// message is handled exactly once with everything it writes.

/** The audit log's name for what the applicant does through the exchange. */
const EXCHANGE: AuditActor = { actor: 'exchange', actorUnit: null, sourceIp: null };

/** Masks a name for lists: the family name and a star for the rest (张*, 欧阳**). */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length <= 1) return '*';
  const keep = chars.length >= 4 ? 2 : 1;
  return chars.slice(0, keep).join('') + '*'.repeat(chars.length - keep);
}

/** The uploads an application's answers name, at the top level and inside repeating groups. */
export function uploadsIn(
  answers: CaseAnswers,
): { id: string; name: string; mediaType: string; size: number }[] {
  const found: { id: string; name: string; mediaType: string; size: number }[] = [];
  const visit = (value: unknown) => {
    if (Array.isArray(value)) value.forEach(visit);
    else if (value && typeof value === 'object') {
      const v = value as Record<string, unknown>;
      if (typeof v.id === 'string' && typeof v.mediaType === 'string' && typeof v.size === 'number')
        found.push({ id: v.id, name: String(v.name), mediaType: v.mediaType, size: v.size });
      else Object.values(v).forEach(visit);
    }
  };
  Object.values(answers).forEach(visit);
  return found;
}

export function applicationSubmittedHandler(services: ZoneServices): MessageHandler {
  return onMessage(applicationSubmitted, async (tx, application) => {
    // Redelivery, or the same case number under another id: the case is already open.
    if (
      (await findCase(tx, application.caseNumber)) ||
      (await findCaseByApplication(tx, application.applicationId))
    )
      return;
    const item = (await itemContent(tx, application.itemId, application.itemVersion)) as
      ServiceItem | undefined;
    // The workbench published every item version the portal offers; one it does not have is a fault to look
    // at, so the message waits (and is retried) rather than opening a case nobody can route.
    if (!item) throw new Error(`no item ${application.itemId}@${application.itemVersion} for a new case`);
    const heldHash = heldForms().hashOf(application.formId, application.formVersion);
    if (heldHash && heldHash !== application.formHash)
      throw new Error(`form ${application.formId}@${application.formVersion} differs from the one held`);
    const unit = await unitByCode(tx, item.implementingUnit.unitCode);
    if (!unit) throw new Error(`the deciding unit ${item.implementingUnit.unitCode} is not in the org tree`);

    const now = services.now();
    const today = todayInShanghai(now);
    const workflow = caseWorkflows.current(workflowForItem(item));
    const acceptanceDays = workflow.definition.states.submitted?.deadline?.workingDays ?? 5;
    const { applicant } = application;
    const [opened] = await tx
      .insert(cases)
      .values({
        caseNumber: application.caseNumber,
        applicationId: application.applicationId,
        itemId: item.id,
        itemVersion: application.itemVersion,
        itemName: item.name.zh,
        itemNameEn: item.name.en,
        formId: application.formId,
        formVersion: application.formVersion,
        formHash: application.formHash,
        unitCode: unit.code,
        unitPath: unit.path,
        citizenRef: applicant.citizenRef,
        applicantMasked: maskName(applicant.name),
        idNumberMasked: maskIdNumber(applicant.idNumber),
        idNumberHash: services.sealer.lookupHash(applicant.idNumber),
        applicantSealed: services.sealer.seal(
          JSON.stringify({ name: applicant.name, idNumber: applicant.idNumber, mobile: applicant.mobile }),
        ),
        companyName: applicant.company?.name ?? null,
        companyCreditCode: applicant.company?.creditCode ?? null,
        answers: application.answers,
        workflowId: workflow.definition.id,
        workflowVersion: workflow.definition.version,
        state: workflow.definition.initial,
        publicStatus: 'submitted',
        stateDueOn: services.calendar.addWorkingDays(today, acceptanceDays),
        stateSince: today,
        promisedValue: item.timeLimits.promised.value,
        promisedUnit: item.timeLimits.promised.unit,
        submittedAt: new Date(application.submittedAt),
        updatedAt: now,
      })
      .returning();
    if (!opened) throw new Error('the case was not opened');
    await linkAttachments(tx, opened.caseNumber, applicant.citizenRef, uploadsIn(application.answers));
    await recordAudit(tx, {
      ...EXCHANGE,
      action: 'case.submitted',
      target: `case:${opened.caseNumber}`,
      detail: {
        item: item.id,
        unit: unit.code,
        workflow: `${workflow.definition.id}@${workflow.definition.version}`,
      },
      at: now,
    });
    await recordStep(tx, {
      before: opened,
      action: 'submitted',
      publicStep: 'submitted',
      to: opened.state,
      actor: 'applicant',
      unitCode: null,
      data: {},
      stateDueOn: opened.stateDueOn,
      at: now,
    });
  });
}

/** The applicant, acting on his own case through the portal. */
function applicantActor(row: CaseRow, citizenRef: string): WorkflowActor {
  return { kind: 'citizen', id: citizenRef, may: () => row.citizenRef === citizenRef };
}

async function caseForApplicant(tx: Tx, caseNumber: string, applicationId: string): Promise<CaseRow> {
  const row = await findCase(tx, caseNumber, { lock: true });
  // The stream carries the submission first, so a case missing here is a fault: the message waits.
  if (!row || row.applicationId !== applicationId) throw new Error('no such case for this application');
  return row;
}

export function applicationWithdrawnHandler(services: ZoneServices): MessageHandler {
  return onMessage(applicationWithdrawn, async (tx, request) => {
    const row = await caseForApplicant(tx, request.caseNumber, request.applicationId);
    if (row.citizenRef !== request.citizenRef) return;
    await applicantStep(tx, row, services.now(), {
      action: 'withdraw',
      publicStep: 'withdrawn',
      citizenRef: request.citizenRef,
      note: request.reason,
      // The applicant is told the withdrawal came too late; the status stands.
      refused: { action: 'withdrawal-refused', publicStep: 'withdrawal-refused' },
    });
  });
}

export function applicationSupplementedHandler(services: ZoneServices): MessageHandler {
  return onMessage(applicationSupplemented, async (tx, supplement) => {
    const row = await caseForApplicant(tx, supplement.caseNumber, supplement.applicationId);
    if (row.citizenRef !== supplement.citizenRef) return;
    await applicantStep(tx, row, services.now(), {
      action: 'supplement',
      publicStep: 'supplemented',
      citizenRef: supplement.citizenRef,
      note: supplement.note,
      // A late or repeated supplement: kept in the history, the case and its answers stay as they are.
      refused: { action: 'supplement-refused' },
      extra: { previousAnswers: row.answers },
      whenAllowed: async () => {
        // A supplement answers again only what the notice named (the portal sends those answers alone): they
        // replace the earlier ones of the same questions, and every other answer stays as it was.
        await tx
          .update(cases)
          .set({ answers: { ...row.answers, ...supplement.answers } })
          .where(eq(cases.caseNumber, row.caseNumber));
        await linkAttachments(tx, row.caseNumber, row.citizenRef, uploadsIn(supplement.answers));
      },
    });
  });
}

/**
 * A request of the applicant's that the case's workflow may or may not allow in its state now: taken through
 * the workflow when it does, otherwise only kept in the history as refused.
 */
async function applicantStep(
  tx: Tx,
  row: CaseRow,
  now: Date,
  request: {
    action: 'withdraw' | 'supplement';
    publicStep: string;
    citizenRef: string;
    note: string;
    refused: { action: string; publicStep?: string };
    extra?: Record<string, unknown>;
    whenAllowed?: () => Promise<void>;
  },
): Promise<void> {
  const common = { before: row, actor: 'applicant', unitCode: null, data: { note: request.note }, at: now };
  const allowed = caseWorkflows
    .of(row.workflowId, row.workflowVersion)
    .definition.find(row.state, request.action);
  if (!allowed) {
    await recordStep(tx, {
      ...common,
      action: request.refused.action,
      ...(request.refused.publicStep ? { publicStep: request.refused.publicStep } : {}),
      to: row.state,
      stateDueOn: row.stateDueOn,
    });
    return;
  }
  const moved = await transition(tx, {
    versions: caseWorkflows.versionsOf(row.workflowId),
    store: caseStore,
    ports: workbenchPorts(EXCHANGE),
    key: { caseNumber: row.caseNumber },
    action: request.action,
    actor: applicantActor(row, request.citizenRef),
    data: {},
    now,
  });
  await request.whenAllowed?.();
  await recordStep(tx, {
    ...common,
    action: request.action,
    publicStep: request.publicStep,
    to: moved.to,
    ...(request.extra ? { extra: request.extra } : {}),
    stateDueOn: moved.dueOn,
  });
}

export function attachmentSubmittedHandler(services: ZoneServices): MessageHandler {
  return onMessage(attachmentSubmitted, async (tx, message) => {
    // One handler per message type: photos sent with letters belong to the letters feature.
    if (message.purpose === 'tip-evidence') return storeLetterPhoto(tx, message, services.now());
    await storeAttachment(tx, {
      attachmentId: message.attachmentId,
      citizenRef: message.citizenRef,
      name: message.file.name,
      mediaType: message.file.declaredType,
      content: Buffer.from(message.file.data, 'base64'),
      at: services.now(),
    });
  });
}

export function caseInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [
    applicationSubmittedHandler(services),
    applicationWithdrawnHandler(services),
    applicationSupplementedHandler(services),
    attachmentSubmittedHandler(services),
  ];
}
