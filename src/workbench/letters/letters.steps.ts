import {
  letterStatusChanged,
  type LetterKind,
  type PublicLetterStatus,
} from '../../exchange/contracts/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { transition, type WorkflowActor } from '../../shared/workflow/workflow.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { crossing, workbenchPorts } from '../workflow/workflow.ports.ts';
import * as repo from './letters.repository.ts';
import { letterStore, letterWorkflow, type LetterActions } from './letters.workflow.ts';

// One step of a letter: the workflow moves it (checking the table, the actor and that nobody moved it first,
// writing the audit entry and the due date), the step is kept in the letter's history, and the writer is told
// on the letter's stream with the step's number and the due date the move computed.

export interface Step<A extends keyof LetterActions & string> {
  letterNumber: string;
  action: A;
  data: LetterActions[A];
  actor: WorkflowActor;
  by: AuditActor;
  /** The unit the writer is told holds the letter after this step. */
  unit: { code: string; name: string };
  status: PublicLetterStatus;
  step: string;
  /** What the writer reads: the reply, or the reasons for a hand-off. */
  message?: string;
  /** Kept in the letter's history for officers only (instead of the message). */
  note?: string;
  /** The letter's new kind, told to the writer after a reclassification. */
  kind?: LetterKind;
  now: Date;
}

export async function moveAndTell<A extends keyof LetterActions & string>(tx: Tx, step: Step<A>) {
  const ports = workbenchPorts(step.by);
  const moved = await transition(tx, {
    versions: letterWorkflow,
    store: letterStore,
    ports,
    key: { letterNumber: step.letterNumber },
    action: step.action,
    actor: step.actor,
    data: step.data,
    now: step.now,
  });
  await repo.recordAction(tx, {
    letterNumber: step.letterNumber,
    action: step.action,
    actor: step.actor.id,
    unitCode: step.unit.code,
    text: step.note ?? step.message ?? null,
    at: step.now,
  });
  const seq = await repo.nextSeq(tx, step.letterNumber);
  await ports.send(
    tx,
    crossing(
      letterStatusChanged,
      {
        letterNumber: step.letterNumber,
        seq,
        status: step.status,
        step: step.step,
        at: step.now.toISOString(),
        unit: { code: step.unit.code, name: step.unit.name },
        ...(step.message ? { message: step.message } : {}),
        ...(step.kind ? { kind: step.kind } : {}),
        dueOn: moved.dueOn,
      },
      `letter:${step.letterNumber}`,
    ),
  );
  return moved;
}
