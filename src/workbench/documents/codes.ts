import { randomBytes } from 'node:crypto';
import type { CaseDocumentKind } from '../../exchange/contracts/case.document.issued.ts';

const BASE32 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';

/** The verification code's shape, as the `case.document.issued` contract checks it. */
export const VERIFICATION_CODE = /^[A-Z2-7]{26}$/;

/**
 * 128 random bits in RFC 4648 base32 without padding: 26 letters and digits that survive being read aloud or
 * typed from paper (no 0/1/8/9 to confuse with O/I/B/g). It is random rather than derived from the document, so
 * nobody can compute the code of a document they have not seen.
 */
export function verificationCode(): string {
  return base32(randomBytes(16));
}

export function base32(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += BASE32[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  if (bits > 0) out += BASE32[(buffer << (5 - bits)) & 31];
  return out;
}

/**
 * The word of a document number that names its kind, after the practice of police documents
 * (`公（治）受字〔2026〕第12号`): 受 acceptance, 补 supplement, 不受 non-acceptance, 许准 / 许不 the licence
 * decisions, 证 certificates, 预 pre-application approvals.
 */
export const documentNumberWords: Record<CaseDocumentKind, string> = {
  'acceptance-notice': '受',
  'supplement-notice': '补',
  'non-acceptance-decision': '不受',
  'approval-decision': '许准',
  'refusal-decision': '许不',
  certificate: '证',
  'pre-approval-notice': '预',
};

/** The deciding unit's code, as it opens case numbers: `SF-ZA`, `SF-CRJ-01`. */
export const UNIT_CODE = /^[A-Z]{2}(?:-[A-Z0-9]+)+$/;
const MAX_SEQUENCE = 999_999;
export const DOCUMENT_NUMBER_MAX_LENGTH = 64;

/**
 * A document number: `<unit code>-<kind word>字〔<year>〕第<sequence>号`, e.g. `SF-ZA-受字〔2026〕第000123号`.
 *
 * - the unit code is the issuing unit's, in ASCII as in case numbers, so numbers from different units never
 *   collide and the unit is readable at a glance;
 * - the kind word follows `documentNumberWords`; every kind has its own series;
 * - the year is the Beijing calendar year of issue;
 * - the sequence counts from 1 each year per unit and kind, six digits with leading zeros, so numbers sort.
 *
 * The caller keeps the counter (one per unit, kind and year) and passes the next value. The result is at most
 * 64 characters, as the contract allows; an over-long unit code is refused rather than cut.
 */
export function documentNumber(kind: CaseDocumentKind, unitCode: string, date: Date, seq: number): string {
  if (!UNIT_CODE.test(unitCode)) throw new RangeError('documentNumber: the unit code is not like SF-ZA');
  if (!Number.isInteger(seq) || seq < 1 || seq > MAX_SEQUENCE)
    throw new RangeError(`documentNumber: the sequence must be 1 to ${MAX_SEQUENCE}`);
  const number = `${unitCode}-${documentNumberWords[kind]}字〔${beijingYear(date)}〕第${String(seq).padStart(6, '0')}号`;
  if (number.length > DOCUMENT_NUMBER_MAX_LENGTH)
    throw new RangeError(`documentNumber: longer than ${DOCUMENT_NUMBER_MAX_LENGTH} characters`);
  return number;
}

const BEIJING_OFFSET_MS = 8 * 3600 * 1000;

/** The Beijing calendar date (UTC+8 all year) of an instant, as year, month and day. */
export function beijingDate(date: Date): { year: number; month: number; day: number } {
  if (Number.isNaN(date.getTime())) throw new RangeError('not a valid date');
  const shifted = new Date(date.getTime() + BEIJING_OFFSET_MS);
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
}

function beijingYear(date: Date): number {
  return beijingDate(date).year;
}

/**
 * A name as Chinese government sites show it to others: the first character kept and, for names of three
 * characters or more, the last; every other character a `*` (张三 → 张*, 李小明 → 李*明, 欧阳娜娜 → 欧**娜).
 * Characters are counted as code points so rare characters outside the basic plane are never split, and the
 * middle dot of transcribed names is masked like any other character, so the length shows but nothing more.
 */
export function maskName(name: string): string {
  const chars = Array.from(name.trim());
  if (chars.length === 0) throw new RangeError('maskName: empty name');
  if (chars.length === 1) return '*';
  if (chars.length === 2) return `${chars[0]}*`;
  return `${chars[0]}${'*'.repeat(chars.length - 2)}${chars[chars.length - 1]}`;
}
