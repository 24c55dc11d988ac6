import Type, { type Static, type TSchema } from 'typebox';
import { Compile } from 'typebox/compile';
import { Value } from 'typebox/value';
import { canonicalBytes, canonicalJson } from '../shared/crypto/canonical-json.ts';
import type { Contract } from './contracts/contract.ts';

/** What crosses the boundary; the signature covers the canonical bytes of exactly these fields. */
export const EnvelopeSchema = Type.Object(
  {
    id: Type.String({ format: 'uuid' }),
    type: Type.String({ minLength: 1, maxLength: 100 }),
    version: Type.Integer({ minimum: 1 }),
    stream: Type.String({ minLength: 1, maxLength: 100 }),
    seq: Type.Integer({ minimum: 1 }),
    sentAt: Type.String({ format: 'date-time' }),
    from: Type.Union([Type.Literal('portal'), Type.Literal('workbench')]),
    payload: Type.Unknown(),
  },
  { additionalProperties: false },
);
export type Envelope = Static<typeof EnvelopeSchema>;

export const SignatureSchema = Type.Object(
  {
    keyId: Type.String({ minLength: 1, maxLength: 200 }),
    value: Type.String({ minLength: 1, maxLength: 200 }),
  },
  { additionalProperties: false },
);

// Compiled once per schema: checking every message that crosses is the hot path of the relay and the inbox.
const validators = new WeakMap<TSchema, { Check(value: unknown): boolean }>();

export function checkSchema<S extends TSchema>(schema: S, value: unknown): value is Static<S> {
  let validator = validators.get(schema);
  if (!validator) validators.set(schema, (validator = Compile(schema)));
  return validator.Check(value);
}

export function envelopeBytes(envelope: Envelope): Buffer {
  return canonicalBytes(envelope);
}

/**
 * The envelope of a stored message (an outbox row at the sender, an inbox row at the receiver): the same bytes
 * at both ends, so the receiver can check the sender's signature again on what it kept. sentAt is the time
 * the sender signed; as a timestamptz it keeps milliseconds, all that toISOString() wrote.
 */
export function envelopeOf(
  row: {
    id: string;
    type: string;
    version: number;
    stream: string;
    seq: number;
    sentAt: Date;
    payload: unknown;
  },
  from: 'portal' | 'workbench',
): Envelope {
  return {
    id: row.id,
    type: row.type,
    version: row.version,
    stream: row.stream,
    seq: row.seq,
    sentAt: row.sentAt.toISOString(),
    from,
    payload: row.payload,
  };
}

export type QuarantineReason =
  | 'malformed'
  | 'bad-signature'
  // No longer given (replays are stopped by message id); kept so entries refused for it still read.
  | 'stale'
  | 'unknown-type'
  | 'wrong-direction'
  | 'oversized'
  | 'schema'
  | 'file';

export type InspectResult =
  | { ok: true; payload: unknown; bytes: number }
  | { ok: false; reason: 'oversized' | 'schema' | 'file' | 'bad-signature'; detail: string; bytes: number };

/** Payload size in bytes as it will be signed; unmeasurable values count as too big rather than as zero. */
export function payloadBytes(payload: unknown): number {
  try {
    return Buffer.byteLength(canonicalJson(payload), 'utf8');
  } catch {
    return Number.MAX_SAFE_INTEGER;
  }
}

/**
 * The protocol break: size first (cheap, before any parsing work), then the strict schema, then a fresh value
 * rebuilt from the schema and re-serialised, so what goes on is our encoding of a typed record, never the
 * sender's bytes. The schema is checked on the JSON form, which is exactly what will be signed and sent.
 */
export function inspectPayload(contract: Contract, payload: unknown): InspectResult {
  let text: string;
  try {
    text = canonicalJson(payload);
  } catch {
    const bytes = Number.MAX_SAFE_INTEGER;
    return { ok: false, reason: 'oversized', detail: `${bytes} bytes > ${contract.maxBytes}`, bytes };
  }
  const bytes = Buffer.byteLength(text, 'utf8');
  if (bytes > contract.maxBytes) {
    return { ok: false, reason: 'oversized', detail: `${bytes} bytes > ${contract.maxBytes}`, bytes };
  }
  const fresh = JSON.parse(text) as unknown;
  if (!checkSchema(contract.schema, fresh)) {
    const first = Value.Errors(contract.schema, fresh)[0];
    const detail = first ? `${first.instancePath || '/'} ${first.message}` : 'does not match schema';
    return { ok: false, reason: 'schema', detail, bytes };
  }
  const cleaned = Value.Clean(contract.schema, fresh);
  return { ok: true, payload: cleaned, bytes: payloadBytes(cleaned) };
}
