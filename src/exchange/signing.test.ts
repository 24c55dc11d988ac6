import assert from 'node:assert/strict';
import { generateKeyPairSync } from 'node:crypto';
import { test } from 'node:test';
import { canonicalBytes } from '../shared/crypto/canonical-json.ts';
import { Keyring, ZoneSigner } from './signing.ts';

const data = canonicalBytes({ id: 'x', payload: { a: 1 } });

test('a signature verifies with the zone public key and fails on changed data', () => {
  const portal = ZoneSigner.generate('portal');
  const ring = new Keyring().trust('portal', portal.publicPem());
  const sig = portal.sign(data);
  assert.equal(sig.keyId, portal.keyId);
  assert.equal(ring.verify('portal', data, sig), true);
  assert.equal(ring.verify('portal', canonicalBytes({ id: 'x', payload: { a: 2 } }), sig), false);
});

test('a key of one zone never vouches for the other', () => {
  const portal = ZoneSigner.generate('portal');
  const ring = new Keyring().trustSigner(portal).trustSigner(ZoneSigner.generate('workbench'));
  assert.equal(ring.verify('workbench', data, portal.sign(data)), false);
});

test('a keyring holds public keys only', () => {
  const { privateKey } = generateKeyPairSync('ed25519');
  assert.throws(() => new Keyring().trust('portal', privateKey), /only public keys/);
});

test('rotation: both keys verify while the old one is trusted; revoking it refuses what it signed', () => {
  const old = ZoneSigner.generate('portal');
  const next = ZoneSigner.generate('portal');
  assert.notEqual(old.keyId, next.keyId);
  const ring = new Keyring().trust('portal', old.publicPem()).trust('portal', next.publicPem());
  const before = old.sign(data);
  const after = next.sign(data);
  assert.equal(ring.verify('portal', data, before), true);
  assert.equal(ring.verify('portal', data, after), true);
  ring.revoke('portal', old.keyId);
  assert.equal(ring.verify('portal', data, before), false);
  assert.equal(ring.verify('portal', data, after), true);
});

test('bad input never throws', async () => {
  const ring = new Keyring().trustSigner(ZoneSigner.generate('portal'));
  assert.equal(ring.verify('portal', data, { keyId: 'nope', value: 'x' }), false);
  const [id] = ring.trustedKeyIds('portal');
  assert.equal(ring.verify('portal', data, { keyId: id!, value: '!!!' }), false);
  assert.equal(await ring.verifyAsync('portal', data, { keyId: id!, value: 'AAAA' }), false);
});
