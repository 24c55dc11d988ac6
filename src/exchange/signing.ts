import { createPublicKey, generateKeyPairSync, randomBytes, sign, verify, type KeyObject } from 'node:crypto';
import type { ExchangeZone } from './contracts/contract.ts';

export interface SigningKey {
  zone: ExchangeZone;
  keyId: string;
  privateKey: KeyObject;
  publicKey: KeyObject;
}

export interface Signature {
  keyId: string;
  /** Ed25519 signature, base64url. */
  value: string;
}

export function generateSigningKey(zone: ExchangeZone, keyId?: string): SigningKey {
  const { privateKey, publicKey } = generateKeyPairSync('ed25519');
  const id = keyId ?? `${zone}-${new Date().toISOString().slice(0, 10)}-${randomBytes(4).toString('hex')}`;
  return { zone, keyId: id, privateKey, publicKey };
}

/**
 * The keys the exchange signs with and the keys it accepts. Rotation without downtime: add the new signing
 * key (it signs from then on) while the old public key stays trusted until every message it signed has been
 * received; then revoke it. Keys are bound to a zone, so a portal key can never vouch for a workbench message.
 */
export class Keyring {
  private readonly signing = new Map<ExchangeZone, SigningKey>();
  private readonly trusted = new Map<ExchangeZone, Map<string, KeyObject>>();

  /** The newest key added for a zone is the one that signs. */
  addSigningKey(key: SigningKey): this {
    this.signing.set(key.zone, key);
    return this.trust(key.zone, key.keyId, key.publicKey);
  }

  trust(zone: ExchangeZone, keyId: string, publicKey: KeyObject | string): this {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`key ${keyId} is not an Ed25519 key`);
    let keys = this.trusted.get(zone);
    if (!keys) this.trusted.set(zone, (keys = new Map()));
    keys.set(keyId, key);
    return this;
  }

  revoke(zone: ExchangeZone, keyId: string): this {
    this.trusted.get(zone)?.delete(keyId);
    if (this.signing.get(zone)?.keyId === keyId) this.signing.delete(zone);
    return this;
  }

  trustedKeyIds(zone: ExchangeZone): string[] {
    return [...(this.trusted.get(zone)?.keys() ?? [])];
  }

  sign(zone: ExchangeZone, data: Uint8Array): Signature {
    const key = this.signing.get(zone);
    if (!key) throw new Error(`no signing key for zone ${zone}`);
    return { keyId: key.keyId, value: sign(null, data, key.privateKey).toString('base64url') };
  }

  /** verify() on the thread pool, so a batch of checks runs beside the event loop rather than on it. */
  verifyAsync(zone: ExchangeZone, data: Uint8Array, signature: Signature): Promise<boolean> {
    const key = this.trusted.get(zone)?.get(signature.keyId);
    if (!key) return Promise.resolve(false);
    return new Promise((resolve) => {
      try {
        verify(null, data, key, Buffer.from(signature.value, 'base64url'), (error, ok) =>
          resolve(!error && ok),
        );
      } catch {
        resolve(false);
      }
    });
  }

  /** False for an unknown key id, a key of another zone, or a bad signature; never throws on bad input. */
  verify(zone: ExchangeZone, data: Uint8Array, signature: Signature): boolean {
    const key = this.trusted.get(zone)?.get(signature.keyId);
    if (!key) return false;
    try {
      return verify(null, data, key, Buffer.from(signature.value, 'base64url'));
    } catch {
      return false;
    }
  }
}
