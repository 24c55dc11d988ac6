import canonicalize from 'canonicalize';

/**
 * The one canonical JSON of the platform (RFC 8785, JSON Canonicalization Scheme): keys sorted by UTF-16 code
 * units at every level, no whitespace, numbers and strings as ECMAScript serialises them. Whatever is signed
 * (exchange envelopes) or hashed (the audit log, the message log) goes through here, so the bytes never depend
 * on the order in which some code built an object, nor on how jsonb stored it.
 *
 * Values with no JSON form (NaN, Infinity, bigint, lone surrogates, cycles, a bare undefined or function) are
 * refused rather than silently changed: a signature or a hash over a value that the other side would read back
 * differently is worthless.
 */
export function canonicalJson(value: unknown): string {
  refuseOpaque(value);
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError(`${typeof value} has no canonical JSON form`);
  return text;
}

export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), 'utf8');
}

// The package serialises a function or symbol inside an object or array as nothing (or as the text
// "undefined"): not JSON, and not what the other side would read back. Refuse them before it sees them.
function refuseOpaque(value: unknown, depth = 0): void {
  if (typeof value === 'function' || typeof value === 'symbol' || typeof value === 'bigint')
    throw new TypeError(`${typeof value} has no canonical JSON form`);
  if (value === null || typeof value !== 'object' || depth > 200) return;
  for (const item of Array.isArray(value) ? value : Object.values(value)) refuseOpaque(item, depth + 1);
}
