import { sql } from 'drizzle-orm';
import { WorkflowDefinitionError, WorkflowVersions } from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { licenceCityV2, licenceV3 } from './cases.licence-workflows.ts';
import { cases } from './cases.tables.ts';
import {
  acceptance,
  caseWorkflow,
  checkCaseWorkflow,
  finalStates,
  issued,
  variantOf,
  type CaseWorkflow,
} from './cases.workflow-builder.ts';
import { row, type CaseActions, type CaseKey } from './cases.workflow-rows.ts';

// The shared processes a case can run under, as data: states, which action moves a case from which state to
// which, who may take it, the working-day deadline of each state, the public status each state shows the
// applicant, and (read from the table) what the applicant may do in it. Each case stores the id and version it
// was opened under; a new version is added beside the old one, never in its place.

// The vocabulary and the row builders live in cases.workflow-rows.ts; what callers use of them comes through here.
export {
  ACCEPTANCE_WORKING_DAYS,
  caseActionNames,
  casePermissions,
  row,
  stepOf,
  type CaseAction,
  type CaseActions,
  type CaseKey,
  type CasePermission,
  type CaseRowSpec,
  type MissingMaterial,
  type StepData,
} from './cases.workflow-rows.ts';
export {
  acceptance,
  caseWorkflow,
  checkCaseWorkflow,
  variantOf,
  type CaseWorkflow,
} from './cases.workflow-builder.ts';

/** 许可: accept, review, decide (approve or refuse, four eyes), issue, complete. */
export const licenceV1 = caseWorkflow(
  'case-licence',
  1,
  {
    accepted: { deadline: { workingDays: 10 }, public: 'accepted', zh: '待审查', en: 'Awaiting review' },
    reviewed: { deadline: { workingDays: 5 }, public: 'under-review', zh: '待决定', en: 'Awaiting decision' },
    approved: { deadline: { workingDays: 5 }, public: 'approved', zh: '准予许可', en: 'Approved' },
    ...issued,
    ...finalStates,
  },
  [
    ...acceptance('accepted'),
    row('accepted', 'review', 'reviewed', 'cases.review'),
    row('accepted', 'withdraw', 'withdrawn', 'cases.applicant'),
    row('reviewed', 'withdraw', 'withdrawn', 'cases.applicant'),
    row('reviewed', 'approve', 'approved', 'cases.decide', { fourEyes: true }),
    row('reviewed', 'refuse', 'refused', 'cases.decide', { fourEyes: true }),
    row('approved', 'issue', 'result-issued', 'cases.accept'),
    row('result-issued', 'complete', 'completed', 'cases.accept'),
  ],
);

/** 证明: accept, check, issue the (electronic) certificate. */
export const certificateV1 = caseWorkflow(
  'case-certificate',
  1,
  {
    accepted: { deadline: { workingDays: 5 }, public: 'accepted', zh: '待核查', en: 'Awaiting check' },
    checked: { deadline: { workingDays: 3 }, public: 'approved', zh: '待出证', en: 'Awaiting issue' },
    ...issued,
    ...finalStates,
  },
  [
    ...acceptance('accepted'),
    row('accepted', 'check', 'checked', 'cases.review'),
    row('accepted', 'refuse', 'refused', 'cases.decide', { fourEyes: true }),
    row('accepted', 'withdraw', 'withdrawn', 'cases.applicant'),
    row('checked', 'issue', 'result-issued', 'cases.accept'),
    row('result-issued', 'complete', 'completed', 'cases.accept'),
  ],
);

/** 备案: accept, issue the filing receipt, complete. */
export const filingV1 = caseWorkflow(
  'case-filing',
  1,
  {
    accepted: { deadline: { workingDays: 5 }, public: 'accepted', zh: '待备案', en: 'Awaiting filing' },
    ...issued,
    completed: finalStates.completed,
  },
  [
    ...acceptance('accepted'),
    row('accepted', 'issue', 'result-issued', 'cases.accept'),
    row('result-issued', 'complete', 'completed', 'cases.accept'),
  ],
);

/** 预审 then 先批后办: approved online, the applicant comes once with the originals and collects the result. */
export const preApplicationV1 = caseWorkflow(
  'case-pre-application',
  1,
  {
    accepted: { deadline: { workingDays: 5 }, public: 'under-review', zh: '预审中', en: 'In pre-review' },
    approved: {
      deadline: { workingDays: 20 },
      public: 'approved',
      zh: '待来窗领取',
      en: 'Awaiting the one visit',
    },
    ...finalStates,
  },
  [
    ...acceptance('accepted'),
    row('accepted', 'approve', 'approved', 'cases.decide', { fourEyes: true }),
    row('accepted', 'refuse', 'refused', 'cases.decide', { fourEyes: true }),
    row('accepted', 'withdraw', 'withdrawn', 'cases.applicant'),
    row('approved', 'complete', 'completed', 'cases.accept'),
  ],
);

// 退回: a reviewer sends a case back to acceptance, an approver back to review, each with the reason, which
// stays in the history; the applicant is told the case went back a step. Cases opened under version 1 keep it.
export const licenceV2 = variantOf(licenceV1, {
  version: 2,
  rows: [
    row('accepted', 'return', 'submitted', 'cases.review'),
    row('reviewed', 'return', 'accepted', 'cases.decide'),
  ],
});
export const certificateV2 = variantOf(certificateV1, {
  version: 2,
  rows: [row('accepted', 'return', 'submitted', 'cases.review')],
});
export const preApplicationV2 = variantOf(preApplicationV1, {
  version: 2,
  rows: [row('accepted', 'return', 'submitted', 'cases.decide')],
});

/** 许可 whose approval is the city bureau's: reviewed at the deciding unit, it goes up to the city's queue. */
export const licenceCityV1 = variantOf(
  licenceV2,
  { id: 'case-licence-city', version: 1, levels: { reviewed: 'city' } },
  { reviewed: { zh: '待市局审批', en: 'Awaiting approval at the city bureau' } },
);

export type CaseWorkflowId =
  'case-licence' | 'case-licence-city' | 'case-certificate' | 'case-filing' | 'case-pre-application';

/** Every version of every case workflow still in use. A changed process is a new version added to its list. */
export const caseWorkflowVersions: Record<CaseWorkflowId, readonly CaseWorkflow[]> = {
  'case-licence': [licenceV1, licenceV2, licenceV3],
  'case-licence-city': [licenceCityV1, licenceCityV2],
  'case-certificate': [certificateV1, certificateV2],
  'case-filing': [filingV1],
  'case-pre-application': [preApplicationV1, preApplicationV2],
};

export class CaseWorkflows {
  readonly #versions = new Map<string, WorkflowVersions<CaseKey, CaseActions, Crossing>>();
  readonly #extra = new Map<string, CaseWorkflow>();

  constructor(all: Record<string, readonly CaseWorkflow[]>) {
    for (const [id, list] of Object.entries(all)) for (const w of list) this.add(id, w);
  }

  /** Adds a version beside those already held; cases opened from now on run under the newest. */
  add(id: string, w: CaseWorkflow): void {
    checkCaseWorkflow(w);
    if (w.definition.id !== id) throw new WorkflowDefinitionError(`${w.definition.id} is not ${id}`);
    const held = [...this.#extra.entries()].filter(([key]) => key.startsWith(`${id}@`)).map(([, v]) => v);
    this.#versions.set(id, new WorkflowVersions([...held, w].map((v) => v.definition)));
    this.#extra.set(`${id}@${w.definition.version}`, w);
  }

  /** The version new cases of this workflow open under. */
  current(id: string): CaseWorkflow {
    const versions = this.versionsOf(id);
    return this.of(id, versions.current.version);
  }

  of(id: string, version: number): CaseWorkflow {
    const found = this.#extra.get(`${id}@${version}`);
    if (!found) throw new WorkflowDefinitionError(`no case workflow ${id}@${version} is loaded`);
    return found;
  }

  versionsOf(id: string): WorkflowVersions<CaseKey, CaseActions, Crossing> {
    const versions = this.#versions.get(id);
    if (!versions) throw new WorkflowDefinitionError(`no case workflow ${id}`);
    return versions;
  }

  ids(): string[] {
    return [...this.#versions.keys()];
  }
}

export const caseWorkflows = new CaseWorkflows(caseWorkflowVersions);

/** What the applicant may do in a state: read from the table, so it can never disagree with it. */
export function applicantMay(w: CaseWorkflow, state: string): ('withdraw' | 'supplement')[] {
  const may: ('withdraw' | 'supplement')[] = [];
  if (w.definition.find(state, 'withdraw')) may.push('withdraw');
  if (w.definition.find(state, 'supplement')) may.push('supplement');
  return may;
}

/** Where a case keeps its state; the officers who accepted and reviewed it are the ones four eyes exclude. */
export const caseStore: WorkflowStore<CaseKey> = {
  table: cases,
  where: (key) => sql`${cases.caseNumber} = ${key.caseNumber}`,
  target: (key) => `case:${key.caseNumber}`,
  columns: {
    state: cases.state,
    definitionId: cases.workflowId,
    definitionVersion: cases.workflowVersion,
    dueOn: cases.stateDueOn,
    updatedAt: cases.updatedAt,
    contributors: [cases.handledBy],
  },
};
