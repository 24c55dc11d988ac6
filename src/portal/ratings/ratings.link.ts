import { timingSafeEqual } from 'node:crypto';
import type { RatingSubjectKind } from '../../exchange/contracts/index.ts';
import type { FieldSealer } from '../../shared/crypto/seal.ts';

// The short signed link a finished case's SMS carries to its rating page (/r/<token>): it names the case or
// letter and when the rating period ends, signed with the zone's keyed hash, so it works without signing in
// and cannot be made up for someone else's case. It is good for one rating: once the case is rated the link
// shows the rating and takes no other.

const KIND_LETTER: Record<RatingSubjectKind, string> = { case: 'c', letter: 'l' };
const TOKEN = /^([cl])([A-Z0-9-]{6,40})\.([0-9a-z]{1,10})\.([A-Za-z0-9_-]{22})$/;

let base = '';
/** The portal's public address, for links that leave in an SMS (set once at start). */
export function registerRatingLinkBase(url: string): void {
  base = url.replace(/\/+$/, '');
}

const signature = (sealer: FieldSealer, kind: RatingSubjectKind, number: string, expires: string) =>
  sealer.lookupHash(`rating-link|${kind}|${number}|${expires}`).slice(0, 22);

/** The link's path for a case or letter whose rating period ends at `expiresAt`. */
export function ratingLinkPath(
  sealer: FieldSealer,
  kind: RatingSubjectKind,
  number: string,
  expiresAt: Date,
): string {
  const expires = Math.floor(expiresAt.getTime() / 1000).toString(36);
  return `/r/${KIND_LETTER[kind]}${number}.${expires}.${signature(sealer, kind, number, expires)}`;
}

export const ratingLinkUrl = (...args: Parameters<typeof ratingLinkPath>) =>
  `${base}${ratingLinkPath(...args)}`;

export interface RatingLink {
  kind: RatingSubjectKind;
  number: string;
  expiresAt: Date;
}

/** What a token names, or undefined when it was not signed here (made up, or altered). */
export function readRatingLink(sealer: FieldSealer, token: string): RatingLink | undefined {
  const m = TOKEN.exec(token);
  if (!m) return undefined;
  const kind: RatingSubjectKind = m[1] === 'c' ? 'case' : 'letter';
  const [number, expires, given] = [m[2]!, m[3]!, m[4]!];
  const expected = Buffer.from(signature(sealer, kind, number, expires));
  if (!timingSafeEqual(Buffer.from(given), expected)) return undefined;
  return { kind, number, expiresAt: new Date(parseInt(expires, 36) * 1000) };
}
