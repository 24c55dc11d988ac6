import { eq } from 'drizzle-orm';
import type { Tx } from '../../shared/db/database.ts';
import { parseIdNumber } from '../../shared/validators/id-number.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { realnameVerifyRequest, realnameVerifyResult } from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import { recordAudit } from '../audit/audit.ts';
import { residents } from './registry.tables.ts';

/** Name and ID number must both match one registry entry; the answer says nothing more than yes or no. */
export async function checkRealName(
  tx: Tx,
  services: ZoneServices,
  name: string,
  idNumber: string,
): Promise<boolean> {
  const parsed = parseIdNumber(idNumber);
  if (!parsed.ok) return false;
  const [resident] = await tx
    .select({ name: residents.name })
    .from(residents)
    .where(eq(residents.idNumberHash, services.sealer.lookupHash(parsed.value)));
  return resident?.name === name.trim();
}

/**
 * Answers a real-name request from the portal in the same transaction that records the check in the audit
 * log and writes the reply to the outbox, so a crash leaves either all three or none.
 */
export function realnameRequestHandler(services: ZoneServices): MessageHandler {
  return onMessage(realnameVerifyRequest, async (tx, request, message) => {
    const matched = await checkRealName(tx, services, request.name, request.idNumber);
    const outcome = matched ? 'verified' : 'not-matched';
    await recordAudit(tx, {
      actor: 'exchange',
      actorUnit: null,
      action: 'registry.realname-check',
      target: `citizen:${request.citizenRef}`,
      sourceIp: null,
      detail: { requestId: request.requestId, messageId: message.messageId, outcome },
    });
    await send(
      tx,
      realnameVerifyResult,
      { requestId: request.requestId, citizenRef: request.citizenRef, outcome },
      // The answer goes back in the request's stream, so each person's answers stay in order, apart from others'.
      { stream: message.stream },
    );
  });
}
