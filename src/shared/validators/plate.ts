// Motor-vehicle plates (GA 36-2018): province abbreviation, issuing-authority letter, then the serial.
// Separators people type or that are printed on the plate (space, ·, -) are dropped.

export type PlateKind =
  | 'ordinary'
  | 'new-energy-small'
  | 'new-energy-large'
  | 'trailer'
  | 'learner'
  | 'police'
  | 'hk'
  | 'macau'
  | 'consulate'
  | 'embassy';
export type PlateError = 'format' | 'province' | 'authority';
export type ParsedPlate = { ok: true; value: string; kind: PlateKind } | { ok: false; code: PlateError };

const PROVINCES = new Set('京津沪渝冀豫云辽黑湘皖鲁新苏浙赣鄂桂甘晋蒙陕吉闽贵粤青藏川宁琼');
// I and O are never issued: they read as 1 and 0.
const AUTHORITY = /^[A-HJ-NP-Z]$/;
const ORDINARY = /^[A-HJ-NP-Z0-9]{5}$/;
// D (electric) and F (hybrid) first; since 2021 the other letters up to K (not I) extend the pool.
const NEW_ENERGY_SMALL = /^[A-HJK][A-HJ-NP-Z0-9]\d{4}$/;
const NEW_ENERGY_LARGE = /^\d{5}[A-HJK]$/;
const WITH_SUFFIX = /^[A-HJ-NP-Z0-9]{4}([挂学警港澳领])$/;
// Embassy plates carry no province: 使, a 3-digit country code and a 3-digit serial.
const EMBASSY = /^使\d{6}$/;

const SUFFIX_KIND: Record<string, PlateKind> = {
  挂: 'trailer',
  学: 'learner',
  警: 'police',
  港: 'hk',
  澳: 'macau',
  领: 'consulate',
};

export function parsePlate(input: string): ParsedPlate {
  const value = input
    .trim()
    .toUpperCase()
    .replace(/[\s·•.\-]/g, '');
  if (value.startsWith('使'))
    return EMBASSY.test(value) ? { ok: true, value, kind: 'embassy' } : fail('format');
  const [province = '', authority = ''] = value;
  if (!PROVINCES.has(province)) return fail('province');
  if (!AUTHORITY.test(authority)) return fail('authority');

  const serial = value.slice(2);
  if (ORDINARY.test(serial)) return { ok: true, value, kind: 'ordinary' };
  if (NEW_ENERGY_SMALL.test(serial)) return { ok: true, value, kind: 'new-energy-small' };
  if (NEW_ENERGY_LARGE.test(serial)) return { ok: true, value, kind: 'new-energy-large' };
  const suffix = WITH_SUFFIX.exec(serial)?.[1];
  if (!suffix) return fail('format');
  const kind = SUFFIX_KIND[suffix]!;
  // Cross-border Hong Kong and Macao plates are issued only by Guangdong's 粤Z office.
  if ((kind === 'hk' || kind === 'macau') && !value.startsWith('粤Z')) return fail('format');
  return { ok: true, value, kind };
}

export function isValidPlate(input: string): boolean {
  return parsePlate(input).ok;
}

function fail(code: PlateError): ParsedPlate {
  return { ok: false, code };
}
