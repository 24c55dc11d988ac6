import { and, eq } from 'drizzle-orm';
import type { contentPublished, PayloadOf } from '../../exchange/contracts/index.ts';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { findColumn } from '../../shared/content/content.columns.ts';
import { blockingHits, type Override } from '../../shared/content/publication-check.ts';
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
import { recordAudit } from '../audit/audit.ts';
import type { CurrentStaff } from '../session.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import { ContentCheckError, evaluateArticle, hasEnglish, LIMITS, parseBeijingTime } from './content.check.ts';
import { isOwnArticle, mayDecideContent } from './content.policy.ts';
import { dueForRelease, dueForWithdrawal, findArticle, type ArticleRecord } from './content.repository.ts';
import { ContentConflictError, currentVersionOf, inputOf, visibleArticle } from './content.service.ts';
import {
  contentArticles as articles,
  contentVersions as versions,
  type ArticleVersionRow,
} from './content.tables.ts';
import { sendImagesOf } from './content.images.ts';
import {
  contentStore,
  contentWorkflow,
  streamOf,
  type ArticleKey,
  type ContentActions,
} from './content.workflow.ts';

// The approver's side: approving the version in review (now, or for a time ahead), overriding false alarms of
// the publication check with a reason each, returning it, withdrawing; and the platform's side: releasing
// scheduled versions and taking articles down when their time comes (releaseDue, run on the zone's clock).

const SYSTEM: AuditActor = { actor: 'system', actorUnit: null, sourceIp: null };

async function move<A extends keyof ContentActions & string>(
  tx: Tx,
  step: {
    by: AuditActor;
    key: ArticleKey;
    action: A;
    actor: WorkflowActor;
    data: ContentActions[A];
    now: Date;
  },
): Promise<void> {
  try {
    await transition(tx, {
      versions: contentWorkflow,
      store: contentStore,
      ports: workbenchPorts(step.by),
      key: step.key,
      action: step.action,
      actor: step.actor,
      data: step.data,
      now: step.now,
    });
  } catch (error) {
    if (error instanceof WorkflowConflictError) throw new ContentConflictError(step.key.version);
    throw error;
  }
}

async function reviewable(tx: Tx, me: CurrentStaff, id: number, version: number) {
  const article = await visibleArticle(tx, me, id, true);
  if (!mayDecideContent(me, article.unitPath)) throw new AppError('FORBIDDEN');
  const current = await currentVersionOf(tx, article);
  if (current.version !== version || current.state !== 'in-review')
    throw new ContentConflictError(current.version);
  if (isOwnArticle(me, current)) throw new AppError('FORBIDDEN', { detail: 'four eyes: own article' });
  return { article, current };
}

function messageOf(
  article: ArticleRecord,
  version: ArticleVersionRow,
  at: Date,
): PayloadOf<typeof contentPublished> {
  const column = findColumn(article.column);
  return {
    id: article.id,
    version: version.version,
    column: article.column,
    title: version.title,
    summary: version.summary,
    body: version.body,
    fields: version.fields,
    english: hasEnglish(version)
      ? { title: version.titleEn, summary: version.summaryEn, body: version.bodyEn }
      : null,
    unitName: article.unitName ?? '',
    publishedAt: at.toISOString(),
    expiresOn: column?.expires && version.fields.expiresOn ? version.fields.expiresOn : null,
    overrides: version.overrides,
  };
}

/** Puts a version live now: the one live before is superseded, the message goes out in the same transaction. */
async function goLive(
  tx: Tx,
  by: AuditActor,
  actor: WorkflowActor,
  article: ArticleRecord,
  version: ArticleVersionRow,
  now: Date,
) {
  if (article.publishedVersion !== null && article.publishedVersion !== version.version) {
    const key = { articleId: article.id, version: article.publishedVersion };
    await move(tx, { by, key, action: 'supersede', actor: systemActor, data: {}, now });
  }
  // The pictures it shows go first on the same stream, so the portal has them when the article goes live.
  await sendImagesOf(
    tx,
    [version.body, version.bodyEn, ...Object.values(version.fields)],
    streamOf(article.id),
    article.unitCode,
  );
  await move(tx, {
    by,
    key: { articleId: article.id, version: version.version },
    action: 'publish',
    actor,
    data: { message: messageOf(article, version, now) },
    now,
  });
  await tx
    .update(versions)
    .set({ publishedAt: now })
    .where(and(eq(versions.articleId, article.id), eq(versions.version, version.version)));
  await tx
    .update(articles)
    .set({ publishedVersion: version.version, status: 'published', updatedAt: now })
    .where(eq(articles.id, article.id));
}

export interface Approval {
  /** Beijing time as typed, or empty for now. */
  publishAt: string;
  /** Reasons by hit fingerprint, as typed; an empty reason overrides nothing. */
  reasons: Record<string, string>;
}

/**
 * Approves the version in review. The check runs again now; every hit must be overridden with a reason or the
 * approval is refused with the hits listed. Each override is audited on its own, naming the hit's category,
 * place and fingerprint (not the matched text) and the reason.
 */
export async function approveArticle(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: number,
  version: number,
  approval: Approval,
): Promise<'published' | 'scheduled'> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const { article, current } = await reviewable(tx, me, id, version);
    const evaluation = evaluateArticle(article.column, inputOf(current), todayInShanghai(now));
    const overrides: Override[] = [];
    for (const hit of evaluation.hits) {
      const reason = (approval.reasons[hit.fingerprint] ?? '').trim();
      if (
        reason &&
        [...reason].length <= LIMITS.reason &&
        !overrides.some((o) => o.fingerprint === hit.fingerprint)
      )
        overrides.push({ fingerprint: hit.fingerprint, reason });
    }
    const blocking = blockingHits(evaluation.hits, overrides);
    const problems = [...evaluation.problems];
    const publishAt = approval.publishAt ? parseBeijingTime(approval.publishAt) : undefined;
    if (approval.publishAt && !publishAt)
      problems.push({
        field: 'publishAt',
        message: { zh: '发布时间须是日期和时间。', en: 'The publication time must be a date and time.' },
      });
    if (publishAt && current.withdrawAt && current.withdrawAt <= publishAt)
      problems.push({
        field: 'publishAt',
        message: {
          zh: '发布时间须早于下线时间。',
          en: 'The publication time must come before the take-down time.',
        },
      });
    if (problems.length > 0 || blocking.length > 0) throw new ContentCheckError({ problems, hits: blocking });

    for (const o of overrides) {
      const hit = evaluation.hits.find((h) => h.fingerprint === o.fingerprint);
      await recordAudit(tx, {
        ...by,
        action: 'content.override',
        target: `content:${String(article.id)}`,
        detail: {
          version,
          fingerprint: o.fingerprint,
          category: hit?.category,
          field: hit?.field,
          line: hit?.line,
          reason: o.reason.slice(0, 500),
        },
        at: now,
      });
    }
    const key = { articleId: article.id, version };
    await tx
      .update(versions)
      .set({ overrides, reviewerBadge: me.badgeNo, publishAt: publishAt ?? now })
      .where(and(eq(versions.articleId, article.id), eq(versions.version, version)));
    const actor = staffActor(me, article.unitPath);
    if (publishAt && publishAt > now) {
      await move(tx, {
        by,
        key,
        action: 'schedule',
        actor,
        data: { publishAt: publishAt.toISOString() },
        now,
      });
      await tx
        .update(articles)
        .set({ status: 'scheduled', updatedAt: now })
        .where(eq(articles.id, article.id));
      return 'scheduled';
    }
    await goLive(tx, by, actor, article, { ...current, overrides }, now);
    return 'published';
  });
}

export async function returnArticle(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: number,
  version: number,
  comment: string,
): Promise<void> {
  const text = comment.trim();
  const refuse = (zh: string, en: string) =>
    new ContentCheckError({ problems: [{ field: 'comment', message: { zh, en } }], hits: [] });
  if (!text) throw refuse('请写明退回理由。', 'Say why it is returned.');
  if ([...text].length > LIMITS.comment) throw refuse('退回理由过长。', 'The reason is too long.');
  const now = services.now();
  await services.db.transaction(async (tx) => {
    const { article } = await reviewable(tx, me, id, version);
    await move(tx, {
      by,
      key: { articleId: article.id, version },
      action: 'return',
      actor: staffActor(me, article.unitPath),
      data: { comment: text },
      now,
    });
    await tx
      .update(versions)
      .set({ reviewerBadge: me.badgeNo, reviewComment: text })
      .where(and(eq(versions.articleId, article.id), eq(versions.version, version)));
    await tx.update(articles).set({ status: 'returned', updatedAt: now }).where(eq(articles.id, article.id));
  });
}

/** Takes the live version off the portal, or cancels a scheduled one before it goes out. */
export async function withdrawArticle(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: number,
  reason: string,
): Promise<number> {
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const article = await visibleArticle(tx, me, id, true);
    if (!mayDecideContent(me, article.unitPath)) throw new AppError('FORBIDDEN');
    const current = await currentVersionOf(tx, article);
    const version = current.state === 'scheduled' ? current.version : article.publishedVersion;
    if (version === null) throw new ContentConflictError(article.currentVersion);
    await move(tx, {
      by,
      key: { articleId: article.id, version },
      action: 'withdraw',
      actor: staffActor(me, article.unitPath),
      data: { reason: reason.trim().slice(0, LIMITS.reason) },
      now,
    });
    await tx
      .update(versions)
      .set({ withdrawnAt: now })
      .where(and(eq(versions.articleId, article.id), eq(versions.version, version)));
    await tx
      .update(articles)
      .set({
        ...(version === article.publishedVersion ? { publishedVersion: null } : {}),
        ...(version === article.currentVersion ? { status: 'withdrawn' as const } : {}),
        updatedAt: now,
      })
      .where(eq(articles.id, article.id));
    return version;
  });
}

const BATCH = 100;

/**
 * The platform's part, on the zone's clock: scheduled versions whose time has come go live, live versions whose
 * take-down time has come are withdrawn. Each in its own transaction, so one failure holds up no other.
 */
export async function releaseDue(services: ZoneServices): Promise<{ published: number; withdrawn: number }> {
  const now = services.now();
  let published = 0;
  let withdrawn = 0;
  for (const due of await dueForRelease(services.db, now, BATCH)) {
    // An article that cannot go live (its message refused by the exchange's checks) stays scheduled and is
    // logged; it must not stop the releases and take-downs due after it.
    try {
      await services.db.transaction(async (tx) => {
        const article = await findArticle(tx, due.articleId, { lock: true });
        if (!article) return;
        const [row] = await tx
          .select()
          .from(versions)
          .where(and(eq(versions.articleId, due.articleId), eq(versions.version, due.version)));
        if (row?.state !== 'scheduled') return;
        await goLive(tx, SYSTEM, systemActor, article, row, now);
        published++;
      });
    } catch (error) {
      services.log.error({ err: error, articleId: due.articleId, version: due.version }, 'release failed');
    }
  }
  for (const due of await dueForWithdrawal(services.db, now, BATCH)) {
    await services.db.transaction(async (tx) => {
      const article = await findArticle(tx, due.articleId, { lock: true });
      if (!article || article.publishedVersion !== due.version) return;
      await move(tx, {
        by: SYSTEM,
        key: { articleId: article.id, version: due.version },
        action: 'expire',
        actor: systemActor,
        data: {},
        now,
      });
      await tx
        .update(versions)
        .set({ withdrawnAt: now })
        .where(and(eq(versions.articleId, article.id), eq(versions.version, due.version)));
      await tx
        .update(articles)
        .set({
          publishedVersion: null,
          ...(due.version === article.currentVersion ? { status: 'withdrawn' as const } : {}),
          updatedAt: now,
        })
        .where(eq(articles.id, article.id));
      withdrawn++;
    });
  }
  return { published, withdrawn };
}
