import { and, eq, isNull, max } from 'drizzle-orm';
import { ratingWindowRecorded } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { RATING_PERIOD_DAYS, isBadReview, reasonsFor } from '../../shared/ratings/ratings.scale.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { appointmentVisits, caseActions, cases, outbox } from '../db/schema.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { ratings } from './ratings.tables.ts';

// The window channel: the person rates on the counter device, and the officer records it by case number or
// booking code for a finished case of a unit he serves. The rating crosses to the portal, which keeps one
// rating per case and sends it back with the channel `window` (rating.window.recorded).

const FINISHED = ['completed', 'refused', 'not-accepted'];
const DAY_MS = 86_400_000;

export interface WindowInput {
  number?: string | undefined;
  level?: string | undefined;
  reasons?: string | string[] | undefined;
  comment?: string | undefined;
}

const list = (r: WindowInput['reasons']) => (r === undefined ? [] : [...new Set(Array.isArray(r) ? r : [r])]);

function check(input: WindowInput) {
  const fields: FieldError[] = [];
  const number = (input.number ?? '').trim().toUpperCase();
  if (!/^[A-Z0-9-]{6,40}$/.test(number)) fields.push({ field: 'number', message: 'ratings.windowNumber' });
  const level = Number(input.level);
  const validLevel = Number.isInteger(level) && level >= 1 && level <= 5;
  if (!validLevel) fields.push({ field: 'level', message: 'ratings.level' });
  const reasons = list(input.reasons);
  const offered = new Set(reasonsFor(level).map((r) => r.code));
  if (validLevel && reasons.some((c) => !offered.has(c)))
    fields.push({ field: 'reasons', message: 'ratings.reasons' });
  else if (validLevel && isBadReview(level) && reasons.length === 0)
    fields.push({ field: 'reasons', message: 'ratings.reasonsNeeded' });
  const comment = (input.comment ?? '').trim();
  if (comment.length > 500) fields.push({ field: 'comment', message: 'ratings.comment' });
  if (fields.length) throw new AppError('VALIDATION', { fields });
  return { number, level, reasons, comment: comment || null };
}

/** Records the rating given at the window; returns the case number it was sent for. */
export async function recordAtWindow(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  input: WindowInput,
): Promise<string> {
  const given = check(input);
  const notFound = () =>
    new AppError('VALIDATION', { fields: [{ field: 'number', message: 'ratings.windowUnknown' }] });
  // A booking code names the case the booking became; otherwise it is the case number itself.
  const [visit] = await services.db
    .select({ caseNumber: appointmentVisits.caseNumber })
    .from(appointmentVisits)
    .where(eq(appointmentVisits.code, given.number));
  const caseNumber = visit?.caseNumber ?? given.number;
  const [found] = await services.db
    .select({
      state: cases.state,
      unitPath: cases.unitPath,
      homeUnitPath: cases.homeUnitPath,
    })
    .from(cases)
    .where(eq(cases.caseNumber, caseNumber));
  if (!found) throw notFound();
  const unitPath = found.homeUnitPath ?? found.unitPath;
  // A case of a unit he does not serve is not there, as one that does not exist.
  if (!workbenchPolicy.can(me, 'ratings.record_window', { unitPath })) throw notFound();
  if (!FINISHED.includes(found.state))
    throw new AppError('CONFLICT', { fields: [{ field: 'number', message: 'ratings.windowUnfinished' }] });
  const [rated] = await services.db
    .select({ id: ratings.id })
    .from(ratings)
    .where(eq(ratings.subjectNumber, caseNumber));
  if (rated)
    throw new AppError('CONFLICT', { fields: [{ field: 'number', message: 'ratings.windowRated' }] });
  const now = services.now();
  // The portal drops a rating given after the national period; say so here rather than send it in vain.
  const [ended] = await services.db
    .select({ at: max(caseActions.at) })
    .from(caseActions)
    .where(and(eq(caseActions.caseNumber, caseNumber), eq(caseActions.toState, found.state)));
  if (ended?.at && now.getTime() >= new Date(ended.at).getTime() + RATING_PERIOD_DAYS * DAY_MS)
    throw new AppError('CONFLICT', { fields: [{ field: 'number', message: 'ratings.windowClosed' }] });
  await services.db.transaction(async (tx) => {
    // The case row's lock makes two recordings of one case take turns: the second sees the first's message.
    await tx
      .select({ n: cases.caseNumber })
      .from(cases)
      .where(eq(cases.caseNumber, caseNumber))
      .for('update');
    // A rating recorded here is the case's rating from the moment it is sent, though the portal has yet to
    // send it back; a message the relay refused (quarantined) never arrives, so it does not count.
    const [pending] = await tx
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.stream, `case:${caseNumber}`),
          eq(outbox.type, ratingWindowRecorded.type),
          isNull(outbox.quarantinedAt),
        ),
      )
      .limit(1);
    if (pending)
      throw new AppError('CONFLICT', { fields: [{ field: 'number', message: 'ratings.windowPending' }] });
    await send(
      tx,
      ratingWindowRecorded,
      {
        subject: { kind: 'case', number: caseNumber },
        level: given.level,
        reasons: given.reasons,
        comment: given.comment,
        recordedAt: now.toISOString(),
      },
      { stream: `case:${caseNumber}` },
    );
    await recordAudit(tx, {
      ...by,
      action: 'rating.window.recorded',
      target: `case:${caseNumber}`,
      detail: { level: given.level },
      at: now,
    });
  });
  return caseNumber;
}
