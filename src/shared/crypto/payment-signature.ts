import { createPrivateKey, createPublicKey, sign, verify, type KeyObject } from 'node:crypto';
import { canonicalBytes } from './canonical-json.ts';

/**
 * Signatures between the platform and a payment gateway, as a bank's API has them: every request and answer is
 * signed over its canonical JSON with the sender's Ed25519 key and checked with the sender's public key. Both
 * sides use this one module, so neither can drift from the other's idea of the signed bytes.
 */
export const SIGNATURE_HEADER = 'x-pay-signature';

export function privateKeyOf(pem: string): KeyObject {
  return createPrivateKey(pem);
}

export function publicKeyOf(pem: string): KeyObject {
  return createPublicKey(pem);
}

export function signPayload(key: KeyObject, payload: unknown): string {
  return sign(null, canonicalBytes(payload), key).toString('base64url');
}

/** False for a missing, malformed or wrong signature, and for a payload with no canonical form. */
export function verifyPayload(key: KeyObject, payload: unknown, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length === 0 || signature.length > 200) return false;
  try {
    return verify(null, canonicalBytes(payload), key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}

/** A signature over raw bytes (the reconciliation file, which is CSV and not JSON). */
export function signBytes(key: KeyObject, bytes: Buffer): string {
  return sign(null, bytes, key).toString('base64url');
}

export function verifyBytes(key: KeyObject, bytes: Buffer, signature: unknown): boolean {
  if (typeof signature !== 'string' || signature.length === 0 || signature.length > 200) return false;
  try {
    return verify(null, bytes, key, Buffer.from(signature, 'base64url'));
  } catch {
    return false;
  }
}
