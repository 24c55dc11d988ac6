import Type from 'typebox';
import type { CaseAnswers } from '../../exchange/contracts/case-shapes.ts';
import type { AttachmentInfo, QueueRow } from './cases.repository.ts';
import type { CaseActionRow, CaseRow } from './cases.tables.ts';
import { caseWorkflows } from './cases.workflows.ts';

// Cases as the API shows them. The queue carries the masked applicant only; the case view carries the
// applicant in full, and only the case route (which audits the reading) builds it.

export type DueTone = 'green' | 'amber' | 'red';

const dayOf = (date: string) => Date.parse(`${date}T00:00:00Z`) / 86_400_000;

/** Red past the due date, amber in the last third of the state's time, green before that. */
export function dueTone(since: string, due: string | null, today: string): DueTone | null {
  if (!due) return null;
  if (today > due) return 'red';
  const total = dayOf(due) - dayOf(since);
  const left = dayOf(due) - dayOf(today);
  return total <= 0 || left * 3 <= total ? 'amber' : 'green';
}

export interface QueueItemView {
  caseNumber: string;
  service: { id: string; name: string; nameEn: string };
  unitCode: string;
  applicant: string;
  company: string | null;
  state: string;
  stateName: { zh: string; en: string };
  stateDueOn: string | null;
  dueOn: string | null;
  tone: DueTone | null;
  claimedBy: string | null;
  submittedAt: string;
  feeDue: boolean;
}

export function stateNameOf(row: Pick<CaseRow, 'workflowId' | 'workflowVersion' | 'state'>) {
  const names = caseWorkflows.of(row.workflowId, row.workflowVersion).stateNames;
  return names[row.state] ?? { zh: row.state, en: row.state };
}

/** States the services name each in their own way; across services the queue names what they share. */
const sharedStateNames: Record<string, { zh: string; en: string }> = {
  accepted: { zh: '已受理', en: 'Accepted' },
  approved: { zh: '准予许可', en: 'Approved' },
  // Decided at the deciding unit or, for some licences, approved at the city bureau.
  reviewed: { zh: '待审批', en: 'Awaiting approval' },
};

/**
 * A state's words without a case at hand (the queue's counts and filter): its name in the workflows now in
 * use, or what the services share when they name it differently.
 */
export function stateLabel(state: string): { zh: string; en: string } {
  const found = caseWorkflows
    .ids()
    .map((id) => caseWorkflows.current(id).stateNames[state])
    .filter((n): n is { zh: string; en: string } => n !== undefined);
  const unique = (words: string[]) => [...new Set(words)].join(' / ');
  if (found.length === 0) return { zh: state, en: state };
  if (new Set(found.map((n) => n.zh)).size > 1 && sharedStateNames[state]) return sharedStateNames[state];
  return { zh: unique(found.map((n) => n.zh)), en: unique(found.map((n) => n.en)) };
}

export function presentQueueItem(row: QueueRow, today: string): QueueItemView {
  return {
    caseNumber: row.caseNumber,
    service: { id: row.itemId, name: row.itemName, nameEn: row.itemNameEn },
    unitCode: row.unitCode,
    applicant: row.applicantMasked,
    company: row.companyName,
    state: row.state,
    stateName: stateNameOf(row),
    stateDueOn: row.stateDueOn,
    dueOn: row.dueOn,
    tone: dueTone(row.stateSince, row.stateDueOn, today),
    claimedBy: row.claimedBy,
    submittedAt: row.submittedAt.toISOString(),
    feeDue: row.feeDue ?? false,
  };
}

export interface HistoryView {
  seq: number;
  at: string;
  actor: string;
  unitCode: string | null;
  action: string;
  from: string | null;
  to: string;
  reason: string | null;
  legalBasis: string | null;
  missing: { code: string; name: string; problem: string }[];
}

export function presentHistory(row: CaseActionRow): HistoryView {
  const data = row.data as { legalBasis?: string; missing?: HistoryView['missing'] };
  return {
    seq: row.seq,
    at: row.at.toISOString(),
    actor: row.actor,
    unitCode: row.unitCode,
    action: row.action,
    from: row.fromState,
    to: row.toState,
    reason: row.reason,
    legalBasis: data.legalBasis ?? null,
    missing: data.missing ?? [],
  };
}

export interface Applicant {
  name: string;
  idNumber: string;
  mobile: string;
}

export interface CaseView extends QueueItemView {
  applicationId: string;
  publicStatus: string;
  workflow: { id: string; version: number };
  form: { id: string; version: number };
  applicantDetails: Applicant;
  idNumberMasked: string;
  answers: CaseAnswers;
  /** The question each answer replies to, from the form version the application was made with. */
  questions: Record<string, { zh: string; en: string }>;
  files: AttachmentInfo[];
  history: HistoryView[];
  /** What this officer may do now (claim first if he does not hold the case). */
  actions: string[];
  materials: { code: string; name: string }[];
  /** What a decision starts from: the item's legal basis, and the approver's latest opinion (审批意见). */
  decision: { legalBasis: string; opinion: string | null };
  /** Which due dates fall in a year without a holiday schedule, counted on Monday to Friday only. */
  estimated: { stateDueOn: boolean; dueOn: boolean };
}

export function presentCase(
  row: CaseRow,
  today: string,
  extra: {
    applicant: Applicant;
    files: AttachmentInfo[];
    history: CaseActionRow[];
    actions: string[];
    materials: { code: string; name: string }[];
    questions: Record<string, { zh: string; en: string }>;
    legalBasis: string;
  },
): CaseView {
  const opinion = extra.history.findLast((h) => h.action === 'agree' || h.action === 'disagree');
  return {
    ...presentQueueItem(row, today),
    applicationId: row.applicationId,
    publicStatus: row.publicStatus,
    workflow: { id: row.workflowId, version: row.workflowVersion },
    form: { id: row.formId, version: row.formVersion },
    applicantDetails: extra.applicant,
    idNumberMasked: row.idNumberMasked,
    answers: row.answers,
    questions: extra.questions,
    files: extra.files,
    history: extra.history.map(presentHistory),
    actions: extra.actions,
    materials: extra.materials,
    decision: { legalBasis: extra.legalBasis, opinion: opinion?.reason ?? null },
    estimated: { stateDueOn: false, dueOn: false },
  };
}

/** What a step answers in the API: where the case stands now. */
export const CaseStepJson = Type.Object({
  caseNumber: Type.String(),
  state: Type.String(),
  publicStatus: Type.String(),
  claimedBy: Type.Union([Type.String(), Type.Null()]),
  stateDueOn: Type.Union([Type.String(), Type.Null()]),
  dueOn: Type.Union([Type.String(), Type.Null()]),
});

export function presentStep(row: CaseRow) {
  return {
    caseNumber: row.caseNumber,
    state: row.state,
    publicStatus: row.publicStatus,
    claimedBy: row.claimedBy,
    stateDueOn: row.stateDueOn,
    dueOn: row.dueOn,
  };
}

const Nullable = <T extends Parameters<typeof Type.Union>[0][number]>(schema: T) =>
  Type.Union([schema, Type.Null()]);
const Words = Type.Object({ zh: Type.String(), en: Type.String() });

/** The queue as the API shows it. */
export const QueueJson = Type.Object({
  counts: Type.Record(Type.String(), Type.Integer()),
  cases: Type.Array(
    Type.Object({
      caseNumber: Type.String(),
      service: Type.Object({ id: Type.String(), name: Type.String(), nameEn: Type.String() }),
      unitCode: Type.String(),
      applicant: Type.String(),
      company: Nullable(Type.String()),
      state: Type.String(),
      stateName: Words,
      stateDueOn: Nullable(Type.String()),
      dueOn: Nullable(Type.String()),
      tone: Nullable(Type.Union([Type.Literal('green'), Type.Literal('amber'), Type.Literal('red')])),
      claimedBy: Nullable(Type.String()),
      submittedAt: Type.String(),
      feeDue: Type.Boolean(),
    }),
  ),
  // Keyset paging: whether this is the first page, and the `after` value of the next one (null: none).
  first: Type.Boolean(),
  next: Nullable(Type.String()),
});
