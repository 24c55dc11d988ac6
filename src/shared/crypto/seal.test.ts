import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { test } from 'node:test';
import { createFieldSealer } from './seal.ts';

test('sealed values open to the original and differ each time', () => {
  const sealer = createFieldSealer(randomBytes(32));
  const a = sealer.seal('11010519491231002X');
  const b = sealer.seal('11010519491231002X');
  assert.notEqual(a, b);
  assert.equal(sealer.open(a), '11010519491231002X');
  assert.ok(!a.includes('1101051949'));
});

test('a tampered sealed value is refused', () => {
  const sealer = createFieldSealer(randomBytes(32));
  const sealed = sealer.seal('secret');
  const parts = sealed.split('.');
  parts[3] = Buffer.from('other').toString('base64url');
  assert.throws(() => sealer.open(parts.join('.')));
});

test('lookup hashes are stable per key and differ across keys', () => {
  const one = createFieldSealer(randomBytes(32));
  const two = createFieldSealer(randomBytes(32));
  assert.equal(one.lookupHash('x'), one.lookupHash('x'));
  assert.notEqual(one.lookupHash('x'), two.lookupHash('x'));
});
