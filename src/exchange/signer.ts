import { and, asc, eq, isNull } from 'drizzle-orm';
import type { Db } from '../shared/db/database.ts';
import { routeContract, type ExchangeZone } from './contracts/index.ts';
import { envelopeBytes, envelopeOf, inspectPayload } from './envelope.ts';
import { reencodeFiles } from './files.ts';
import type { ZoneSigner } from './signing.ts';
import { outbox } from './tables.ts';

export interface SignReport {
  signed: number;
}

const other = (zone: ExchangeZone): ExchangeZone => (zone === 'portal' ? 'workbench' : 'portal');

/**
 * The zone's own signer, run by the zone's worker (never by the relay): takes what the zone's features wrote
 * into the outbox, does the work that changes bytes (files re-encoded without metadata), and signs the
 * envelope with the zone's private key. From then on nobody changes a byte: the relay checks the signature with
 * the zone's public key and forwards the message as signed, and the receiving zone checks it again before it
 * acts on it. A row that fails its contract is signed as it is (the zone vouches that it wrote it) and refused
 * by the relay, which keeps the refusal in the one place that explains gaps in a stream.
 *
 * Rows are signed in any order; the relay keeps each stream's order by stopping at the first unsigned row.
 */
export async function signOutbox(
  db: Db,
  signer: ZoneSigner,
  options: { now?: () => Date; batch?: number } = {},
): Promise<SignReport> {
  const now = options.now ?? (() => new Date());
  return db.transaction(async (tx) => {
    // Another worker of the same zone signs other rows meanwhile, never the same ones.
    const rows = await tx
      .select()
      .from(outbox)
      .where(and(isNull(outbox.signedAt), isNull(outbox.quarantinedAt)))
      .orderBy(asc(outbox.stream), asc(outbox.seq))
      .limit(options.batch ?? 200)
      .for('update', { skipLocked: true });
    for (const row of rows) {
      let payload: unknown = row.payload;
      const route = routeContract(row.type, row.version, signer.zone, other(signer.zone));
      const inspected = route.ok ? inspectPayload(route.contract, row.payload) : undefined;
      if (route.ok && inspected?.ok) {
        const files = await reencodeFiles(route.contract, inspected.payload);
        payload = files.ok ? files.payload : inspected.payload;
      }
      const signedAt = now();
      const envelope = envelopeOf({ ...row, payload, sentAt: signedAt }, signer.zone);
      const signature = signer.sign(envelopeBytes(envelope));
      await tx
        .update(outbox)
        .set({ payload, signature: signature.value, keyId: signature.keyId, signedAt })
        .where(eq(outbox.id, row.id));
    }
    return { signed: rows.length };
  });
}
