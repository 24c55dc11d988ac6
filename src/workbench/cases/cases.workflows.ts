import { sql } from 'drizzle-orm';
import type { PublicCaseStatus } from '../../exchange/contracts/case-shapes.ts';
import {
  defineWorkflow,
  WorkflowDefinitionError,
  WorkflowVersions,
  type StateSpec,
  type WorkflowDefinition,
} from '../../shared/workflow/workflow.definition.ts';
import type { WorkflowStore } from '../../shared/workflow/workflow.repository.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { unitLevels, type UnitLevel } from './cases.levels.ts';
import { cases } from './cases.tables.ts';
import {
  ACCEPTANCE_WORKING_DAYS,
  casePermissions,
  row,
  table,
  type CaseActions,
  type CaseKey,
  type CaseRowSpec,
} from './cases.workflow-rows.ts';

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

type Row = CaseRowSpec;

/** Acceptance is the same in every process: accept (or be deemed accepted), send one notice, or refuse. */
export function acceptance(acceptedState: string): Row[] {
  return [
    row('submitted', 'accept', acceptedState, 'cases.accept'),
    row('submitted', 'deem-accept', acceptedState, 'cases.system'),
    row('submitted', 'request-materials', 'missing-materials', 'cases.accept'),
    row('submitted', 'not-accept', 'not-accepted', 'cases.accept'),
    row('missing-materials', 'supplement', 'submitted', 'cases.applicant'),
    row('submitted', 'withdraw', 'withdrawn', 'cases.applicant'),
    row('missing-materials', 'withdraw', 'withdrawn', 'cases.applicant'),
  ];
}

const acceptanceStates: Record<string, StateSpec> = {
  submitted: { deadline: { workingDays: ACCEPTANCE_WORKING_DAYS } },
  // The applicant's turn: no deadline runs for the officers while they wait.
  'missing-materials': {},
  'not-accepted': { final: true },
  withdrawn: { final: true },
};
const acceptancePublic: Record<string, PublicCaseStatus> = {
  submitted: 'submitted',
  'missing-materials': 'missing-materials',
  'not-accepted': 'not-accepted',
  withdrawn: 'withdrawn',
};

export interface CaseWorkflow {
  definition: WorkflowDefinition<CaseKey, CaseActions, Crossing>;
  /** What the applicant is shown for each state. */
  publicStatus: Record<string, PublicCaseStatus>;
  /** Words for the states, for queues and case pages. */
  stateNames: Record<string, { zh: string; en: string }>;
  /** The unit level that acts in a state, where it is not the deciding unit's own (cases.levels.ts). */
  levels?: Record<string, UnitLevel>;
}

export function caseWorkflow(
  id: string,
  version: number,
  states: Record<string, StateSpec & { public: PublicCaseStatus; zh: string; en: string; level?: UnitLevel }>,
  rows: Row[],
): CaseWorkflow {
  const all = { ...acceptanceStates, ...states };
  const definition = defineWorkflow<CaseKey, CaseActions, Crossing>({
    id,
    version,
    initial: 'submitted',
    states: Object.fromEntries(
      Object.entries(all).map(([name, spec]) => [
        name,
        { ...(spec.final ? { final: true } : {}), ...(spec.deadline ? { deadline: spec.deadline } : {}) },
      ]),
    ),
    transitions: table(rows),
  });
  const publicStatus: Record<string, PublicCaseStatus> = { ...acceptancePublic };
  const stateNames: Record<string, { zh: string; en: string }> = { ...acceptanceNames };
  const levels: Record<string, UnitLevel> = {};
  for (const [name, spec] of Object.entries(states)) {
    publicStatus[name] = spec.public;
    stateNames[name] = { zh: spec.zh, en: spec.en };
    if (spec.level) levels[name] = spec.level;
  }
  const workflow = { definition, publicStatus, stateNames, levels };
  checkCaseWorkflow(workflow);
  return workflow;
}

const acceptanceNames: Record<string, { zh: string; en: string }> = {
  submitted: { zh: '待受理', en: 'Awaiting acceptance' },
  'missing-materials': { zh: '待补正', en: 'Awaiting missing materials' },
  'not-accepted': { zh: '不予受理', en: 'Not accepted' },
  withdrawn: { zh: '已撤回', en: 'Withdrawn' },
};
const finalStates = {
  refused: { final: true, public: 'refused', zh: '不予许可', en: 'Refused' },
  completed: { final: true, public: 'completed', zh: '已办结', en: 'Completed' },
} as const;
const issued = {
  'result-issued': {
    deadline: { workingDays: 10 },
    public: 'result-issued',
    zh: '已出证',
    en: 'Result issued',
  },
} as const;

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

/**
 * A process made from another: the same states and rows, with more rows, a unit level on some states, other
 * names. Used for a new version of a process and for a variant that differs only in who acts where.
 */
export function variantOf(
  base: CaseWorkflow,
  change: { id?: string; version: number; rows?: Row[]; levels?: Record<string, UnitLevel> },
  names: Record<string, { zh: string; en: string }> = {},
): CaseWorkflow {
  const states = Object.fromEntries(
    Object.entries(base.definition.states).map(([name, spec]) => {
      const level = change.levels?.[name] ?? base.levels?.[name];
      const words = names[name] ?? base.stateNames[name] ?? { zh: name, en: name };
      const shown = base.publicStatus[name] ?? 'submitted';
      return [name, { ...spec, public: shown, ...words, ...(level ? { level } : {}) }];
    }),
  );
  const rows = Object.values(base.definition.transitions).flat() as Row[];
  const id = change.id ?? base.definition.id;
  return caseWorkflow(id, change.version, states, [...rows, ...(change.rows ?? [])]);
}

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
  'case-licence': [licenceV1, licenceV2],
  'case-licence-city': [licenceCityV1],
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

/**
 * What the generic checks of defineWorkflow do not know about cases: every state shows the applicant a
 * status, every state officers act in has a deadline, and every staff action names a permission a role holds.
 */
export function checkCaseWorkflow(w: CaseWorkflow): void {
  const { definition } = w;
  const problems: string[] = [];
  const rows = Object.values(definition.transitions).flat() as Row[];
  for (const [state, spec] of Object.entries(definition.states)) {
    if (!w.publicStatus[state]) problems.push(`state "${state}" shows the applicant no public status`);
    if (!w.stateNames[state]) problems.push(`state "${state}" has no name`);
    const staffActs = rows.some((r) => r.from === state && r.actors.includes('staff'));
    if (staffActs && !spec.deadline)
      problems.push(`state "${state}": officers act in it but no deadline runs`);
  }
  for (const [state, level] of Object.entries(w.levels ?? {}))
    if (!unitLevels.includes(level) || !rows.some((r) => r.from === state && r.actors.includes('staff')))
      problems.push(
        `state "${state}": a unit level (${level}) needs a known level and officers acting in it`,
      );
  for (const r of rows)
    if (r.actors.includes('staff') && !(casePermissions as readonly string[]).includes(r.permission))
      problems.push(`"${r.from}" --${r.action}-->: permission ${r.permission} is held by no role`);
  if (problems.length > 0)
    throw new WorkflowDefinitionError(
      `case workflow ${definition.id}@${definition.version} is not valid:\n- ${problems.join('\n- ')}`,
    );
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
