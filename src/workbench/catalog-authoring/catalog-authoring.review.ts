import { and, eq } from 'drizzle-orm';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import { catalogItemPublished, catalogItemWithdrawn } from '../../exchange/contracts/index.ts';
import { sendMessage } from '../../exchange/outbox.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import type { CurrentStaff } from '../session.ts';
import { evaluateItem } from './catalog-authoring.check.ts';
import { sendDocumentsOf, withDocumentCheck } from './catalog-authoring.documents.ts';
import { isOwnWork, mayDecide } from './catalog-authoring.policy.ts';
import {
  CatalogCheckError,
  CatalogConflictError,
  CatalogFieldError,
  currentVersionOf,
  lockedItem,
  streamOf,
} from './catalog-authoring.service.ts';
import { catalogItems as items, catalogItemVersions as versions } from './catalog-authoring.tables.ts';

// The approver's side: publishing or returning the version in review, and withdrawing the live version.
// Publication and withdrawal write their message to the portal in the same transaction as the change.

const MAX_COMMENT = 2000;

/** The version in review that a decision is about, checked for reach and four eyes inside the transaction. */
async function reviewable(tx: Tx, me: CurrentStaff, id: string, version: number) {
  const item = await lockedItem(tx, me, id);
  if (!mayDecide(me, item.unitPath)) throw new AppError('FORBIDDEN');
  const current = await currentVersionOf(tx, item);
  if (current.version !== version || current.state !== 'in-review')
    throw new CatalogConflictError(current.version);
  if (isOwnWork(me, current)) throw new AppError('FORBIDDEN', { detail: 'four eyes: own version' });
  return { item, current };
}

/**
 * Publishes the version in review: the rules are checked again now (they may have changed since it was
 * submitted), the version goes live, the one live before is superseded, and the message to the portal is
 * written in the same transaction.
 */
export async function publishVersion(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  version: number,
): Promise<void> {
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const { item, current } = await reviewable(tx, me, id, version);
    const content = {
      ...(current.content as Record<string, unknown>),
      id: item.id,
      version: current.version,
    };
    const evaluation = await withDocumentCheck(tx, evaluateItem(content));
    if (evaluation.problems.length > 0 || !evaluation.schemaValid || !evaluation.rulesRan)
      throw new CatalogCheckError(evaluation);
    if (item.publishedVersion !== null) {
      await tx
        .update(versions)
        .set({ state: 'superseded', updatedAt: now })
        .where(and(eq(versions.itemId, item.id), eq(versions.version, item.publishedVersion)));
    }
    await tx
      .update(versions)
      .set({
        state: 'published',
        content,
        reviewerBadge: me.badgeNo,
        decidedAt: now,
        publishedAt: now,
        updatedAt: now,
      })
      .where(and(eq(versions.itemId, item.id), eq(versions.version, current.version)));
    await tx
      .update(items)
      .set({ publishedVersion: current.version, status: 'published', updatedAt: now })
      .where(eq(items.id, item.id));
    await sendDocumentsOf(tx, content, streamOf(item.id));
    await sendMessage(
      tx,
      catalogItemPublished,
      { item: content as ServiceItem, version: current.version, publishedAt: now.toISOString() },
      { stream: streamOf(item.id) },
    );
    await recordAudit(tx, {
      ...by,
      action: 'catalog.publish',
      target: `catalog:${item.id}`,
      detail: { version: current.version, replaces: item.publishedVersion },
      at: now,
    });
  });
}

/** Sends the version in review back to its editors with the approver's reasons. */
export async function returnVersion(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  version: number,
  comment: string | undefined,
): Promise<void> {
  const text = comment?.trim() ?? '';
  if (!text || [...text].length > MAX_COMMENT)
    throw new CatalogFieldError([
      {
        field: 'comment',
        message: text
          ? {
              zh: `退回意见不能超过${MAX_COMMENT}字。`,
              en: `The comment must be at most ${MAX_COMMENT} characters.`,
            }
          : { zh: '请填写退回意见，说明需要修改的内容。', en: 'Enter a comment saying what must change.' },
      },
    ]);
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const { item, current } = await reviewable(tx, me, id, version);
    await tx
      .update(versions)
      .set({
        state: 'returned',
        reviewerBadge: me.badgeNo,
        reviewComment: text,
        decidedAt: now,
        updatedAt: now,
      })
      .where(and(eq(versions.itemId, item.id), eq(versions.version, current.version)));
    await tx.update(items).set({ status: 'returned', updatedAt: now }).where(eq(items.id, item.id));
    await recordAudit(tx, {
      ...by,
      action: 'catalog.return',
      target: `catalog:${item.id}`,
      detail: { version: current.version, comment: text.slice(0, 200) },
      at: now,
    });
  });
}

/** Takes the live version off the portal. A newer draft, if any, carries on and may be published later. */
export async function withdrawPublished(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: string,
  reason: string | undefined,
): Promise<number> {
  const text = reason?.trim() ?? '';
  if ([...text].length > 500)
    throw new CatalogFieldError([
      {
        field: 'reason',
        message: { zh: '撤回原因不能超过500字。', en: 'The reason must be at most 500 characters.' },
      },
    ]);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const item = await lockedItem(tx, me, id);
    if (!mayDecide(me, item.unitPath)) throw new AppError('FORBIDDEN');
    const version = item.publishedVersion;
    if (version === null) throw new CatalogConflictError(item.currentVersion);
    await tx
      .update(versions)
      .set({
        state: 'withdrawn',
        withdrawnAt: now,
        withdrawnBy: me.badgeNo,
        withdrawReason: text || null,
        updatedAt: now,
      })
      .where(and(eq(versions.itemId, item.id), eq(versions.version, version)));
    await tx
      .update(items)
      .set({
        publishedVersion: null,
        ...(item.currentVersion === version ? { status: 'withdrawn' as const } : {}),
        updatedAt: now,
      })
      .where(eq(items.id, item.id));
    await sendMessage(
      tx,
      catalogItemWithdrawn,
      { id: item.id, version, withdrawnAt: now.toISOString() },
      { stream: streamOf(item.id) },
    );
    await recordAudit(tx, {
      ...by,
      action: 'catalog.withdraw',
      target: `catalog:${item.id}`,
      detail: { version, ...(text ? { reason: text.slice(0, 200) } : {}) },
      at: now,
    });
    return version;
  });
}
