import {
  LETTER_NUMBER_PATTERN,
  open311KeyIssued,
  open311KeyRevoked,
} from '../../exchange/contracts/index.ts';
import { onMessage, type MessageHandler } from '../../exchange/facade.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { findService } from './open311.catalogue.ts';
import { refuse } from './open311.errors.ts';
import { lettersStatuses } from './open311.presenter.ts';
import * as repo from './open311.repository.ts';
import type { Form } from './open311.submit.ts';

// The reads of the Open311 API (GET requests, one request, a token) and the keys the workbench sends across.

const DAY_MS = 86_400_000;
const WINDOW_MS = 90 * DAY_MS;
const MAX_RESULTS = 1000;
const W3C = /^\d{4}-\d{2}-\d{2}(?:T\d{2}:\d{2}(?::\d{2}(?:\.\d{1,6})?)?(?:Z|[+-]\d{2}:\d{2}))?$/;
const TOKEN = /^[A-Za-z0-9_-]{24}$/;

const text = (value: Form[string]): string =>
  (Array.isArray(value) ? (value[0] ?? '') : (value ?? '')).trim();
const list = (value: Form[string]): string[] | undefined => {
  const items = text(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  return items.length ? items : undefined;
};

function dateOf(value: string): Date | undefined {
  if (!value) return undefined;
  // A date alone is a day in Beijing, the jurisdiction's own time.
  const at = W3C.test(value) ? new Date(value.length === 10 ? `${value}T00:00:00+08:00` : value) : undefined;
  if (!at || Number.isNaN(at.getTime())) throw refuse(400, 'date.invalid');
  return at;
}

/** The window of start_date and end_date: 90 days at most, the last 90 days when neither is given. */
function windowOf(services: ZoneServices, query: Form): { from: Date; to: Date } {
  let from = dateOf(text(query.start_date));
  let to = dateOf(text(query.end_date));
  if (!from && !to) to = services.now();
  if (!from) from = new Date(to!.getTime() - WINDOW_MS);
  if (!to) to = new Date(from.getTime() + WINDOW_MS);
  if (to < from || to.getTime() - from.getTime() > WINDOW_MS) throw refuse(400, 'date.range');
  return { from, to };
}

/** The filters of GET requests; service_request_id, when given, overrides all the others (spec). */
export function requestFilter(services: ZoneServices, query: Form): repo.RequestFilter {
  const ids = list(query.service_request_id);
  if (ids) {
    if (ids.length > 100) throw refuse(400, 'parameter.invalid', 'service_request_id');
    const valid = ids.filter((id) => LETTER_NUMBER_PATTERN.test(id));
    return { ids: valid, from: new Date(0), to: services.now(), limit: MAX_RESULTS };
  }
  const { from, to } = windowOf(services, query);
  const statuses = list(query.status);
  if (statuses?.some((s) => s !== 'open' && s !== 'closed')) throw refuse(400, 'status.invalid');
  return {
    serviceCodes: list(query.service_code),
    statuses: statuses?.flatMap((s) => lettersStatuses(s as 'open' | 'closed')),
    from,
    to,
    limit: MAX_RESULTS,
  };
}

export function findRequests(services: ZoneServices, query: Form) {
  return repo.findRequests(services.db, requestFilter(services, query));
}

/** servicerequestupdates (the mySociety extension): the police side's steps on API tips within the window. */
export function findUpdates(services: ZoneServices, query: Form) {
  return repo.findUpdates(services.db, { ...windowOf(services, query), limit: MAX_RESULTS });
}

export async function findRequest(services: ZoneServices, id: string) {
  const [row] = LETTER_NUMBER_PATTERN.test(id)
    ? await repo.findRequests(services.db, { ids: [id], from: new Date(0), to: services.now(), limit: 1 })
    : [];
  if (!row) throw refuse(404, 'request.not_found');
  return row;
}

/**
 * A batch request's token: the request id once the police side has routed the tip (a step came back across the
 * exchange), only the token until then.
 */
export async function findToken(services: ZoneServices, token: string) {
  const row = TOKEN.test(token) ? await repo.findByToken(services.db, token) : undefined;
  if (!row) throw refuse(404, 'token.not_found');
  return { token, letterNumber: row.status === 'submitted' ? undefined : row.letterNumber };
}

export function serviceOr404(code: string) {
  const service = findService(code);
  if (!service) throw refuse(404, 'service_code.unknown');
  return service;
}

/** The keys issued and revoked in the workbench: only their hashes ever reach the portal. */
export const open311InboxHandlers: readonly MessageHandler[] = [
  onMessage(open311KeyIssued, async (tx, key) => {
    await repo.insertKey(tx, {
      id: key.keyId,
      keyHash: key.keyHash,
      label: key.label,
      hint: key.hint,
      issuedAt: new Date(key.issuedAt),
    });
  }),
  onMessage(open311KeyRevoked, async (tx, key) => {
    // Left failed in the inbox for an operator: a key this portal never heard of.
    if (!(await repo.keyExists(tx, key.keyId)))
      throw new Error('the message names a key this portal does not hold');
    await repo.revokeKey(tx, key.keyId, new Date(key.revokedAt));
  }),
];
