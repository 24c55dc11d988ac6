import { kbAnswerPublished, kbAnswerWithdrawn } from '../../exchange/contracts/index.ts';
import { send } from '../../exchange/facade.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { checkPublication } from '../../shared/content/publication-check.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { systemActor, transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import type { CurrentStaff } from '../session.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import * as repo from './kb.repository.ts';
import type { KbEntryRow, KbVersionRow } from './kb.tables.ts';
import { kbStore, kbWorkflow } from './kb.workflow.ts';
import { KB_LIMITS, refuse } from './kb.service.ts';

// The review of an entry's versions: submitted by its writer, put in use or sent back by a second officer,
// retired when no longer wanted. A public version in use crosses to the portal; taking it out of use takes
// it down there.

/** What keeps a public entry from the portal: the publication check's hits in its question or answer. */
function publicHits(version: KbVersionRow, today: string) {
  return version.public
    ? checkPublication({ question: version.question, answer: version.answer }, today)
    : [];
}

export async function submit(services: ZoneServices, me: CurrentStaff, by: AuditActor, entry: KbEntryRow) {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.lockEntry(tx, entry.id);
    const latest = await repo.findVersion(tx, entry.id, entry.latestVersion);
    if (!latest) throw new AppError('NOT_FOUND');
    const hits = publicHits(latest, todayInShanghai(now));
    if (hits.length)
      throw new AppError('VALIDATION', {
        fields: hits.map((h) => ({ field: h.field, message: h.explanation.zh })),
      });
    await transition(tx, {
      versions: kbWorkflow,
      store: kbStore,
      ports: workbenchPorts(by, services.calendar),
      key: { entryId: entry.id, version: latest.version },
      action: 'submit',
      actor: staffActor(me, entry.unitPath),
      data: {},
      now,
    });
    await repo.updateVersion(tx, { entryId: entry.id, version: latest.version }, { submittedBy: me.badgeNo });
  });
}

const publishedOf = (entryId: string, v: KbVersionRow, at: Date) => ({
  entryId,
  version: v.version,
  question: v.question,
  answer: v.answer,
  keywords: v.keywords,
  area: v.area,
  publishedAt: at.toISOString(),
});

async function tellPortal(
  tx: Tx,
  entryId: string,
  now: Date,
  next: KbVersionRow | undefined,
  before: KbVersionRow | undefined,
) {
  const stream = `kb:${entryId}`;
  if (next?.public) await send(tx, kbAnswerPublished, publishedOf(entryId, next, now), { stream });
  else if (before?.public)
    await send(
      tx,
      kbAnswerWithdrawn,
      { entryId, version: before.version, withdrawnAt: now.toISOString() },
      { stream },
    );
}

/** A second officer's review of the version in review: in use (superseding the one before) or back to draft. */
export async function review(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  entry: KbEntryRow,
  input: { decision?: string | undefined; comment?: string | undefined },
) {
  const comment = (input.comment ?? '').trim();
  if (input.decision !== 'approve' && input.decision !== 'return') refuse('decision', 'kb.decision');
  if (input.decision === 'return' && !comment) refuse('comment', 'kb.comment');
  if ([...comment].length > KB_LIMITS.comment) refuse('comment', 'kb.comment');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.lockEntry(tx, entry.id);
    const latest = await repo.findVersion(tx, entry.id, entry.latestVersion);
    if (!latest) throw new AppError('NOT_FOUND');
    const key = { entryId: entry.id, version: latest.version };
    const common = {
      versions: kbWorkflow,
      store: kbStore,
      ports: workbenchPorts(by, services.calendar),
      key,
      now,
    };
    const actor = staffActor(me, entry.unitPath);
    if (input.decision === 'return') {
      await transition(tx, { ...common, action: 'return', actor, data: { comment } });
      await repo.updateVersion(tx, key, {
        reviewedBy: me.badgeNo,
        reviewComment: comment,
        submittedBy: null,
      });
      return;
    }
    const hits = publicHits(latest, todayInShanghai(now));
    if (hits.length)
      throw new AppError('VALIDATION', {
        fields: hits.map((h) => ({ field: 'decision', message: h.explanation.zh })),
      });
    await transition(tx, { ...common, action: 'approve', actor, data: {} });
    await repo.updateVersion(tx, key, { reviewedBy: me.badgeNo, reviewComment: comment || null });
    const before = entry.currentVersion
      ? await repo.findVersion(tx, entry.id, entry.currentVersion)
      : undefined;
    if (before?.state === 'in-use')
      await transition(tx, {
        ...common,
        key: { entryId: entry.id, version: before.version },
        action: 'supersede',
        actor: systemActor,
        data: {},
      });
    await repo.updateEntry(tx, entry.id, { currentVersion: latest.version, updatedAt: now });
    await tellPortal(tx, entry.id, now, latest, before);
  });
}

export async function retire(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  entry: KbEntryRow,
  reason: string,
) {
  const text = reason.trim();
  if (!text || [...text].length > KB_LIMITS.comment) refuse('reason', 'kb.reason');
  if (entry.currentVersion === null) throw new AppError('CONFLICT');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    await repo.lockEntry(tx, entry.id);
    const current = await repo.findVersion(tx, entry.id, entry.currentVersion!);
    if (!current) throw new AppError('NOT_FOUND');
    await transition(tx, {
      versions: kbWorkflow,
      store: kbStore,
      ports: workbenchPorts(by, services.calendar),
      key: { entryId: entry.id, version: current.version },
      action: 'retire',
      actor: staffActor(me, entry.unitPath),
      data: { reason: text },
      now,
    });
    await repo.updateEntry(tx, entry.id, { currentVersion: null, updatedAt: now });
    await tellPortal(tx, entry.id, now, undefined, current);
  });
}
