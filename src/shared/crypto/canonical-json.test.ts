import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { canonicalJson } from './canonical-json.ts';

test('key order does not change the canonical form, at any depth', () => {
  const a = canonicalJson({ b: 1, a: { d: [1, { z: 1, y: 2 }], c: 'x' } });
  const b = canonicalJson({ a: { c: 'x', d: [1, { y: 2, z: 1 }] }, b: 1 });
  assert.equal(a, b);
  assert.equal(a, '{"a":{"c":"x","d":[1,{"y":2,"z":1}]},"b":1}');
});

test('undefined properties are left out and undefined array items become null, as JSON does', () => {
  assert.equal(canonicalJson({ a: undefined, b: [undefined, 2] }), '{"b":[null,2]}');
});

test('strings are escaped by JSON rules and unicode kept', () => {
  assert.equal(canonicalJson({ name: '张三"\n' }), '{"name":"张三\\"\\n"}');
});

test('numbers are written as ECMAScript writes them (RFC 8785 section 3.2.2.3)', () => {
  assert.equal(
    canonicalJson([1.0, -0, 1e21, 0.000001, 1e-7, 333333333.3333333]),
    '[1,0,1e+21,0.000001,1e-7,333333333.3333333]',
  );
});

test('values with no JSON form are refused rather than silently changed', () => {
  assert.throws(() => canonicalJson({ n: Number.NaN }));
  assert.throws(() => canonicalJson({ n: Number.POSITIVE_INFINITY }));
  assert.throws(() => canonicalJson({ n: 1n }));
  assert.throws(() => canonicalJson({ f: [() => 1] }));
  assert.throws(() => canonicalJson('\ud800'));
  assert.throws(() => canonicalJson(undefined));
});

// The two hand-written serialisers this replaces, frozen here as they were, to show that every hash and
// signature written before the change is reproduced byte for byte (so existing chains still verify).
function previousExchangeForm(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value !== 'object') return JSON.stringify(value);
  if (Array.isArray(value)) return `[${value.map((v) => previousExchangeForm(v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${previousExchangeForm(v)}`).join(',')}}`;
}
function previousAuditForm(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value ?? null);
  if (Array.isArray(value))
    return `[${value.map((v) => previousAuditForm(v === undefined ? null : v)).join(',')}]`;
  const entries = Object.entries(value as Record<string, unknown>)
    .filter(([, v]) => v !== undefined)
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${previousAuditForm(v)}`).join(',')}}`;
}

test('for every value jsonb can hold, the bytes are those the previous serialisers wrote', () => {
  // jsonb holds what JSON.parse gives back: no undefined, no NaN, no lone surrogates (Postgres refuses them).
  const stored = fc
    .jsonValue({ maxDepth: 4 })
    .map((value) => JSON.parse(JSON.stringify(value)) as unknown)
    .filter((value) => !/\\ud[89a-f]/i.test(JSON.stringify(value)));
  fc.assert(
    fc.property(stored, (value) => {
      const now = canonicalJson(value);
      assert.equal(now, previousExchangeForm(value));
      assert.equal(now, previousAuditForm(value));
    }),
    { numRuns: 2000 },
  );
});
