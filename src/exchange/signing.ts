import {
  createPrivateKey,
  createPublicKey,
  generateKeyPairSync,
  sign,
  verify,
  type KeyObject,
} from 'node:crypto';
import type { ExchangeZone } from './contracts/contract.ts';

export interface Signature {
  keyId: string;
  /** Ed25519 signature, base64url. */
  value: string;
}

/**
 * A key id names the key by its public half (the last 8 bytes of the raw Ed25519 key), so a rotated key gets a
 * new id without anyone choosing one, and every holder of the public key derives the same id.
 */
export function keyIdOf(zone: ExchangeZone, publicKey: KeyObject): string {
  const raw = publicKey.export({ type: 'spki', format: 'der' });
  return `${zone}-${Buffer.from(raw).subarray(-8).toString('hex')}`;
}

/**
 * One zone's private signing key. Only that zone's own process holds it: it signs what the zone sends, and
 * nothing else can sign for the zone (the relay and the other zone hold its public key only).
 */
export class ZoneSigner {
  readonly keyId: string;
  readonly publicKey: KeyObject;

  constructor(
    readonly zone: ExchangeZone,
    private readonly privateKey: KeyObject,
    keyId?: string,
  ) {
    if (privateKey.asymmetricKeyType !== 'ed25519') throw new Error(`the ${zone} key is not an Ed25519 key`);
    this.publicKey = createPublicKey(privateKey);
    this.keyId = keyId ?? keyIdOf(zone, this.publicKey);
  }

  static fromPem(zone: ExchangeZone, pem: string): ZoneSigner {
    return new ZoneSigner(zone, createPrivateKey(pem));
  }

  static generate(zone: ExchangeZone, keyId?: string): ZoneSigner {
    return new ZoneSigner(zone, generateKeyPairSync('ed25519').privateKey, keyId);
  }

  /** The public half in PEM, to hand to the relay and the other zone. */
  publicPem(): string {
    return this.publicKey.export({ type: 'spki', format: 'pem' }).toString();
  }

  sign(data: Uint8Array): Signature {
    return { keyId: this.keyId, value: sign(null, data, this.privateKey).toString('base64url') };
  }
}

/**
 * The public keys trusted for each zone: the relay and the receiving zone check with these and hold nothing
 * that could sign. Rotation without downtime: the zone starts signing with its new key once everyone trusts
 * the new public key; the old public key stays in the keyring until every message it signed has been processed,
 * then it is revoked. Keys are bound to a zone, so a portal key can never vouch for a workbench message.
 */
export class Keyring {
  private readonly trusted = new Map<ExchangeZone, Map<string, KeyObject>>();

  /** Trusts a public key (a KeyObject or an SPKI PEM) for a zone, under its derived id unless one is given. */
  trust(zone: ExchangeZone, publicKey: KeyObject | string, keyId?: string): this {
    const key = typeof publicKey === 'string' ? createPublicKey(publicKey) : publicKey;
    if (key.type !== 'public') throw new Error(`only public keys are trusted (got a ${key.type} key)`);
    if (key.asymmetricKeyType !== 'ed25519') throw new Error(`the ${zone} key is not an Ed25519 key`);
    let keys = this.trusted.get(zone);
    if (!keys) this.trusted.set(zone, (keys = new Map()));
    keys.set(keyId ?? keyIdOf(zone, key), key);
    return this;
  }

  /** Trusts what a signer signs with (tests and the embedded install, where one process knows both halves). */
  trustSigner(signer: ZoneSigner): this {
    return this.trust(signer.zone, signer.publicKey, signer.keyId);
  }

  revoke(zone: ExchangeZone, keyId: string): this {
    this.trusted.get(zone)?.delete(keyId);
    return this;
  }

  trustedKeyIds(zone: ExchangeZone): string[] {
    return [...(this.trusted.get(zone)?.keys() ?? [])];
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
