import type { PublicCaseStatus } from '../../exchange/contracts/case-shapes.ts';
import {
  defineWorkflow,
  WorkflowDefinitionError,
  type StateSpec,
  type WorkflowDefinition,
} from '../../shared/workflow/workflow.definition.ts';
import type { Crossing } from '../workflow/workflow.ports.ts';
import { unitLevels, type UnitLevel } from './cases.levels.ts';
import {
  ACCEPTANCE_WORKING_DAYS,
  casePermissions,
  row,
  table,
  type CaseActions,
  type CaseKey,
  type CaseRowSpec,
} from './cases.workflow-rows.ts';

// How a case workflow is built and checked: the acceptance every process shares, the states every process
// ends in, a process made from another (variantOf), and the case-specific checks run when one is loaded.
// The processes themselves are in cases.workflows.ts and cases.licence-workflows.ts.

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
export const finalStates = {
  refused: { final: true, public: 'refused', zh: '不予许可', en: 'Refused' },
  completed: { final: true, public: 'completed', zh: '已办结', en: 'Completed' },
} as const;
export const issued = {
  'result-issued': {
    deadline: { workingDays: 10 },
    public: 'result-issued',
    zh: '已出证',
    en: 'Result issued',
  },
} as const;

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
