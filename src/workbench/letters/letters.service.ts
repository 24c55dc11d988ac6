import { letterKinds } from '../../exchange/contracts/index.ts';
import { todayInShanghai, type WorkingDayCalendar } from '../../shared/calendar/working-days.ts';
import { AppError, type FieldError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { reachOf } from '../staff/staff.policy.ts';
import { staffActor } from '../workflow/workflow.ports.ts';
import * as repo from './letters.repository.ts';
import { ACCUSING } from './letters.intake.ts';
import { routeLetter, unitNamedIn, withinAccused } from './letters.routing.ts';
import { moveAndTell } from './letters.steps.ts';
import type { LetterActionRow, LetterRow } from './letters.tables.ts';
import { letterClass, letterWorkflow, type LetterState } from './letters.workflow.ts';

// What an officer does with a letter: see the queue of his units with each letter's deadline, claim one,
// answer it, forward it to the unit that can (never to the unit it is about), or hand it to 12345.

export type Urgency = 'green' | 'amber' | 'red';

/** Red once the due date has passed, amber on the last working day, green before. */
export function urgencyOf(dueOn: string | null, today: string, calendar: WorkingDayCalendar): Urgency | null {
  if (!dueOn) return null;
  if (today > dueOn) return 'red';
  return calendar.workingDaysBetween(today, dueOn) <= 0 ? 'amber' : 'green';
}

const recordOf = (letter: LetterRow) => ({ unitPath: letter.unitPath ?? '' });

export async function loadLetter(
  services: ZoneServices,
  me: CurrentStaff,
  action: 'letters.read' | 'letters.handle',
  letterNumber: string,
): Promise<LetterRow> {
  const letter = await repo.findLetter(services.db, letterNumber);
  if (!letter) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, action, recordOf(letter));
  return letter;
}

export function queueOf(services: ZoneServices, me: CurrentStaff, view: repo.QueueView) {
  return repo.queue(services.db, reachOf(me, 'letters.read'), view, todayInShanghai(services.now()));
}

export interface LetterDetail {
  letter: LetterRow;
  actions: LetterActionRow[];
  writer: { name: string; mobile: string } | null;
  /** What the officer may do now, read from the workflow table and his jurisdiction. */
  may: { claim: boolean; reply: boolean; forward: boolean; transfer: boolean; reclassify: boolean };
  unitName: string | null;
  accusedName: string | null;
  /** The photos the letter names, each with whether its bytes have arrived yet. */
  photos: { id: string; name: string; arrived: boolean }[];
}

export async function detailOf(
  services: ZoneServices,
  me: CurrentStaff,
  letter: LetterRow,
): Promise<LetterDetail> {
  const definition = letterWorkflow.of(letter.workflowId, letter.workflowVersion);
  const handles = workbenchPolicy.can(me, 'letters.handle', recordOf(letter));
  const can = (action: string) => handles && definition.actionsFrom(letter.state).includes(action as never);
  const mine = letter.claimedBy === me.badgeNo;
  const [unit, accused, arrived] = await Promise.all([
    letter.unitCode ? repo.unitOf(services.db, letter.unitCode) : undefined,
    letter.accusedUnitCode ? repo.unitOf(services.db, letter.accusedUnitCode) : undefined,
    repo.arrivedPhotos(
      services.db,
      letter.photos.map((p) => p.id),
    ),
  ]);
  return {
    letter,
    actions: await repo.actionsOf(services.db, letter.letterNumber),
    writer: letter.writerSealed
      ? (JSON.parse(services.sealer.open(letter.writerSealed)) as { name: string; mobile: string })
      : null,
    may: {
      claim: can('reply') && !mine,
      reply: can('reply') && mine,
      forward: can('forward') && mine,
      transfer: can('transfer') && mine,
      reclassify: can('reclassify-simple'),
    },
    unitName: unit?.name ?? null,
    accusedName: accused?.name ?? null,
    photos: letter.photos.map((p) => ({ id: p.id, name: p.name, arrived: arrived.has(p.id) })),
  };
}

/** A photo of a letter the officer may read; only the ids the letter itself names are served. */
export async function photoOf(
  services: ZoneServices,
  me: CurrentStaff,
  letterNumber: string,
  photoId: string,
) {
  const letter = await loadLetter(services, me, 'letters.read', letterNumber);
  if (!letter.photos.some((p) => p.id === photoId)) throw new AppError('NOT_FOUND');
  const photo = await repo.photoOf(services.db, photoId);
  if (!photo) throw new AppError('NOT_FOUND');
  return photo;
}

export async function claimLetter(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letter: LetterRow,
) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    if (!(await repo.claim(tx, letter.letterNumber, me.badgeNo, now))) throw new AppError('CONFLICT');
    await repo.recordAction(tx, {
      letterNumber: letter.letterNumber,
      action: 'claimed',
      actor: me.badgeNo,
      unitCode: letter.unitCode,
      at: now,
    });
    await recordAudit(tx, {
      ...by,
      action: 'letter.claim',
      target: `letter:${letter.letterNumber}`,
      detail: {},
      at: now,
    });
  });
}

function refuse(field: string, message: string): never {
  const fields: FieldError[] = [{ field, message }];
  throw new AppError('VALIDATION', { fields });
}

/** Only the officer who claimed the letter answers or hands it on. */
async function heldBy(services: ZoneServices, me: CurrentStaff, letterNumber: string) {
  const letter = await repo.findLetter(services.db, letterNumber);
  if (!letter) throw new AppError('NOT_FOUND');
  if (letter.claimedBy !== me.badgeNo) throw new AppError('CONFLICT', { detail: 'claim the letter first' });
  return letter;
}

const unitRef = (letter: LetterRow, name: string | undefined) => ({
  code: letter.unitCode ?? '',
  name: name ?? '',
});

export async function replyTo(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letterNumber: string,
  typed: string,
) {
  const text = typed.trim();
  if (!text || text.length > 4000) refuse('text', 'letters.reply');
  const letter = await heldBy(services, me, letterNumber);
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const unit = letter.unitCode ? await repo.unitOf(tx, letter.unitCode) : undefined;
    await moveAndTell(tx, {
      letterNumber,
      action: 'reply',
      data: { text },
      actor: staffActor(me, letter.unitPath ?? ''),
      by,
      unit: unitRef(letter, unit?.name),
      status: 'replied',
      step: 'replied',
      message: text,
      now,
    });
    await repo.updateLetter(tx, letterNumber, { reply: text });
  });
}

export async function forward(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letterNumber: string,
  input: { unitCode: string; reason: string },
) {
  const reason = input.reason.trim();
  const target = await repo.unitOf(services.db, input.unitCode.trim().toUpperCase());
  const letter = await heldBy(services, me, letterNumber);
  const accused = letter.accusedUnitCode ? await repo.unitOf(services.db, letter.accusedUnitCode) : undefined;
  const problems: FieldError[] = [];
  if (!target || target.code === letter.unitCode)
    problems.push({ field: 'unitCode', message: 'letters.unit' });
  else if (withinAccused(target.path, accused))
    problems.push({ field: 'unitCode', message: 'letters.accused' });
  if (!reason || reason.length > 1000) problems.push({ field: 'reason', message: 'letters.reason' });
  if (problems.length || !target) throw new AppError('VALIDATION', { fields: problems });
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await moveAndTell(tx, {
      letterNumber,
      action: 'forward',
      data: { unitCode: target.code, reason },
      actor: staffActor(me, letter.unitPath ?? ''),
      by,
      unit: { code: target.code, name: target.name },
      status: 'forwarded',
      step: 'forwarded',
      message: reason,
      now,
    });
    // The receiving unit's handlers claim it afresh.
    await repo.updateLetter(tx, letterNumber, {
      unitCode: target.code,
      unitPath: target.path,
      claimedBy: null,
    });
  });
}

export async function transfer(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letterNumber: string,
  input: { target: string; reason: string },
) {
  const reason = input.reason.trim();
  const problems: FieldError[] = [];
  if (input.target !== '12345' && input.target !== 'other-department')
    problems.push({ field: 'target', message: 'letters.target' });
  if (!reason || reason.length > 1000) problems.push({ field: 'reason', message: 'letters.reason' });
  if (problems.length) throw new AppError('VALIDATION', { fields: problems });
  const letter = await heldBy(services, me, letterNumber);
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const unit = letter.unitCode ? await repo.unitOf(tx, letter.unitCode) : undefined;
    await moveAndTell(tx, {
      letterNumber,
      action: 'transfer',
      data: { target: input.target as '12345' | 'other-department', reason },
      actor: staffActor(me, letter.unitPath ?? ''),
      by,
      unit: unitRef(letter, unit?.name),
      status: 'transferred',
      step: input.target === '12345' ? 'transferred-12345' : 'transferred-other',
      message: reason,
      now,
    });
  });
}

export const isClosed = (state: string) =>
  (['replied', 'transferred'] as LetterState[]).includes(state as LetterState);

/**
 * Shows the writer's mobile to an officer who may read the letter, once, for a reason kept in the audit trail.
 * The page masks it otherwise.
 */
export async function revealWriter(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letterNumber: string,
  typed: string,
): Promise<void> {
  const reason = typed.trim();
  if (!reason || reason.length > 200) refuse('revealReason', 'letters.revealReason');
  const letter = await loadLetter(services, me, 'letters.read', letterNumber);
  if (!letter.writerSealed) throw new AppError('NOT_FOUND');
  await services.db.transaction((tx) =>
    recordAudit(tx, {
      ...by,
      action: 'letter.writer.reveal',
      target: `letter:${letterNumber}`,
      detail: { personalData: ['mobile'], reason },
      at: services.now(),
    }),
  );
}

/**
 * An officer who may handle the letter changes its kind: the routing rules place it again as if it had arrived
 * so (never with the unit it accuses), the deadline starts afresh for the new class, and the writer is told the
 * new kind. The reason stays in the history and the audit trail.
 */
export async function reclassify(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  letterNumber: string,
  input: { kind: string; reason: string },
) {
  const letter = await loadLetter(services, me, 'letters.handle', letterNumber);
  const kind = letterKinds.find((k) => k === input.kind);
  const reason = input.reason.trim();
  const problems: FieldError[] = [];
  if (!kind || kind === letter.kind) problems.push({ field: 'kind', message: 'letters.kind' });
  if (!reason || reason.length > 1000)
    problems.push({ field: 'reclassifyReason', message: 'letters.reason' });
  if (problems.length || !kind) throw new AppError('VALIDATION', { fields: problems });
  const tree = await repo.allUnits(services.db);
  const byCode = new Map(tree.map((u) => [u.code, u]));
  const accused =
    (letter.accusedUnitCode ? byCode.get(letter.accusedUnitCode) : undefined) ??
    (ACCUSING.has(kind) ? unitNamedIn(letter.concernedUnit, tree) : undefined);
  const routing = routeLetter({ kind, topic: letter.topic, place: letter.place }, accused, (c) =>
    byCode.get(c),
  );
  const unit = routing.unitCode ? byCode.get(routing.unitCode) : undefined;
  if (!unit) refuse('kind', 'letters.noUnit');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await moveAndTell(tx, {
      letterNumber,
      action: letterClass[kind] === 'simple' ? 'reclassify-simple' : 'reclassify-complex',
      data: { from: letter.kind, kind, unitCode: unit.code, reason },
      actor: staffActor(me, letter.unitPath ?? ''),
      by,
      unit: { code: unit.code, name: unit.name },
      status: 'in-progress',
      step: 'reclassified',
      note: reason,
      kind,
      now,
    });
    await repo.updateLetter(tx, letterNumber, {
      kind,
      accusedUnitCode: accused?.code ?? null,
      unitCode: unit.code,
      unitPath: unit.path,
      routedBy: routing.rule,
      // Another unit claims it afresh; the same unit keeps its handler.
      claimedBy: unit.code === letter.unitCode ? letter.claimedBy : null,
      // A tip is never published, whatever the writer allowed.
      ...(kind === 'tip' ? { publishAllowed: false } : {}),
    });
  });
}
