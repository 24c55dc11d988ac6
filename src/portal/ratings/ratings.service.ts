import { randomUUID } from 'node:crypto';
import {
  rectificationAnswered,
  rectificationReplied,
  ratingSubmitted,
  ratingWindowRecorded,
  type RatingChannel,
  type RatingSubjectKind,
} from '../../exchange/contracts/index.ts';
import { onMessage, send, type MessageHandler } from '../../exchange/facade.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import {
  DEFAULT_LEVEL,
  RATING_PERIOD_DAYS,
  isBadReview,
  reasonsFor,
} from '../../shared/ratings/ratings.scale.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { portalPolicy } from '../policy.ts';
import type { CurrentCitizen } from '../session.ts';
import { readRatingLink } from './ratings.link.ts';
import * as repo from './ratings.repository.ts';
import type { RatingRow } from './ratings.tables.ts';

// 好差评 in the portal: the person rates a finished case or an answered letter once, within the period; a
// rating not given in time is recorded as the default by the sweep (ratings.defaults.ts). The rating crosses on
// the subject's own stream; a bad review's reply comes back, and the person accepts it or appeals once.

const DAY_MS = 86_400_000;

/** Answering a reply where nothing was rated: there is no reply to answer. */
export class NoRatingError extends AppError {
  constructor() {
    super('CONFLICT', { fields: [{ field: 'answer', message: 'ratings.answered' }] });
  }
}

export interface RatingPageView {
  kind: RatingSubjectKind;
  number: string;
  rating: RatingRow | undefined;
  /** Until when a rating may be given; null when the case or letter is not finished. */
  closesAt: Date | null;
  /** Whether the form is offered now. */
  open: boolean;
  /** Set when the page was reached by the SMS link: the form posts back to it, without signing in. */
  viaLink?: string;
}

export function isSubjectKind(kind: string): kind is RatingSubjectKind {
  return kind === 'case' || kind === 'letter';
}

/** The person's own case or letter, with its rating; someone else's, or none, is not found. */
export async function ratingPage(
  services: ZoneServices,
  citizen: CurrentCitizen,
  kind: string,
  number: string,
): Promise<RatingPageView> {
  if (!isSubjectKind(kind)) throw new AppError('NOT_FOUND');
  const subject = await repo.findSubject(services.db, kind, number);
  if (!subject || !subject.citizenId) throw new AppError('NOT_FOUND');
  mustAllow(portalPolicy, citizen, 'ratings.give', { citizenId: subject.citizenId });
  return viewOf(services, kind, number, subject);
}

async function viewOf(
  services: ZoneServices,
  kind: RatingSubjectKind,
  number: string,
  subject: repo.Subject,
): Promise<RatingPageView> {
  const rating = await repo.findRating(services.db, kind, number);
  const closesAt = subject.finishedAt
    ? new Date(subject.finishedAt.getTime() + RATING_PERIOD_DAYS * DAY_MS)
    : null;
  const open = !rating && closesAt !== null && services.now() < closesAt;
  return { kind, number, rating, closesAt, open };
}

export interface RatingInput {
  level?: string | undefined;
  reasons?: string | string[] | undefined;
  comment?: string | undefined;
}

/** The chosen reasons as a list, whether the form posted one or several. */
export function reasonList(reasons: RatingInput['reasons']): string[] {
  if (reasons === undefined) return [];
  return [...new Set(Array.isArray(reasons) ? reasons : [reasons])];
}

function checkInput(input: RatingInput) {
  const fields: FieldError[] = [];
  const level = Number(input.level);
  const validLevel = Number.isInteger(level) && level >= 1 && level <= 5;
  if (!validLevel) fields.push({ field: 'level', message: 'ratings.level' });
  const reasons = reasonList(input.reasons);
  const offered = new Set(reasonsFor(level).map((r) => r.code));
  if (validLevel && reasons.some((code) => !offered.has(code)))
    fields.push({ field: 'reasons', message: 'ratings.reasons' });
  // A bad review says why, so the unit knows what to look into.
  else if (validLevel && isBadReview(level) && reasons.length === 0)
    fields.push({ field: 'reasons', message: 'ratings.reasonsNeeded' });
  const comment = (input.comment ?? '').trim();
  if (comment.length > 500) fields.push({ field: 'comment', message: 'ratings.comment' });
  if (fields.length > 0) throw new AppError('VALIDATION', { fields });
  return { level, reasons, comment: comment || null };
}

async function store(
  tx: Tx,
  values: {
    kind: RatingSubjectKind;
    number: string;
    citizenId: string;
    level: number;
    reasons: string[];
    comment: string | null;
    defaulted: boolean;
    channel: RatingChannel;
    at: Date;
  },
): Promise<boolean> {
  const id = randomUUID();
  const stored = await repo.insertRating(tx, {
    id,
    subjectKind: values.kind,
    subjectNumber: values.number,
    citizenId: values.citizenId,
    level: values.level,
    reasons: values.reasons,
    comment: values.comment,
    defaulted: values.defaulted,
    channel: values.channel,
    ratedAt: values.at,
  });
  if (!stored) return false;
  await send(
    tx,
    ratingSubmitted,
    {
      ratingId: id,
      subject: { kind: values.kind, number: values.number },
      level: values.level,
      reasons: values.reasons,
      comment: values.comment,
      defaulted: values.defaulted,
      channel: values.channel,
      ratedAt: values.at.toISOString(),
    },
    { stream: `${values.kind}:${values.number}` },
  );
  return true;
}

/**
 * The rating page reached by the SMS link: a made-up or altered link is not found; one past its date is
 * refused; after the one rating it shows that rating and takes no other.
 */
export async function linkPage(services: ZoneServices, token: string): Promise<RatingPageView> {
  const link = readRatingLink(services.sealer, token);
  if (!link) throw new AppError('NOT_FOUND');
  const subject = await repo.findSubject(services.db, link.kind, link.number);
  if (!subject || !subject.citizenId) throw new AppError('NOT_FOUND');
  const view = await viewOf(services, link.kind, link.number, subject);
  if (!view.rating && services.now() >= link.expiresAt) throw new AppError('LINK_EXPIRED');
  return { ...view, open: view.open && services.now() < link.expiresAt, viaLink: `/r/${token}` };
}

export async function submitRating(
  services: ZoneServices,
  citizen: CurrentCitizen | { id: string } | null,
  view: RatingPageView,
  input: RatingInput,
  channel: RatingChannel = 'web',
): Promise<void> {
  const checked = checkInput(input);
  if (view.rating) throw new AppError('CONFLICT', { fields: [{ field: 'level', message: 'ratings.given' }] });
  if (!view.open) throw new AppError('CONFLICT', { fields: [{ field: 'level', message: 'ratings.closed' }] });
  const subject = await repo.findSubject(services.db, view.kind, view.number);
  const citizenId = citizen?.id ?? subject?.citizenId;
  if (!citizenId) throw new AppError('NOT_FOUND');
  const stored = await services.db.transaction((tx) =>
    store(tx, {
      kind: view.kind,
      number: view.number,
      citizenId,
      ...checked,
      defaulted: false,
      channel,
      at: services.now(),
    }),
  );
  if (!stored) throw new AppError('CONFLICT', { fields: [{ field: 'level', message: 'ratings.given' }] });
}

/** The person accepts the reply, or appeals it: once, and only the first reply. */
export async function answerReply(
  services: ZoneServices,
  rating: RatingRow,
  input: { answer?: string | undefined; reason?: string | undefined },
): Promise<void> {
  const answer = input.answer;
  const reason = (input.reason ?? '').trim();
  if (answer !== 'accept' && answer !== 'appeal')
    throw new AppError('VALIDATION', { fields: [{ field: 'answer', message: 'ratings.answer' }] });
  if (reason.length > 500)
    throw new AppError('VALIDATION', { fields: [{ field: 'reason', message: 'ratings.comment' }] });
  if (answer === 'appeal' && !reason)
    throw new AppError('VALIDATION', { fields: [{ field: 'reason', message: 'ratings.appealReason' }] });
  if (rating.replyRound === 0 || rating.accepted || rating.answeredAt)
    throw new AppError('CONFLICT', { fields: [{ field: 'answer', message: 'ratings.answered' }] });
  if (answer === 'appeal' && rating.appealed)
    throw new AppError('CONFLICT', { fields: [{ field: 'answer', message: 'ratings.appealedOnce' }] });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.updateRating(tx, rating.id, {
      answeredAt: now,
      ...(answer === 'accept' ? { accepted: true } : { appealed: true, appealReason: reason }),
    });
    await send(
      tx,
      rectificationAnswered,
      {
        ratingId: rating.id,
        subject: { kind: rating.subjectKind, number: rating.subjectNumber },
        answer,
        reason: reason || null,
        answeredAt: now.toISOString(),
      },
      { stream: `${rating.subjectKind}:${rating.subjectNumber}` },
    );
  });
}

const BATCH = 200;

/** Records the default rating for every finished case and answered letter whose period has passed. */
export async function recordDefaults(tx: Tx, now: Date): Promise<number> {
  const cutoff = new Date(now.getTime() - RATING_PERIOD_DAYS * DAY_MS);
  const due = await repo.unratedBefore(tx, cutoff, BATCH);
  let recorded = 0;
  for (const subject of due) {
    const stored = await store(tx, {
      ...subject,
      level: DEFAULT_LEVEL,
      reasons: [],
      comment: null,
      defaulted: true,
      channel: 'web',
      at: now,
    });
    if (stored) recorded++;
  }
  return recorded;
}

export const RATING_BATCH = BATCH;

/**
 * A rating given at the window: stored with the channel `window` like one given online, and sent back as
 * `rating.submitted`; dropped when the case was rated already or its period is over (the window's page says
 * so when the workbench hears nothing back).
 */
export function windowRatingHandler(services: ZoneServices): MessageHandler {
  return onMessage(ratingWindowRecorded, async (tx, given) => {
    const { kind, number } = given.subject;
    const subject = await repo.findSubject(tx, kind, number);
    if (!subject?.citizenId || !subject.finishedAt) return;
    if (services.now().getTime() >= subject.finishedAt.getTime() + RATING_PERIOD_DAYS * DAY_MS) return;
    await store(tx, {
      kind,
      number,
      citizenId: subject.citizenId,
      level: given.level,
      reasons: given.reasons,
      comment: given.comment,
      defaulted: false,
      channel: 'window',
      at: new Date(given.recordedAt),
    });
  });
}

/** The unit's reply to a bad review: kept once per round, opening the person's answer again. */
export function rectificationReplyHandler(): MessageHandler {
  return onMessage(rectificationReplied, async (tx, reply) => {
    const rating = await repo.findRatingById(tx, reply.ratingId);
    if (!rating) throw new Error('a reply to a rating this portal does not hold');
    if (rating.replyRound >= reply.round) return;
    await repo.updateRating(tx, rating.id, {
      replyRound: reply.round,
      replyText: reply.reply,
      replyUnit: reply.unitName,
      repliedAt: new Date(reply.repliedAt),
      answeredAt: null,
    });
  });
}
