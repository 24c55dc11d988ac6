// A workflow definition: the states a kind of record passes through and, as a table, which action moves it
// from which state to which, who may take it, whether four eyes apply, and what it writes on the way (audit
// entry, message across the boundary, notification). A definition is data; transition() in workflow.ts is
// the one piece of code that carries any of them out. Definitions are versioned: each record keeps the id
// and version it started under, so changing a process never reinterprets the records already on their way.

/** Who may take an action: an officer, a citizen, or the platform itself as a consequence of another action. */
export type ActorKind = 'staff' | 'citizen' | 'system';

export interface StateSpec {
  /** No action leaves a final state. */
  final?: boolean;
  /** The record must leave this state within so many working days of entering it (a due date is stored). */
  deadline?: { workingDays: number };
}

/** What a transition's writers are given to build their entry, message or notification from. */
export interface TransitionContext<Key, Data> {
  key: Key;
  from: string;
  to: string;
  actorId: string;
  at: Date;
  data: Data;
}

export interface NotificationRequest {
  channel: 'sms' | 'email';
  recipient: string;
  template: string;
  body: string;
}

/** One row of the table, for one action; `Data` is what the caller hands to transition() for this action. */
export interface TransitionRow<Key, Data, Message> {
  from: string;
  action: string;
  to: string;
  /** A named permission the caller's policy decides for the record at hand (see WorkflowActor.may). */
  permission: string;
  actors: readonly ActorKind[];
  /**
   * A decision on someone's work: the decider may not be among the record's contributors (its submitter and
   * everyone who wrote it), nor be an account they created or gave a role to recently (workflow.ts).
   */
  fourEyes?: boolean;
  /** Every action a person takes is audited; only the platform's own follow-on moves may go without. */
  audit?: { action: string; detail?: (context: TransitionContext<Key, Data>) => Record<string, unknown> };
  /** The message queued across the boundary in the same transaction, if any. */
  outbox?: (context: TransitionContext<Key, Data>) => Message | undefined;
  notify?: (context: TransitionContext<Key, Data>) => NotificationRequest | undefined;
}

/** Transitions keyed by action name, so each action's data has its own type. */
export type TransitionRows<Key, Actions, Message> = {
  [A in keyof Actions]: readonly (TransitionRow<Key, Actions[A], Message> & { action: A })[];
};

export interface WorkflowSpec<Key, Actions, Message> {
  id: string;
  version: number;
  initial: string;
  states: Record<string, StateSpec>;
  transitions: TransitionRows<Key, Actions, Message>;
}

export class WorkflowDefinitionError extends Error {
  override name = 'WorkflowDefinitionError';
}

export interface WorkflowDefinition<Key, Actions, Message> extends WorkflowSpec<Key, Actions, Message> {
  /** The transition for an action from a state, if the table has one. */
  find<A extends keyof Actions & string>(
    state: string,
    action: A,
  ): TransitionRow<Key, Actions[A], Message> | undefined;
  /** The actions the table allows from a state (for pages that offer only what can be done). */
  actionsFrom(state: string): (keyof Actions & string)[];
}

/**
 * Checks a definition once, when it is loaded, and fails fast with every mistake named: a state the table
 * uses but does not declare, a state nothing leads to, two rows for one state and action, a way out of a
 * final state, a person's action without an audit entry.
 */
export function defineWorkflow<Key, Actions, Message>(
  spec: WorkflowSpec<Key, Actions, Message>,
): WorkflowDefinition<Key, Actions, Message> {
  const name = `workflow ${spec.id}@${spec.version}`;
  const problems: string[] = [];
  if (!/^[a-z][a-z0-9.-]*$/.test(spec.id)) problems.push(`id "${spec.id}" must be lower-case words`);
  if (!Number.isInteger(spec.version) || spec.version < 1)
    problems.push(`version ${spec.version} must be a whole number from 1`);
  const states = new Set(Object.keys(spec.states));
  if (!states.has(spec.initial)) problems.push(`initial state "${spec.initial}" is not declared`);
  for (const [state, detail] of Object.entries(spec.states)) {
    const days = detail.deadline?.workingDays;
    if (days !== undefined && (!Number.isInteger(days) || days < 1))
      problems.push(`state "${state}": deadline must be a whole number of working days from 1`);
    if (detail.final && detail.deadline)
      problems.push(`state "${state}" is final and cannot have a deadline`);
  }

  const rows = Object.values(spec.transitions).flat() as TransitionRow<Key, unknown, Message>[];
  const byStateAndAction = new Map<string, TransitionRow<Key, unknown, Message>>();
  for (const row of rows) {
    const label = `"${row.from}" --${row.action}--> "${row.to}"`;
    if (!states.has(row.from)) problems.push(`${label}: unknown state "${row.from}"`);
    if (!states.has(row.to)) problems.push(`${label}: unknown state "${row.to}"`);
    if (spec.states[row.from]?.final) problems.push(`${label}: "${row.from}" is final`);
    const key = `${row.from}\u0000${row.action}`;
    if (byStateAndAction.has(key))
      problems.push(`${label}: a second transition for "${row.action}" from "${row.from}"`);
    byStateAndAction.set(key, row);
    if (!row.permission) problems.push(`${label}: no permission`);
    if (row.actors.length === 0) problems.push(`${label}: no actor may take it`);
    if (!row.audit && row.actors.some((kind) => kind !== 'system'))
      problems.push(`${label}: a person's action must write an audit entry`);
    if (row.fourEyes && row.actors.includes('system'))
      problems.push(`${label}: four eyes needs a person deciding, not the platform`);
  }

  const reached = new Set<string>(states.has(spec.initial) ? [spec.initial] : []);
  for (let grew = true; grew;) {
    grew = false;
    for (const row of rows) {
      if (reached.has(row.from) && states.has(row.to) && !reached.has(row.to)) {
        reached.add(row.to);
        grew = true;
      }
    }
  }
  for (const state of states)
    if (!reached.has(state)) problems.push(`state "${state}" cannot be reached from "${spec.initial}"`);

  if (problems.length > 0)
    throw new WorkflowDefinitionError(`${name} is not valid:\n- ${problems.join('\n- ')}`);
  return {
    ...spec,
    find: (state, action) =>
      byStateAndAction.get(`${state}\u0000${action}`) as TransitionRow<Key, Actions[typeof action], Message>,
    actionsFrom: (state) =>
      rows.filter((row) => row.from === state).map((row) => row.action as keyof Actions & string),
  };
}

/** The definitions of one kind of record, every version still in use, found by what a record stored. */
export class WorkflowVersions<Key, Actions, Message> {
  readonly #byVersion = new Map<number, WorkflowDefinition<Key, Actions, Message>>();
  readonly id: string;

  constructor(definitions: readonly WorkflowDefinition<Key, Actions, Message>[]) {
    const [first] = definitions;
    if (!first) throw new WorkflowDefinitionError('a workflow needs at least one definition');
    this.id = first.id;
    for (const definition of definitions) {
      if (definition.id !== this.id)
        throw new WorkflowDefinitionError(`${definition.id} is not a version of ${this.id}`);
      if (this.#byVersion.has(definition.version))
        throw new WorkflowDefinitionError(`${this.id}@${definition.version} is defined twice`);
      this.#byVersion.set(definition.version, definition);
    }
  }

  /** The version new records start under. */
  get current(): WorkflowDefinition<Key, Actions, Message> {
    const newest = Math.max(...this.#byVersion.keys());
    return this.#byVersion.get(newest) as WorkflowDefinition<Key, Actions, Message>;
  }

  /** The definition a record was started under; a record naming one this code does not have is a fault. */
  of(id: string, version: number): WorkflowDefinition<Key, Actions, Message> {
    const definition = id === this.id ? this.#byVersion.get(version) : undefined;
    if (!definition)
      throw new WorkflowDefinitionError(`no workflow ${id}@${version} is loaded (have ${this.id})`);
    return definition;
  }
}
