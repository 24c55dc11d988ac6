import { createCipheriv, createDecipheriv, createHmac, randomBytes } from 'node:crypto';

// Personal data at rest is sealed with AES-256-GCM; lookups use a keyed hash so the plain value is never indexed.
export interface FieldSealer {
  seal(plain: string): string;
  open(sealed: string): string;
  /** Deterministic keyed hash for equality lookups (unique indexes) over sealed values. */
  lookupHash(plain: string): string;
}

export function createFieldSealer(masterKey: Buffer): FieldSealer {
  if (masterKey.length < 32) throw new Error('field key must be at least 32 bytes');
  const encKey = createHmac('sha256', masterKey).update('openpsb:seal').digest();
  const macKey = createHmac('sha256', masterKey).update('openpsb:lookup').digest();
  return {
    seal(plain) {
      const iv = randomBytes(12);
      const cipher = createCipheriv('aes-256-gcm', encKey, iv);
      const body = Buffer.concat([cipher.update(plain, 'utf8'), cipher.final()]);
      return [
        'v1',
        iv.toString('base64url'),
        cipher.getAuthTag().toString('base64url'),
        body.toString('base64url'),
      ].join('.');
    },
    open(sealed) {
      const [version, iv, tag, body] = sealed.split('.');
      if (version !== 'v1' || !iv || !tag || body === undefined) throw new Error('unknown sealed format');
      const decipher = createDecipheriv('aes-256-gcm', encKey, Buffer.from(iv, 'base64url'));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(body, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    },
    lookupHash(plain) {
      return createHmac('sha256', macKey).update(plain).digest('base64url');
    },
  };
}
