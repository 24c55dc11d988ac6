import { PER_ACCOUNT, PER_ADDRESS, type ThrottleKey } from '../../shared/auth/throttle.ts';
import type { ZoneServices } from '../../shared/zone.ts';

// The login page and the JSON API share these counters: both doors lead to the same accounts.

/** The number is keyed by its keyed hash: the counters hold no mobile numbers. */
export function numberKey(services: ZoneServices, mobile: string): ThrottleKey {
  return { key: `citizen-login:mobile:${services.sealer.lookupHash(mobile)}`, policy: PER_ACCOUNT };
}

export function addressKey(sourceIp: string): ThrottleKey {
  return { key: `citizen-login:ip:${sourceIp}`, policy: PER_ADDRESS };
}

// A hostile `next` is replaced by a safe target (safeNext), not refused: the person still signs in.
export const nextTarget = { redirectTargets: ['next'] };

/**
 * The routes' own per-address limits, before any counter above: login and code sending are the two doors an
 * attacker knocks on.
 */
export function authLimits(services: ZoneServices) {
  return {
    loginLimit: {
      rateLimit: { max: services.authRateLimit, timeWindow: '1 minute' },
      input: nextTarget,
    },
    codeLimit: {
      rateLimit: { max: Math.max(1, Math.ceil(services.authRateLimit / 2)), timeWindow: '1 minute' },
    },
  };
}
