import { and, asc, isNull, sql } from 'drizzle-orm';
import type { Db, Tx } from '../shared/db/database.ts';
import { routeContract, type ExchangeZone } from './contracts/index.ts';
import { envelopeBytes, envelopeOf, inspectPayload } from './envelope.ts';
import { reencodeFiles } from './files.ts';
import type { ZoneSigner } from './signing.ts';
import { outbox } from './tables.ts';

export interface SignReport {
  signed: number;
}

const other = (zone: ExchangeZone): ExchangeZone => (zone === 'portal' ? 'workbench' : 'portal');

/** Most text written by one UPDATE: a batch of file messages is split rather than sent as one huge value. */
const STATEMENT_CHARS = 4_000_000;

interface SignedRow {
  id: string;
  payload: unknown;
  signature: string;
  key_id: string;
  signed_at: string;
}

/**
 * The zone's own signer, run by the zone's worker (never by the relay): takes what the zone's features wrote
 * into the outbox unsigned (messages with files, which `send` leaves to it, and rows written without a
 * registered signer), does the work that changes bytes (files re-encoded without metadata), and signs the
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
  options: { now?: () => Date; batch?: number; statementChars?: number } = {},
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
    const signed: SignedRow[] = [];
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
      signed.push({
        id: row.id,
        payload,
        signature: signature.value,
        key_id: signature.keyId,
        signed_at: signedAt.toISOString(),
      });
    }
    await storeSignatures(tx, signed, options.statementChars ?? STATEMENT_CHARS);
    return { signed: rows.length };
  });
}

/** One UPDATE for a batch of small messages; messages with files go in several, each of bounded size. */
async function storeSignatures(tx: Tx, signed: SignedRow[], statementChars: number): Promise<void> {
  let part: string[] = [];
  let chars = 0;
  const flush = async () => {
    if (part.length === 0) return;
    await tx.execute(sql`
      UPDATE outbox AS o
      SET payload = v.payload, signature = v.signature, key_id = v.key_id, signed_at = v.signed_at
      FROM jsonb_to_recordset(${`[${part.join(',')}]`}::jsonb)
        AS v(id uuid, payload jsonb, signature text, key_id text, signed_at timestamptz)
      WHERE o.id = v.id`);
    part = [];
    chars = 0;
  };
  for (const row of signed) {
    const text = JSON.stringify(row);
    if (chars + text.length > statementChars) await flush();
    part.push(text);
    chars += text.length;
  }
  await flush();
}
