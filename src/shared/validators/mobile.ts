// Mainland mobile numbers. Only the 1[3-9] lead is checked: segment lists go stale (an older popular regex
// rejects the live 190/192/196/197 ranges), and ownership is proven by SMS anyway.

export type ParsedMobile = { ok: true; value: string } | { ok: false; code: 'format' };

const MOBILE = /^(?:\+86|0086)?(1[3-9]\d{9})$/;

/** Accepts +86/0086 and the spaces or hyphens people type between groups; value is the bare 11 digits. */
export function parseMobile(input: string): ParsedMobile {
  const value = MOBILE.exec(input.trim().replace(/[\s-]/g, ''))?.[1];
  return value ? { ok: true, value } : { ok: false, code: 'format' };
}

export function isValidMobile(input: string): boolean {
  return parseMobile(input).ok;
}

/** For screens and logs: 138****5678. Input that is not a mobile number is masked whole. */
export function maskMobile(input: string): string {
  const parsed = parseMobile(input);
  if (!parsed.ok) return '*'.repeat(input.trim().length);
  return `${parsed.value.slice(0, 3)}****${parsed.value.slice(7)}`;
}
