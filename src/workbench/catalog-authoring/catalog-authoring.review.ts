import { and, eq } from 'drizzle-orm';
import type { ServiceItem } from '../../shared/catalog/index.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import {
  systemActor,
  transition,
  WorkflowConflictError,
  type WorkflowActor,
} from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import type { CurrentStaff } from '../session.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { evaluateItem } from './catalog-authoring.check.ts';
import { sendDocumentsOf, withDocumentCheck } from './catalog-authoring.documents.ts';
import { CatalogFieldError } from './catalog-authoring.messages.ts';
import { isOwnWork, mayDecide } from './catalog-authoring.policy.ts';
import {
  CatalogCheckError,
  CatalogConflictError,
  currentVersionOf,
  lockedItem,
  streamOf,
} from './catalog-authoring.service.ts';
import { catalogItems as items, catalogItemVersions as versions } from './catalog-authoring.tables.ts';
import {
  catalogVersionStore,
  catalogVersionWorkflow,
  type CatalogActions,
  type VersionKey,
} from './catalog-authoring.workflow.ts';

// The approver's side: publishing or returning the version in review, and withdrawing the live version.
// Each is a transition of catalog-authoring.workflow.ts, which writes the state, the audit entry and the
// message to the portal in the same transaction; this file adds the columns only a guide has.

/** The longest comment and reason; the route schemas and the words in catalog-authoring.messages.ts agree. */
export const MAX_COMMENT = 2000;
export const MAX_REASON = 500;

/** The version in review that a decision is about, checked for reach and four eyes inside the transaction. */
async function reviewable(tx: Tx, me: CurrentStaff, id: string, version: number) {
  const item = await lockedItem(tx, me, id);
  if (!mayDecide(me, item.unitPath)) throw new AppError('FORBIDDEN');
  const current = await currentVersionOf(tx, item);
  if (current.version !== version || current.state !== 'in-review')
    throw new CatalogConflictError(current.version);
  // Answered early for the plain case; transition() applies the full four-eyes rule again when it moves.
  if (isOwnWork(me, current)) throw new AppError('FORBIDDEN', { detail: 'four eyes: own version' });
  return { item, current };
}

/** Runs one transition of a version; a state moved under the decision is the catalogue's own conflict. */
async function move<A extends keyof CatalogActions & string>(
  tx: Tx,
  step: {
    by: AuditActor;
    key: VersionKey;
    action: A;
    actor: WorkflowActor;
    data: CatalogActions[A];
    now: Date;
    currentVersion: number;
  },
): Promise<void> {
  try {
    await transition(tx, {
      versions: catalogVersionWorkflow,
      store: catalogVersionStore,
      ports: workbenchPorts(step.by),
      key: step.key,
      action: step.action,
      actor: step.actor,
      data: step.data,
      now: step.now,
    });
  } catch (error) {
    if (error instanceof WorkflowConflictError) throw new CatalogConflictError(step.currentVersion);
    throw error;
  }
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
    const step = { by, now, currentVersion: current.version };
    if (item.publishedVersion !== null) {
      const key = { itemId: item.id, version: item.publishedVersion };
      await move(tx, { ...step, key, action: 'supersede', actor: systemActor, data: {} });
    }
    // The documents the guide names go first on its stream, so the portal has them when the guide arrives.
    await sendDocumentsOf(tx, content, streamOf(item.id));
    await move(tx, {
      ...step,
      key: { itemId: item.id, version: current.version },
      action: 'publish',
      actor: staffActor(me, item.unitPath),
      data: { item: content as ServiceItem, replaces: item.publishedVersion },
    });
    await tx
      .update(versions)
      .set({ content, reviewerBadge: me.badgeNo, decidedAt: now, publishedAt: now })
      .where(and(eq(versions.itemId, item.id), eq(versions.version, current.version)));
    await tx
      .update(items)
      .set({ publishedVersion: current.version, status: 'published', updatedAt: now })
      .where(eq(items.id, item.id));
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
  if (!text) throw new CatalogFieldError([{ field: 'comment', key: 'catalog.comment.missing' }]);
  if ([...text].length > MAX_COMMENT)
    throw new CatalogFieldError([{ field: 'comment', key: 'catalog.comment.tooLong' }]);
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const { item, current } = await reviewable(tx, me, id, version);
    await move(tx, {
      by,
      now,
      currentVersion: current.version,
      key: { itemId: item.id, version: current.version },
      action: 'return',
      actor: staffActor(me, item.unitPath),
      data: { comment: text },
    });
    await tx
      .update(versions)
      .set({ reviewerBadge: me.badgeNo, reviewComment: text, decidedAt: now })
      .where(and(eq(versions.itemId, item.id), eq(versions.version, current.version)));
    await tx.update(items).set({ status: 'returned', updatedAt: now }).where(eq(items.id, item.id));
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
  if ([...text].length > MAX_REASON)
    throw new CatalogFieldError([{ field: 'reason', key: 'catalog.reason.tooLong' }]);
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const item = await lockedItem(tx, me, id);
    if (!mayDecide(me, item.unitPath)) throw new AppError('FORBIDDEN');
    const version = item.publishedVersion;
    if (version === null) throw new CatalogConflictError(item.currentVersion);
    await move(tx, {
      by,
      now,
      currentVersion: item.currentVersion,
      key: { itemId: item.id, version },
      action: 'withdraw',
      actor: staffActor(me, item.unitPath),
      data: { reason: text },
    });
    await tx
      .update(versions)
      .set({ withdrawnAt: now, withdrawnBy: me.badgeNo, withdrawReason: text || null })
      .where(and(eq(versions.itemId, item.id), eq(versions.version, version)));
    await tx
      .update(items)
      .set({
        publishedVersion: null,
        ...(item.currentVersion === version ? { status: 'withdrawn' as const } : {}),
        updatedAt: now,
      })
      .where(eq(items.id, item.id));
    return version;
  });
}
