import type { Role } from '../db/schema.ts';
import { caseWorkflows } from '../cases/cases.workflows.ts';
import { letterWorkflow } from '../letters/letters.workflow.ts';
import { roles as knownRoles } from '../staff/roles.ts';
import { urgingWorkflows } from './supervision.workflow.ts';

// When an urging escalates, as data: a rule names the urging states it watches, which supervised items it
// covers (a source, the workflow of the item and optionally some of its states), what sets it off (no answer
// some working days after the reply date, or the n-th urging of one item) and where it goes (so many levels
// above the urging unit, to which roles). Rules are checked when loaded against the workflows they name: a
// state or role that does not exist stops the rules from loading, so a typo cannot silently never fire.

export type EscalationTrigger =
  { kind: 'unanswered'; workingDaysAfterReplyDate: number } | { kind: 'repeated'; urgings: number };

export interface EscalationRule {
  id: string;
  /** States of the urging workflow the rule watches; each must allow the platform's `escalate`. */
  urgingStates: readonly string[];
  /** The supervised items it covers: cases or letters. */
  source: 'case' | 'letter';
  /** The item's workflow id, or '*' for every workflow of the source. */
  workflow: string;
  /** Only while the item is in one of these states of its workflow (all states when absent). */
  states?: readonly string[];
  trigger: EscalationTrigger;
  levelsUp: number;
  roles: readonly Role[];
}

export class EscalationRuleError extends Error {
  override name = 'EscalationRuleError';
}

export interface RuleContext {
  /** Each source's workflows, by id, with the states of their current version. */
  workflows: Record<EscalationRule['source'], ReadonlyMap<string, readonly string[]>>;
  roles: readonly string[];
}

const defaultContext = (): RuleContext => ({
  workflows: {
    case: new Map(
      caseWorkflows.ids().map((id) => [id, Object.keys(caseWorkflows.current(id).definition.states)]),
    ),
    letter: new Map([[letterWorkflow.id, Object.keys(letterWorkflow.current.states)]]),
  },
  roles: knownRoles,
});

/** Checks every rule and returns them frozen; throws with every problem named. */
export function loadEscalationRules(
  rules: readonly EscalationRule[],
  context: RuleContext = defaultContext(),
): readonly EscalationRule[] {
  const problems: string[] = [];
  const seen = new Set<string>();
  const urging = urgingWorkflows.current;
  for (const rule of rules) {
    const at = `rule "${rule.id}"`;
    if (!/^[a-z][a-z0-9-]*$/.test(rule.id)) problems.push(`${at}: id must be lower-case words`);
    if (seen.has(rule.id)) problems.push(`${at}: a second rule with this id`);
    seen.add(rule.id);
    if (rule.urgingStates.length === 0) problems.push(`${at}: names no urging state`);
    for (const state of rule.urgingStates) {
      if (!(state in urging.states)) problems.push(`${at}: urging state "${state}" does not exist`);
      else if (!urging.find(state, 'escalate'))
        problems.push(`${at}: urging state "${state}" cannot escalate`);
    }
    const known = (context.workflows as Partial<RuleContext['workflows']>)[rule.source];
    if (!known) problems.push(`${at}: unknown source "${String(rule.source)}"`);
    else if (rule.workflow !== '*' && !known.has(rule.workflow))
      problems.push(`${at}: workflow "${rule.workflow}" does not exist`);
    else {
      const workflows = rule.workflow === '*' ? [...known.keys()] : [rule.workflow];
      for (const state of rule.states ?? [])
        if (!workflows.some((id) => known.get(id)?.includes(state)))
          problems.push(`${at}: state "${state}" is in no workflow it names`);
    }
    if (rule.roles.length === 0) problems.push(`${at}: alerts no role`);
    for (const role of rule.roles)
      if (!context.roles.includes(role)) problems.push(`${at}: role "${role}" does not exist`);
    if (!Number.isInteger(rule.levelsUp) || rule.levelsUp < 0 || rule.levelsUp > 5)
      problems.push(`${at}: levelsUp must be a whole number from 0 to 5`);
    const t = rule.trigger;
    if (
      t.kind === 'unanswered' &&
      (!Number.isInteger(t.workingDaysAfterReplyDate) || t.workingDaysAfterReplyDate < 0)
    )
      problems.push(`${at}: working days after the reply date must be a whole number from 0`);
    if (t.kind === 'repeated' && (!Number.isInteger(t.urgings) || t.urgings < 2))
      problems.push(`${at}: a repeated urging counts from the second`);
  }
  if (problems.length > 0)
    throw new EscalationRuleError(`escalation rules are not valid:\n- ${problems.join('\n- ')}`);
  return Object.freeze(rules.map((rule) => Object.freeze({ ...rule })));
}

/** Whether a rule covers an item of this source and workflow in this state. */
export function ruleCovers(
  rule: EscalationRule,
  item: { source: string; workflowId: string; state: string },
): boolean {
  if (rule.source !== item.source) return false;
  if (rule.workflow !== '*' && rule.workflow !== item.workflowId) return false;
  return !rule.states || rule.states.includes(item.state);
}

/**
 * The bureau's rules: an urging not answered by the end of its reply date goes, on the next working day, to
 * the level above the urging unit and to discipline inspection; the third urging of one item goes there at
 * once. Letters are urged and escalate as cases do.
 */
export const escalationRules = loadEscalationRules([
  {
    id: 'unanswered',
    urgingStates: ['awaiting-answer'],
    source: 'case',
    workflow: '*',
    trigger: { kind: 'unanswered', workingDaysAfterReplyDate: 0 },
    levelsUp: 1,
    roles: ['supervisor', 'discipline-inspector'],
  },
  {
    id: 'repeated',
    urgingStates: ['awaiting-answer'],
    source: 'case',
    workflow: '*',
    trigger: { kind: 'repeated', urgings: 3 },
    levelsUp: 1,
    roles: ['supervisor', 'discipline-inspector'],
  },
  {
    id: 'letter-unanswered',
    urgingStates: ['awaiting-answer'],
    source: 'letter',
    workflow: '*',
    trigger: { kind: 'unanswered', workingDaysAfterReplyDate: 0 },
    levelsUp: 1,
    roles: ['supervisor', 'discipline-inspector'],
  },
  {
    id: 'letter-repeated',
    urgingStates: ['awaiting-answer'],
    source: 'letter',
    workflow: '*',
    trigger: { kind: 'repeated', urgings: 3 },
    levelsUp: 1,
    roles: ['supervisor', 'discipline-inspector'],
  },
]);
