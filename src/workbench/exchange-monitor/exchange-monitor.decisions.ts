import { rows } from '../../shared/db/database.ts';
import { sql } from 'drizzle-orm';
import type { Tx } from '../../shared/db/database.ts';
import type { QuarantineAction, QuarantineZone } from '../../exchange/facade.ts';

// An administrator's release or discard of a quarantined message is stored here as a request, for the relay
// (which alone reaches both zones) to carry out on its next beat: see src/exchange/decisions.ts.

export interface DecisionRequest {
  zone: QuarantineZone;
  quarantineId: string;
  action: QuarantineAction;
  reason: string;
  /** Badge number of the officer deciding. */
  requestedBy: string;
  at: Date;
}

export class DecisionConflict extends Error {
  override name = 'DecisionConflict';
}

/**
 * Stores a decision for the relay to carry out, in the caller's transaction (which also writes the audit entry).
 * Throws DecisionConflict when a decision on the same message is still waiting.
 */
export async function requestDecision(tx: Tx, request: DecisionRequest): Promise<string> {
  const inserted = await tx.execute(sql`
    INSERT INTO exchange_quarantine_requests (zone, quarantine_id, action, reason, requested_by, requested_at)
    VALUES (${request.zone}, ${request.quarantineId}, ${request.action}, ${request.reason}, ${request.requestedBy},
            ${request.at.toISOString()}::timestamptz)
    ON CONFLICT (zone, quarantine_id) WHERE done_at IS NULL DO NOTHING
    RETURNING id`);
  const id = rows<{ id: string }>(inserted)[0]?.id;
  if (!id) throw new DecisionConflict('a decision on this message is already waiting');
  return id;
}
