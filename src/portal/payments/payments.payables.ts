import type { Tx } from '../../shared/db/database.ts';
import type { PayableRow } from './payments.repository.ts';
import type { PayableKind } from './payments.tables.ts';

/**
 * What follows once a payable of a kind is paid (a case's fee goes on to the workbench as payment.settled; a
 * fine will clear the violation), run in the transaction that settles it, so the consequence is never lost
 * and never doubled. Features register theirs at start-up; a kind without one is simply recorded as paid.
 */
export type SettledHook = (tx: Tx, payable: PayableRow, at: Date) => Promise<void>;

const hooks = new Map<PayableKind, SettledHook>();

export function onPayableSettled(kind: PayableKind, hook: SettledHook): void {
  hooks.set(kind, hook);
}

export async function runSettledHook(tx: Tx, payable: PayableRow, at: Date): Promise<void> {
  await hooks.get(payable.kind)?.(tx, payable, at);
}
