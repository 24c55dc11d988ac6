import {
  type ActorKind,
  type TransitionRow,
  type TransitionRows,
} from '../../shared/workflow/workflow.definition.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';

// The words every case workflow is written in: the actions, what an action carries, the step the applicant's
// portal is told, the permissions the staff policy decides, and the builders of one transition row and of the
// table the workflow module takes. The workflows themselves are in cases.workflows.ts.

export type CaseKey = { caseNumber: string };

export const caseActionNames = [
  'accept',
  'deem-accept',
  'request-materials',
  'not-accept',
  'supplement',
  'withdraw',
  'review',
  'check',
  'approve',
  'refuse',
  'issue',
  'complete',
  'return',
  // 审批 (approval) and 决定 (decision) as two steps, from the licence workflow's version 3 on.
  'agree',
  'disagree',
  'grant',
] as const;
export type CaseAction = (typeof caseActionNames)[number];

export interface MissingMaterial {
  code: string;
  name: string;
  problem: string;
}

/** What an action carries: the officer's words to the applicant, the legal basis, the missing materials. */
export interface StepData {
  message?: string | undefined;
  legalBasis?: string | undefined;
  missing?: readonly MissingMaterial[] | undefined;
}
export type CaseActions = Record<CaseAction, StepData>;

/** The step code the applicant's portal receives for each action (case.status.changed `step`). */
export const stepOf: Record<CaseAction, string> = {
  accept: 'accepted',
  'deem-accept': 'deemed-accepted',
  'request-materials': 'missing-materials',
  'not-accept': 'not-accepted',
  supplement: 'supplemented',
  withdraw: 'withdrawn',
  review: 'review-passed',
  check: 'review-passed',
  approve: 'approved',
  refuse: 'refused',
  issue: 'result-issued',
  complete: 'completed',
  return: 'returned',
  // The approver's opinion stays inside the police; the applicant learns that the decision is being drawn up,
  // and reads its reasons in the decision itself.
  agree: 'approval-done',
  disagree: 'approval-done',
  grant: 'granted',
};

/** The permissions the staff policy decides (cases.policy.ts); the applicant's and the platform's own are apart. */
export const casePermissions = ['cases.accept', 'cases.review', 'cases.approve', 'cases.decide'] as const;
export type CasePermission = (typeof casePermissions)[number];
type Permission = CasePermission | 'cases.applicant' | 'cases.system';
export type CaseRowSpec = TransitionRow<CaseKey, StepData, Crossing> & { action: CaseAction };

/** The legal five working days for acceptance (《行政许可法》第三十二条); past them the case is deemed accepted. */
export const ACCEPTANCE_WORKING_DAYS = 5;

export function row(
  from: string,
  action: CaseAction,
  to: string,
  permission: Permission,
  options: { fourEyes?: boolean } = {},
): CaseRowSpec {
  const actors: readonly ActorKind[] =
    permission === 'cases.applicant' ? ['citizen'] : permission === 'cases.system' ? ['system'] : ['staff'];
  return {
    from,
    action,
    to,
    permission,
    actors,
    ...(options.fourEyes ? { fourEyes: true } : {}),
    // The audit entry names the step and the materials by code; the officer's words stay in the history.
    audit: {
      action: `case.${action}`,
      detail: ({ data, from: was, to: now }) => ({
        from: was,
        to: now,
        ...(data.missing ? { missing: data.missing.map((m) => m.code) } : {}),
      }),
    },
  };
}

export function table(rows: readonly CaseRowSpec[]): TransitionRows<CaseKey, CaseActions, Crossing> {
  const only = <A extends CaseAction>(action: A) =>
    rows.filter((r): r is CaseRowSpec & { action: A } => r.action === action);
  // Written out action by action, so an action added to caseActionNames without a place here fails to compile.
  return {
    accept: only('accept'),
    'deem-accept': only('deem-accept'),
    'request-materials': only('request-materials'),
    'not-accept': only('not-accept'),
    supplement: only('supplement'),
    withdraw: only('withdraw'),
    review: only('review'),
    check: only('check'),
    approve: only('approve'),
    refuse: only('refuse'),
    issue: only('issue'),
    complete: only('complete'),
    return: only('return'),
    agree: only('agree'),
    disagree: only('disagree'),
    grant: only('grant'),
  };
}
