import assert from 'node:assert/strict';
import { test } from 'node:test';
import { canonicalBytes } from './canonical.ts';
import { generateSigningKey, Keyring } from './signing.ts';

const data = canonicalBytes({ id: 'x', payload: { a: 1 } });

test('a signature verifies with the signing zone’s key and fails for any change', () => {
  const ring = new Keyring().addSigningKey(generateSigningKey('portal'));
  const sig = ring.sign('portal', data);
  assert.equal(ring.verify('portal', data, sig), true);
  assert.equal(ring.verify('portal', canonicalBytes({ id: 'x', payload: { a: 2 } }), sig), false);
  // One bit flipped in the signature itself (editing its text could leave the bytes the same).
  const flipped = Buffer.from(sig.value, 'base64url');
  flipped[0] = (flipped[0] ?? 0) ^ 0x01;
  assert.equal(ring.verify('portal', data, { ...sig, value: flipped.toString('base64url') }), false);
  assert.equal(ring.verify('portal', data, { ...sig, value: '!!not base64!!' }), false);
});

test('a key vouches only for its own zone', () => {
  const key = generateSigningKey('portal');
  const ring = new Keyring().addSigningKey(key);
  assert.equal(ring.verify('workbench', data, ring.sign('portal', data)), false);
});

test('an unknown key id fails', () => {
  const ring = new Keyring().addSigningKey(generateSigningKey('portal'));
  const other = new Keyring().addSigningKey(generateSigningKey('portal'));
  assert.equal(ring.verify('portal', data, other.sign('portal', data)), false);
});

test('rotation: the newest key signs, the old one verifies until revoked', () => {
  const oldKey = generateSigningKey('workbench', 'wb-1');
  const newKey = generateSigningKey('workbench', 'wb-2');
  const ring = new Keyring().addSigningKey(oldKey);
  const before = ring.sign('workbench', data);
  ring.addSigningKey(newKey);
  const after = ring.sign('workbench', data);
  assert.equal(before.keyId, 'wb-1');
  assert.equal(after.keyId, 'wb-2');
  assert.equal(ring.verify('workbench', data, before), true);
  assert.equal(ring.verify('workbench', data, after), true);
  ring.revoke('workbench', 'wb-1');
  assert.equal(ring.verify('workbench', data, before), false);
  assert.deepEqual(ring.trustedKeyIds('workbench'), ['wb-2']);
});

test('a public key can be trusted from PEM alone, as the receiving side would hold it', () => {
  const key = generateSigningKey('portal', 'p-1');
  const signer = new Keyring().addSigningKey(key);
  const pem = key.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  const verifier = new Keyring().trust('portal', 'p-1', pem);
  assert.equal(verifier.verify('portal', data, signer.sign('portal', data)), true);
  assert.throws(() => verifier.sign('portal', data));
});
