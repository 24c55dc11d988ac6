import { randomBytes } from 'node:crypto';

// Letter numbers and the follow-up codes of anonymous tips. A follow-up code is the only key to an anonymous
// tip: 100 random bits, so guessing one is hopeless even before the lookup is throttled.

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

function base32(bytes: Uint8Array, length: number): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5 && out.length < length) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  return out;
}

/** XJ-<Beijing date>-<8 random base32>: not a counter, so a number tells nothing about the letters beside it. */
export function newLetterNumber(beijingDate: string): string {
  return `XJ-${beijingDate.replaceAll('-', '')}-${base32(randomBytes(5), 8)}`;
}

/** 20 base32 characters (100 bits), shown in groups of four so it can be copied down by hand. */
export function newFollowCode(): string {
  return base32(randomBytes(13), 20);
}

export function formatFollowCode(code: string): string {
  return code.match(/.{1,4}/g)?.join('-') ?? code;
}

/** What a person typed, as the code it stands for: spaces, dashes and case do not matter; 0/1 read as O/I. */
export function normaliseFollowCode(typed: string): string | undefined {
  const code = typed.toUpperCase().replace(/[\s-]/g, '').replaceAll('0', 'O').replaceAll('1', 'I');
  return /^[A-Z2-7]{20}$/.test(code) ? code : undefined;
}
