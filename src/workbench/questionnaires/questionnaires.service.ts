import {
  questionnaireAudiences,
  questionnaireResponseSubmitted,
  type QuestionnaireAudience,
} from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { reachOf, roleHolds, type Permission } from '../staff/staff.policy.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { readEditor } from './questionnaires.form.ts';
import * as repo from './questionnaires.repository.ts';
import type { QuestionnaireRow } from './questionnaires.tables.ts';
import {
  newQuestionnaireWorkflow,
  questionnaireStore,
  questionnaireWorkflow,
} from './questionnaires.workflow.ts';

// Satisfaction questionnaires: the supervisor builds one for his unit, publishes it for a period and an
// audience, edits it (a new version, published at once) and closes it. Every change checks the definition; the
// responses arrive from the portal with nothing about who gave them.

const refuse = (errors: FieldError[]): never => {
  throw new AppError('VALIDATION', { fields: errors });
};

export function listFor(services: ZoneServices, me: CurrentStaff) {
  return repo.listIn(services.db, reachOf(me, 'questionnaires.read'));
}

/** A questionnaire the officer may act on with `permission`; one out of his reach answers as missing. */
export async function load(services: ZoneServices, me: CurrentStaff, id: string, permission: Permission) {
  const row = await repo.findQuestionnaire(services.db, id);
  if (!row) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, permission, { unitPath: row.unitPath });
  return row;
}

/** The unit a new questionnaire belongs to: the first where the officer builds questionnaires. */
function homeUnitOf(me: CurrentStaff) {
  const home = me.assignments.find((a) => roleHolds(a.role, 'questionnaires.manage'));
  if (!home) throw new AppError('FORBIDDEN');
  return home;
}

export async function create(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  values: Record<string, string>,
): Promise<string> {
  const { definition, errors } = readEditor(values);
  if (errors.length) refuse(errors);
  const unit = homeUnitOf(me);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const row = await repo.insertQuestionnaire(tx, {
      unitCode: unit.unitCode,
      unitPath: unit.unitPath,
      definition,
      state: 'draft',
      ...newQuestionnaireWorkflow(),
      createdBy: me.badgeNo,
      updatedBy: me.badgeNo,
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      ...by,
      action: 'questionnaire.create',
      target: `questionnaire:${row.id}`,
      at: now,
    });
    return row.id;
  });
}

/** Saves an edit: a draft changes in place; a published questionnaire gets its next version, published at once. */
export async function save(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  row: QuestionnaireRow,
  values: Record<string, string>,
): Promise<number> {
  if (row.state === 'closed') throw new AppError('CONFLICT', { detail: 'questionnaire closed' });
  const { definition, errors } = readEditor(values);
  if (errors.length) refuse(errors);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const locked = await repo.lockQuestionnaire(tx, row.id);
    if (!locked || locked.state === 'closed') throw new AppError('CONFLICT');
    if (locked.state === 'draft') {
      await repo.updateQuestionnaire(tx, row.id, { definition, updatedBy: me.badgeNo, updatedAt: now });
      await recordAudit(tx, {
        ...by,
        action: 'questionnaire.edit',
        target: `questionnaire:${row.id}`,
        at: now,
      });
      return locked.version;
    }
    const version = locked.version + 1;
    await repo.insertVersion(tx, {
      questionnaireId: row.id,
      version,
      definition,
      publishedBy: me.badgeNo,
      publishedAt: now,
    });
    await transition(tx, {
      versions: questionnaireWorkflow,
      store: questionnaireStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: row.id },
      action: 'revise',
      actor: staffActor(me, row.unitPath),
      data: { message: publishedMessage({ ...locked, definition, version }, now) },
      now,
    });
    await repo.updateQuestionnaire(tx, row.id, {
      definition,
      version,
      updatedBy: me.badgeNo,
      updatedAt: now,
    });
    return version;
  });
}

function publishedMessage(row: QuestionnaireRow, at: Date) {
  return {
    questionnaireId: row.id,
    version: row.version,
    definition: row.definition,
    audience: row.audience ?? 'everyone',
    opensOn: row.opensOn ?? todayInShanghai(at),
    closesOn: row.closesOn ?? todayInShanghai(at),
    publishedAt: at.toISOString(),
  };
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const isDate = (s: string) =>
  DATE.test(s) &&
  !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) &&
  new Date(`${s}T00:00:00Z`).toISOString().startsWith(s);

/** The period and audience, checked: real dates, the end not before the start nor before today. */
export function readPublication(values: Record<string, string>, today: string) {
  const errors: FieldError[] = [];
  const audience = values.audience as QuestionnaireAudience;
  if (!(questionnaireAudiences as readonly string[]).includes(audience ?? ''))
    errors.push({ field: 'audience', message: 'quest.audience' });
  const opensOn = (values.opensOn ?? '').trim();
  const closesOn = (values.closesOn ?? '').trim();
  if (!isDate(opensOn)) errors.push({ field: 'opensOn', message: 'quest.opensOn' });
  if (!isDate(closesOn)) errors.push({ field: 'closesOn', message: 'quest.closesOn' });
  else if (isDate(opensOn) && closesOn < opensOn)
    errors.push({ field: 'closesOn', message: 'quest.closesBeforeOpens' });
  else if (closesOn < today) errors.push({ field: 'closesOn', message: 'quest.closesInPast' });
  return { audience, opensOn, closesOn, errors };
}

export async function publish(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  row: QuestionnaireRow,
  values: Record<string, string>,
): Promise<void> {
  const now = services.now();
  const { audience, opensOn, closesOn, errors } = readPublication(values, todayInShanghai(now));
  if (errors.length) refuse(errors);
  await services.db.transaction(async (tx) => {
    const locked = await repo.lockQuestionnaire(tx, row.id);
    if (!locked || locked.state !== 'draft') throw new AppError('CONFLICT', { detail: 'not a draft' });
    const version = locked.version + 1;
    const next = { ...locked, version, audience, opensOn, closesOn };
    await repo.insertVersion(tx, {
      questionnaireId: row.id,
      version,
      definition: locked.definition,
      publishedBy: me.badgeNo,
      publishedAt: now,
    });
    await transition(tx, {
      versions: questionnaireWorkflow,
      store: questionnaireStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: row.id },
      action: 'publish',
      actor: staffActor(me, row.unitPath),
      data: { message: publishedMessage(next, now) },
      now,
    });
    await repo.updateQuestionnaire(tx, row.id, {
      version,
      audience,
      opensOn,
      closesOn,
      updatedBy: me.badgeNo,
    });
  });
}

export async function close(services: ZoneServices, me: CurrentStaff, by: AuditActor, row: QuestionnaireRow) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await transition(tx, {
      versions: questionnaireWorkflow,
      store: questionnaireStore,
      ports: workbenchPorts(by, services.calendar),
      key: { id: row.id },
      action: 'close',
      actor: staffActor(me, row.unitPath),
      data: { closedAt: now.toISOString() },
      now,
    });
    await repo.updateQuestionnaire(tx, row.id, { updatedBy: me.badgeNo });
  });
}

/** Responses from the portal: stored once each, for a questionnaire this workbench published. */
export function questionnaireInboxHandlers(services: ZoneServices): MessageHandler[] {
  return [
    onMessage(questionnaireResponseSubmitted, async (tx, m) => {
      const known = await repo.findQuestionnaire(tx, m.questionnaireId);
      if (!known || m.version > known.version) return;
      await repo.insertResponse(tx, {
        id: m.responseId,
        questionnaireId: m.questionnaireId,
        version: m.version,
        audience: m.audience,
        answers: m.answers,
        submittedAt: new Date(m.submittedAt),
        receivedAt: services.now(),
      });
    }),
  ];
}
