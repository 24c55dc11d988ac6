import type { WorkingDayCalendar } from '../calendar/working-days.ts';
import { todayInShanghai } from '../calendar/working-days.ts';
import type { Tx } from '../db/database.ts';
import { AppError } from '../http/errors.ts';
import type {
  ActorKind,
  NotificationRequest,
  TransitionContext,
  WorkflowDefinition,
  WorkflowVersions,
} from './workflow.definition.ts';
import { moveWorkflow, readWorkflow, type WorkflowStore } from './workflow.repository.ts';

export interface WorkflowActor {
  kind: ActorKind;
  /** The person as the records name him (a badge number, a citizen id); "system" for the platform. */
  id: string;
  /** The caller's policy: may this actor take the named permission on this record? */
  may: (permission: string) => boolean;
}

/** The platform moving a record as a consequence of a person's action (a publication supersedes the last). */
export const systemActor: WorkflowActor = { kind: 'system', id: 'system', may: () => true };

/**
 * What a transition writes besides the state, given by the zone: the shared kernel may not import a zone,
 * and the audit log, the exchange outbox and the people who sponsor an account all belong to one.
 */
export interface WorkflowPorts<Message> {
  /** Appends an audit entry in the transaction (the zone adds who, from where). */
  audit: (
    tx: Tx,
    entry: { action: string; target: string; detail: Record<string, unknown>; at: Date },
  ) => Promise<unknown>;
  /** Queues a message across the boundary in the transaction. */
  send: (tx: Tx, message: Message) => Promise<unknown>;
  /** Queues a notification in the transaction. */
  notify: (tx: Tx, message: NotificationRequest) => Promise<unknown>;
  /**
   * The people who, since `since`, created the actor's account or gave it a role, and, through the same
   * rule, whoever recently created or empowered those accounts in turn.
   */
  sponsorsOf: (tx: Tx, actorId: string, since: Date) => Promise<readonly string[]>;
  calendar: WorkingDayCalendar;
}

/**
 * How long an account stays suspect after it was created or given a role. The rule chosen for four eyes:
 * a decider may not be one of the record's contributors (submitter, author, editors), and may not be an
 * account that any contributor created or gave a role to in the last 24 hours, directly or through other
 * accounts created or empowered within 24 hours. So an administrator cannot approve his own edits by making
 * himself a second account (or a chain of them); after a day the grant has been in the audit log long enough
 * for another administrator to notice and undo it.
 */
export const NEW_ACCOUNT_SUSPECT_MS = 24 * 60 * 60 * 1000;

/** The record is no longer in a state that allows the action (another decision got there first). */
export class WorkflowConflictError extends AppError {
  constructor(
    readonly state: string,
    readonly action: string,
  ) {
    super('CONFLICT', { detail: `cannot ${action} from ${state}` });
  }
}

export interface TransitionRequest<Key, Actions, A extends keyof Actions & string, Message> {
  versions: WorkflowVersions<Key, Actions, Message>;
  store: WorkflowStore<Key>;
  ports: WorkflowPorts<Message>;
  key: Key;
  action: A;
  actor: WorkflowActor;
  data: Actions[A];
  now: Date;
}

export interface TransitionResult {
  from: string;
  to: string;
  /** The due date (YYYY-MM-DD, Beijing) of the state entered, when it has a deadline. */
  dueOn: string | null;
}

/**
 * Carries out one action on one record inside the caller's transaction: checks that the table allows it from
 * the record's state under the definition the record started with, that the actor may take it, and four
 * eyes; then moves the state (only if nobody moved it meanwhile) and writes the message, the notification and
 * the audit entry. Any refusal throws before anything is written, and the caller's rollback undoes the rest.
 */
export async function transition<Key, Actions, A extends keyof Actions & string, Message>(
  tx: Tx,
  request: TransitionRequest<Key, Actions, A, Message>,
): Promise<TransitionResult> {
  const { store, key, action, actor, ports, now } = request;
  const stored = await readWorkflow(tx, store, key);
  if (!stored) throw new AppError('NOT_FOUND');
  const definition: WorkflowDefinition<Key, Actions, Message> = request.versions.of(
    stored.definitionId,
    stored.definitionVersion,
  );
  const row = definition.find(stored.state, action);
  if (!row) throw new WorkflowConflictError(stored.state, action);
  if (!row.actors.includes(actor.kind) || !actor.may(row.permission)) throw new AppError('FORBIDDEN');
  if (row.fourEyes) await checkFourEyes(tx, ports, actor, stored.contributors, now);

  const deadline = definition.states[row.to]?.deadline;
  const dueOn = deadline ? ports.calendar.addWorkingDays(todayInShanghai(now), deadline.workingDays) : null;
  if (!(await moveWorkflow(tx, store, key, { from: stored.state, to: row.to, dueOn, at: now })))
    throw new WorkflowConflictError(stored.state, action);

  const context: TransitionContext<Key, Actions[A]> = {
    key,
    from: stored.state,
    to: row.to,
    actorId: actor.id,
    at: now,
    data: request.data,
  };
  const message = row.outbox?.(context);
  if (message !== undefined) await ports.send(tx, message);
  const notification = row.notify?.(context);
  if (notification) await ports.notify(tx, notification);
  if (row.audit)
    await ports.audit(tx, {
      action: row.audit.action,
      target: store.target(key),
      detail: row.audit.detail?.(context) ?? {},
      at: now,
    });
  return { from: stored.state, to: row.to, dueOn };
}

async function checkFourEyes<Message>(
  tx: Tx,
  ports: WorkflowPorts<Message>,
  actor: WorkflowActor,
  contributors: readonly string[],
  now: Date,
): Promise<void> {
  if (contributors.includes(actor.id)) throw new AppError('FORBIDDEN', { detail: 'four eyes: own work' });
  const sponsors = await ports.sponsorsOf(tx, actor.id, new Date(now.getTime() - NEW_ACCOUNT_SUSPECT_MS));
  if (sponsors.some((sponsor) => contributors.includes(sponsor)))
    throw new AppError('FORBIDDEN', {
      detail: 'four eyes: account created or given a role in the last 24 hours by a contributor',
    });
}
