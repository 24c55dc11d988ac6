import { hash, verify } from '@node-rs/argon2';
import type { ZxcvbnFactory } from '@zxcvbn-ts/core';

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

// The rule follows NIST SP 800-63B: a length minimum and a check against passwords known to attackers, and no
// composition rules (they push people to "Password1!", which every cracking list tries first). Staff accounts
// open the police network, so they need a longer one.
export const MIN_LENGTH = { citizen: 10, staff: 12 } as const;
/** zxcvbn's scale runs 0–4; 3 means "safely unguessable" (about 10^8 guesses or more). */
const MIN_SCORE = 3;
/** Longer input adds nothing to the check and only costs time (zxcvbn's matching grows with the length). */
const CHECKED_LENGTH = 100;

export type PasswordProblem =
  /** Fewer characters than the minimum for the kind of account. */
  | 'too-short'
  /** The password (ignoring case) is on the list of passwords most often used and leaked. */
  | 'common'
  /** Made of the user's own mobile number or login name, which anyone who knows the person can try. */
  | 'personal'
  /** Not on the list as a whole, but built from words, dates, keyboard runs and repeats that are quick to guess. */
  | 'guessable';

export interface PasswordContext {
  kind: 'citizen' | 'staff';
  /** The user's own identifiers (mobile number, badge number or login name) that must not appear in it. */
  personal?: readonly (string | null | undefined)[];
}

let checker: Promise<{ zxcvbn: ZxcvbnFactory; common: ReadonlySet<string> }> | undefined;

/**
 * Loaded on first use, once: the dictionaries are a few megabytes of JSON that a process which never sets a
 * password (the relay, the CLI) should not pay for.
 */
function loadChecker() {
  checker ??= (async () => {
    const [{ ZxcvbnFactory }, { dictionary, adjacencyGraphs }] = await Promise.all([
      import('@zxcvbn-ts/core'),
      import('@zxcvbn-ts/language-common'),
    ]);
    const zxcvbn = new ZxcvbnFactory({ dictionary, graphs: adjacencyGraphs, maxLength: CHECKED_LENGTH });
    return { zxcvbn, common: new Set(dictionary['passwords-common'].map((p) => p.toLowerCase())) };
  })();
  return checker;
}

/** The first reason a new password is refused, or undefined when it is acceptable. */
export async function passwordProblem(
  plain: string,
  context: PasswordContext,
): Promise<PasswordProblem | undefined> {
  if ([...plain].length < MIN_LENGTH[context.kind]) return 'too-short';
  const lower = plain.toLowerCase();
  const personal = (context.personal ?? [])
    .map((value) => value?.trim().toLowerCase() ?? '')
    .filter((value) => value.length >= 3);
  if (personal.some((value) => lower.includes(value))) return 'personal';
  const { zxcvbn, common } = await loadChecker();
  if (common.has(lower)) return 'common';
  const result = zxcvbn.check(plain.slice(0, CHECKED_LENGTH), personal);
  return result.score < MIN_SCORE ? 'guessable' : undefined;
}

/** The message key each zone's form messages define for a refused password (the same keys in both zones). */
export const passwordMessageKey = {
  'too-short': 'passwordShort',
  common: 'passwordCommon',
  personal: 'passwordPersonal',
  guessable: 'passwordGuessable',
} as const satisfies Record<PasswordProblem, string>;
