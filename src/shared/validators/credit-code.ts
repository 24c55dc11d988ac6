// 统一社会信用代码 (GB 32100-2015): registering department, organisation type, 6-digit division code,
// 9-character organisation code (GB 11714, with its own check) and a MOD 31 check character.

export type CreditCodeError = 'format' | 'checksum' | 'org-checksum';
export type ParsedCreditCode =
  | { ok: true; value: string; registrationDept: string; orgType: string; divisionCode: string }
  | { ok: false; code: CreditCodeError };

// I, O, S, V and Z are left out so that no character can be misread as a digit or another letter.
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28];
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2];
const FORMAT = /^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$/;

export function creditCodeCheckChar(first17: string): string {
  if (first17.length !== 17) throw new RangeError('creditCodeCheckChar needs exactly 17 characters');
  let sum = 0;
  for (let i = 0; i < 17; i++) {
    const v = ALPHABET.indexOf(first17[i]!);
    if (v < 0) throw new RangeError(`not a credit-code character: ${first17[i]}`);
    sum += v * WEIGHTS[i]!;
  }
  return ALPHABET[(31 - (sum % 31)) % 31]!;
}

/** GB 11714 check over the first 8 characters of an organisation code; letters count 10–35. */
export function orgCodeCheckChar(first8: string): string {
  if (!/^[0-9A-Z]{8}$/.test(first8)) throw new RangeError('orgCodeCheckChar needs 8 digits or capitals');
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

export function parseCreditCode(input: string): ParsedCreditCode {
  const value = input.trim().toUpperCase();
  if (!FORMAT.test(value)) return { ok: false, code: 'format' };
  if (creditCodeCheckChar(value.slice(0, 17)) !== value[17]) return { ok: false, code: 'checksum' };
  // The embedded code was assigned under an older standard by another authority; kept apart from 'checksum'
  // so a caller can downgrade it to a warning should a genuine code turn up that fails only this check.
  if (orgCodeCheckChar(value.slice(8, 16)) !== value[16]) return { ok: false, code: 'org-checksum' };
  return {
    ok: true,
    value,
    registrationDept: value[0]!,
    orgType: value[1]!,
    divisionCode: value.slice(2, 8),
  };
}

export function isValidCreditCode(input: string): boolean {
  return parseCreditCode(input).ok;
}
