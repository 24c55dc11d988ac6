import * as OTPAuth from 'otpauth';
import QRCode from 'qrcode';

// Second factor for officers: RFC 6238 codes from any authenticator app. otpauth does not stop a code from
// being used twice, so the caller stores the last accepted time step and refuses anything at or below it.

export const TOTP_ISSUER = '示范市公安局';

function totpOf(badgeNo: string, secretBase32: string): OTPAuth.TOTP {
  return new OTPAuth.TOTP({
    issuer: TOTP_ISSUER,
    label: badgeNo,
    secret: OTPAuth.Secret.fromBase32(secretBase32),
  });
}

/** A fresh 160-bit secret, base32 as authenticator apps expect it. */
export function newTotpSecret(): string {
  return new OTPAuth.Secret({ size: 20 }).base32;
}

export function otpauthUri(badgeNo: string, secretBase32: string): string {
  return totpOf(badgeNo, secretBase32).toString();
}

/** The enrolment QR code as an SVG string (generated here from our own data, so it is safe to inline). */
export function qrSvg(uri: string): Promise<string> {
  return QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2, width: 200 });
}

/** The secret in groups of four, easier to type into an app by hand. */
export function groupedSecret(secretBase32: string): string {
  return secretBase32.replace(/(.{4})(?=.)/g, '$1 ');
}

/** Digits only, tolerating the spaces some apps show in the middle of a code. */
export function normaliseCode(raw: string | undefined): string {
  return (raw ?? '').replace(/[\s-]/g, '');
}

/**
 * The time step a code belongs to, when it is valid now or one step either side (clock drift), else null.
 * The caller compares the step with the last one accepted.
 */
export function matchStep(badgeNo: string, secretBase32: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const totp = totpOf(badgeNo, secretBase32);
  const delta = totp.validate({ token: code, timestamp: nowMs, window: 1 });
  return delta === null ? null : totp.counter({ timestamp: nowMs }) + delta;
}

/** Used by tests and the demo tooling to play the part of the authenticator app. */
export function codeAt(badgeNo: string, secretBase32: string, timestampMs: number): string {
  return totpOf(badgeNo, secretBase32).generate({ timestamp: timestampMs });
}
