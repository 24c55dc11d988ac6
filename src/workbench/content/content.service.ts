import { and, eq, sql } from 'drizzle-orm';
import { todayInShanghai } from '../../shared/calendar/working-days.ts';
import { findColumn } from '../../shared/content/content.columns.ts';
import type { Tx } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { mustAllow } from '../../shared/http/route-kernel.ts';
import { transition } from '../../shared/workflow/workflow.ts';
import type { ZoneServices } from '../../shared/zone.ts';
import type { AuditActor } from '../audit/audit.actor.ts';
import { recordAudit } from '../audit/audit.ts';
import { workbenchPolicy } from '../policy.ts';
import type { CurrentStaff } from '../session.ts';
import { staffActor, workbenchPorts } from '../workflow/workflow.ports.ts';
import {
  ContentCheckError,
  evaluateArticle,
  withdrawTimeOf,
  type ArticleInput,
  type Evaluation,
} from './content.check.ts';
import { mayEditContent } from './content.policy.ts';
import {
  findArticle,
  findVersion,
  missingImages,
  unitOfCode,
  type ArticleRecord,
} from './content.repository.ts';
import {
  contentArticles as articles,
  contentVersions as versions,
  type ArticleVersionRow,
} from './content.tables.ts';
import { contentStore, contentWorkflow, newVersionWorkflow } from './content.workflow.ts';

// Writing articles (the approver's side is content.review.ts). Every change re-reads and locks the article in
// its transaction, checks the officer's reach there, and commits with its audit entry.

/** The article as the officer may see it; out of reach and unknown get the same 404. */
export async function visibleArticle(
  db: ZoneServices['db'] | Tx,
  me: CurrentStaff,
  id: number,
  lock = false,
) {
  if (!workbenchPolicy.can(me, 'content.view')) throw new AppError('FORBIDDEN');
  const article = await findArticle(db, id, { lock });
  if (!article) throw new AppError('NOT_FOUND');
  mustAllow(workbenchPolicy, me, 'content.view', article);
  return article;
}

export async function currentVersionOf(db: ZoneServices['db'] | Tx, article: ArticleRecord) {
  const version = await findVersion(db, article.id, article.currentVersion);
  if (!version)
    throw new Error(`article ${String(article.id)} has no version ${String(article.currentVersion)}`);
  return version;
}

/** The article changed under the editor or the approver: someone saved or decided first. */
export class ContentConflictError extends AppError {
  constructor(readonly currentVersion: number) {
    super('CONFLICT');
  }
}

export function inputOf(version: ArticleVersionRow): ArticleInput {
  return {
    title: version.title,
    summary: version.summary,
    body: version.body,
    titleEn: version.titleEn,
    summaryEn: version.summaryEn,
    bodyEn: version.bodyEn,
    fields: version.fields,
    withdrawAt: '',
  };
}

/** A new article as version 1, a draft of the given column and unit. */
export async function createArticle(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  options: { column: string; unitCode: string; input: ArticleInput },
): Promise<number> {
  const problems: { field: string; message: { zh: string; en: string } }[] = [];
  const column = findColumn(options.column);
  if (!column) problems.push({ field: 'column', message: { zh: '请选择栏目。', en: 'Choose a column.' } });
  const unit = await unitOfCode(services.db, options.unitCode);
  if (!unit || !mayEditContent(me, unit.path))
    problems.push({
      field: 'unitCode',
      message: {
        zh: '发布单位不在您的管辖范围内。',
        en: 'The publishing unit is outside your jurisdiction.',
      },
    });
  if (!options.input.title.trim())
    problems.push({ field: 'title', message: { zh: '请填写标题。', en: 'Enter a title.' } });
  if (problems.length > 0 || !unit || !column) throw new ContentCheckError({ problems, hits: [] });
  const now = services.now();
  return services.db.transaction(async (tx) => {
    const [created] = await tx
      .insert(articles)
      .values({
        column: column.slug,
        unitCode: unit.code,
        title: options.input.title.trim(),
        currentVersion: 1,
        publishedVersion: null,
        status: 'draft',
        createdAt: now,
        updatedAt: now,
      })
      .returning({ id: articles.id });
    if (!created) throw new Error('article not created');
    await tx.insert(versions).values({
      articleId: created.id,
      version: 1,
      ...columnsOf(options.input),
      withdrawAt: withdrawTimeOf(column, options.input) ?? null,
      state: 'draft',
      ...newVersionWorkflow(),
      authorBadge: me.badgeNo,
      editors: [me.badgeNo],
      createdAt: now,
      updatedAt: now,
    });
    await recordAudit(tx, {
      ...by,
      action: 'content.create',
      target: `content:${String(created.id)}`,
      detail: { column: column.slug, unit: unit.code },
      at: now,
    });
    return created.id;
  });
}

/** A picture the text shows that is not kept (deleted unused a day after its upload, or never uploaded). */
async function pictureProblems(
  tx: Tx,
  input: ArticleInput,
  unitCode: string,
): Promise<Evaluation['problems']> {
  const texts: [string, string][] = [
    ['body', input.body],
    ['bodyEn', input.bodyEn],
    ...Object.entries(input.fields),
  ];
  const problems: Evaluation['problems'] = [];
  // The lock the version's insert takes anyway, taken before the check: the unused-picture sweep (which holds
  // SHARE on content_versions while it deletes) then either finishes first, and a deleted picture is reported
  // here, or waits for this version and sees it name the picture.
  await tx.execute(sql`LOCK TABLE content_versions IN ROW EXCLUSIVE MODE`);
  for (const [field, text] of texts)
    for (const name of await missingImages(tx, [text], unitCode))
      problems.push({
        field,
        message: {
          zh: `图片 ${name} 已不存在（上传后一天内未被任何版本使用的图片会被删除）：请重新上传。`,
          en: `The picture ${name} no longer exists (pictures no version uses are deleted a day after upload): upload it again.`,
        },
      });
  return problems;
}

function columnsOf(input: ArticleInput) {
  return {
    title: input.title.trim(),
    summary: input.summary.trim(),
    body: input.body,
    titleEn: input.titleEn.trim(),
    summaryEn: input.summaryEn.trim(),
    bodyEn: input.bodyEn,
    fields: Object.fromEntries(Object.entries(input.fields).map(([k, v]) => [k, v.trim()])),
  };
}

export interface SaveResult {
  version: number;
  evaluation: Evaluation;
  submitted: boolean;
}

/**
 * Saves what was typed into the current draft, or into a new draft when the current version is already
 * submitted, decided or published. With `submit` the draft also goes to review when nothing is wrong with it
 * and the publication check finds nothing, or when the editor says its hits are false alarms for the approver
 * to judge; otherwise it is saved and a ContentCheckError lists every problem and hit with where it is.
 */
export async function saveArticle(
  services: ZoneServices,
  me: CurrentStaff,
  by: AuditActor,
  id: number,
  options: { baseVersion: number; input: ArticleInput; submit: boolean; hitsForApprover: boolean },
): Promise<SaveResult> {
  const now = services.now();
  const result = await services.db.transaction(async (tx) => {
    const article = await visibleArticle(tx, me, id, true);
    if (!mayEditContent(me, article.unitPath)) throw new AppError('FORBIDDEN');
    const current = await currentVersionOf(tx, article);
    if (
      current.state === 'in-review' ||
      current.state === 'scheduled' ||
      options.baseVersion !== current.version
    )
      throw new ContentConflictError(current.version);
    const column = findColumn(article.column);
    if (!column) throw new Error(`unknown column ${article.column}`);
    const checked = evaluateArticle(article.column, options.input, todayInShanghai(now));
    const evaluation = {
      ...checked,
      problems: [...checked.problems, ...(await pictureProblems(tx, options.input, article.unitCode))],
    };
    const target = current.state === 'draft' ? current.version : current.version + 1;
    const clean = evaluation.problems.length === 0;
    const submitting = options.submit && clean && (evaluation.hits.length === 0 || options.hitsForApprover);
    const editors = current.state === 'draft' ? [...new Set([...current.editors, me.badgeNo])] : [me.badgeNo];
    const values = {
      ...columnsOf(options.input),
      withdrawAt: withdrawTimeOf(column, options.input) ?? null,
      editors,
      updatedAt: now,
      ...(submitting ? { submittedAt: now, submittedBy: me.badgeNo } : {}),
    };
    if (current.state === 'draft') {
      await tx
        .update(versions)
        .set(values)
        .where(and(eq(versions.articleId, article.id), eq(versions.version, current.version)));
    } else {
      await tx.insert(versions).values({
        articleId: article.id,
        version: target,
        ...values,
        state: 'draft',
        ...newVersionWorkflow(),
        authorBadge: me.badgeNo,
        createdAt: now,
      });
    }
    await tx
      .update(articles)
      .set({
        title: values.title || article.title,
        currentVersion: target,
        status: submitting ? 'in-review' : 'draft',
        updatedAt: now,
      })
      .where(eq(articles.id, article.id));
    if (submitting) {
      await transition(tx, {
        versions: contentWorkflow,
        store: contentStore,
        ports: workbenchPorts(by, services.calendar),
        key: { articleId: article.id, version: target },
        action: 'submit',
        actor: staffActor(me, article.unitPath),
        data: { hits: evaluation.hits.length },
        now,
      });
    } else {
      await recordAudit(tx, {
        ...by,
        action: 'content.save',
        target: `content:${String(article.id)}`,
        detail: { version: target, problems: evaluation.problems.length, hits: evaluation.hits.length },
        at: now,
      });
    }
    return { version: target, evaluation, submitted: submitting };
  });
  if (options.submit && !result.submitted) throw new ContentCheckError(result.evaluation);
  return result;
}
