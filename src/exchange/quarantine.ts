import type { Tx } from '../shared/db/database.ts';
import type { QuarantineReason } from './envelope.ts';
import { appendMessageLog, type LogEntry } from './message-log.ts';
import { quarantine, type LogDirection } from './tables.ts';

export interface QuarantineEntry {
  direction: LogDirection;
  messageId: string | null;
  raw: unknown;
  reason: QuarantineReason;
  detail?: string | undefined;
  type: string | null;
  version: number | null;
  stream: string | null;
  streamSeq: number | null;
  bytes: number;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Keeps the refused message whole and logs the refusal in the same transaction. */
export async function quarantineMessage(tx: Tx, entry: QuarantineEntry, at: Date): Promise<void> {
  const { row, log } = quarantineRecord(entry, at);
  await tx.insert(quarantine).values(row);
  await appendMessageLog(tx, log);
}

/** The quarantine row and its log entry, for callers that write many refusals (and other entries) at once. */
export function quarantineRecord(
  entry: QuarantineEntry,
  at: Date,
): { row: typeof quarantine.$inferInsert; log: LogEntry } {
  // A forged id may be anything; only a real uuid goes into the uuid columns, the rest stays in raw.
  const messageId = entry.messageId && UUID.test(entry.messageId) ? entry.messageId : null;
  return {
    row: {
      messageId,
      direction: entry.direction,
      raw: toJsonValue(entry.raw),
      reason: entry.reason,
      detail: entry.detail === undefined ? null : safeText(entry.detail.slice(0, 2000)),
      at,
    },
    log: {
      messageId,
      direction: entry.direction,
      type: entry.type === null ? null : safeText(entry.type.slice(0, 200)),
      version: Number.isSafeInteger(entry.version) ? entry.version : null,
      stream: entry.stream === null ? null : safeText(entry.stream.slice(0, 200)),
      streamSeq: Number.isSafeInteger(entry.streamSeq) ? entry.streamSeq : null,
      bytes: Math.min(entry.bytes, 2 ** 31 - 1),
      outcome: 'quarantined',
      reason: entry.reason,
      at,
    },
  };
}

// jsonb refuses some JS values (undefined at the top, NaN, NUL, lone surrogates …): keep what can be kept
// rather than fail the refusal, which would leave a forged message neither stored nor refused.
function toJsonValue(raw: unknown): unknown {
  try {
    const text = JSON.stringify(raw ?? null, (_key, value: unknown) =>
      typeof value === 'string' ? safeText(value) : value,
    );
    return JSON.parse(text.replaceAll('\\u0000', '\\ufffd')) as unknown;
  } catch {
    return { unserialisable: safeText(String(raw)) };
  }
}

function safeText(value: string): string {
  return value
    .replace(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g, '\ufffd')
    .replaceAll('\u0000', '\ufffd');
}
