import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalJson } from './canonical.ts';

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

test('values with no JSON form are refused rather than silently changed', () => {
  assert.throws(() => canonicalJson({ n: Number.NaN }));
  assert.throws(() => canonicalJson({ n: 1n }));
});
