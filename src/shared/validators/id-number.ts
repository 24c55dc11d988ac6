// 公民身份号码 (GB 11643-1999) and the documents that share its layout: 6-digit address code, YYYYMMDD,
// 3-digit sequence (odd = male), MOD 11-2 check character.

export type IdNumberKind = 'resident' | 'hk-macau-taiwan-permit' | 'foreigner-permanent';
export type IdNumberError = 'format' | 'checksum' | 'region' | 'birthdate';
export type ParsedIdNumber =
  | {
      ok: true;
      /** 18 characters, check character upper-case. */
      value: string;
      kind: IdNumberKind;
      /** YYYY-MM-DD */
      birthDate: string;
      sex: 'M' | 'F';
      upgradedFrom15?: boolean;
    }
  | { ok: false; code: IdNumberError };

const WEIGHTS = [7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2];
const CHECK_CHARS = '10X98765432';

// Only the province is checked: counties abolished since issue stay valid inside old numbers.
// 71 (Taiwan) is a GB/T 2260 province code; 81/82/83 are the residence permits for HK, Macao and Taiwan residents.
const RESIDENT_PROVINCES = new Set(
  '11 12 13 14 15 21 22 23 31 32 33 34 35 36 37 41 42 43 44 45 46 50 51 52 53 54 61 62 63 64 65 71'.split(
    ' ',
  ),
);
const PERMIT_PROVINCES = new Set(['81', '82', '83']);
const EARLIEST_BIRTH_YEAR = 1800;

const SHANGHAI_DATE = new Intl.DateTimeFormat('en-CA', {
  timeZone: 'Asia/Shanghai',
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

export function idCheckChar(first17: string): string {
  if (!/^\d{17}$/.test(first17)) throw new RangeError('idCheckChar needs exactly 17 digits');
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += Number(first17[i]) * WEIGHTS[i]!;
  return CHECK_CHARS[sum % 11]!;
}

function kindOf(id18: string): IdNumberKind | undefined {
  // The 2023 foreigner card puts 9 first and a nationality code after the province, so no region table applies.
  if (id18.startsWith('9')) return 'foreigner-permanent';
  const province = id18.slice(0, 2);
  if (RESIDENT_PROVINCES.has(province)) return 'resident';
  if (PERMIT_PROVINCES.has(province)) return 'hk-macau-taiwan-permit';
  return undefined;
}

function birthDateOf(id18: string, today: string): string | undefined {
  const y = Number(id18.slice(6, 10));
  const m = Number(id18.slice(10, 12));
  const d = Number(id18.slice(12, 14));
  const date = new Date(Date.UTC(y, m - 1, d));
  const real = date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
  const iso = `${id18.slice(6, 10)}-${id18.slice(10, 12)}-${id18.slice(12, 14)}`;
  return real && y >= EARLIEST_BIRTH_YEAR && iso <= today ? iso : undefined;
}

/**
 * `today` (YYYY-MM-DD) bounds the birth date; it defaults to the current date in Beijing, where IDs are issued.
 */
export function parseIdNumber(input: string, options: { today?: string } = {}): ParsedIdNumber {
  const raw = input.trim().toUpperCase();
  const today = options.today ?? SHANGHAI_DATE.format(new Date());
  let id18: string;
  let upgraded = false;
  if (/^\d{15}$/.test(raw)) {
    const first17 = `${raw.slice(0, 6)}19${raw.slice(6)}`;
    id18 = first17 + idCheckChar(first17);
    upgraded = true;
  } else if (/^\d{17}[\dX]$/.test(raw)) {
    id18 = raw;
    if (idCheckChar(raw.slice(0, 17)) !== raw[17]) return { ok: false, code: 'checksum' };
  } else {
    return { ok: false, code: 'format' };
  }

  const kind = kindOf(id18);
  // 15-digit numbers predate 2000, the permits and the foreigner card, so only mainland provinces qualify.
  if (!kind || (upgraded && kind !== 'resident')) return { ok: false, code: 'region' };
  const birthDate = birthDateOf(id18, today);
  if (!birthDate) return { ok: false, code: 'birthdate' };
  const sex = Number(id18[16]) % 2 === 1 ? 'M' : 'F';
  return { ok: true, value: id18, kind, birthDate, sex, ...(upgraded ? { upgradedFrom15: true } : {}) };
}

export function isValidIdNumber(input: string): boolean {
  return parseIdNumber(input).ok;
}

/** For screens and logs, which must not carry the full number: 110***********002X. */
export function maskIdNumber(value: string): string {
  const v = value.trim();
  if (v.length <= 7) return '*'.repeat(v.length);
  return v.slice(0, 3) + '*'.repeat(v.length - 7) + v.slice(-4);
}
