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
  // A closed schema admits no property it does not name, so what passed the check is already clean: the
  // generic cleaner's walk of the value was a large part of the cost of sending a message.
  if (isClosed(contract.schema)) return { ok: true, payload: fresh, bytes };
  const cleaned = Value.Clean(contract.schema, fresh);
  return { ok: true, payload: cleaned, bytes: payloadBytes(cleaned) };
}

const closedSchemas = new WeakMap<TSchema, boolean>();

/**
 * Whether every object the schema describes, at any depth, refuses properties it does not name
 * (`additionalProperties: false`, records too), so `Value.Clean` of a value that passed the check changes
 * nothing. Any keyword this does not know to be harmless (references, `not`, open objects) answers false, and
 * the cleaner runs as before.
 */
export function isClosed(schema: TSchema): boolean {
  let known = closedSchemas.get(schema);
  if (known === undefined) closedSchemas.set(schema, (known = closedNode(schema)));
  return known;
}

const LEAF_KEYWORDS = new Set([
  '~kind',
  '~optional',
  '~readonly',
  'type',
  'const',
  'enum',
  'format',
  'pattern',
  'minLength',
  'maxLength',
  'minimum',
  'maximum',
  'exclusiveMinimum',
  'exclusiveMaximum',
  'multipleOf',
  'minItems',
  'maxItems',
  'uniqueItems',
  'minProperties',
  'maxProperties',
  'required',
  'title',
  'description',
  'default',
  'examples',
  '$id',
]);

function closedNode(node: unknown): boolean {
  if (typeof node !== 'object' || node === null) return false;
  for (const [key, value] of Object.entries(node)) {
    if (LEAF_KEYWORDS.has(key)) continue;
    if (key === 'additionalProperties') {
      if (value !== false) return false;
    } else if (key === 'properties' || key === 'patternProperties') {
      if (typeof value !== 'object' || value === null) return false;
      if (!Object.values(value).every(closedNode)) return false;
    } else if (key === 'anyOf' || key === 'oneOf' || key === 'allOf') {
      if (!Array.isArray(value) || !value.every(closedNode)) return false;
    } else if (key === 'items') {
      if (!(Array.isArray(value) ? value.every(closedNode) : closedNode(value))) return false;
    } else return false;
  }
  // An object without `additionalProperties: false` keeps whatever else it is given.
  const described = node as Record<string, unknown>;
  const isObject =
    described.type === 'object' || 'properties' in described || 'patternProperties' in described;
  if (isObject && described.additionalProperties !== false) return false;
  return true;
}
