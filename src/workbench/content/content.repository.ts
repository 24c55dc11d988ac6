import { and, asc, count, desc, eq, inArray, lte, or, sql, type SQL } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
import { imageNamesIn } from './content.picture-markup.ts';
import { rootPath } from '../catalog-authoring/catalog-authoring.repository.ts';
import { units } from '../db/schema.ts';
import { escapeLike } from '../org/org.repository.ts';
import type { Reach } from '../staff/staff.policy.ts';
import {
  contentArticles as articles,
  contentVersions as versions,
  type ArticleRow,
  type ArticleState,
  type ArticleVersionRow,
  contentImages,
} from './content.tables.ts';

export interface ArticleRecord extends ArticleRow {
  unitPath: string;
  unitName: string | null;
}

export async function findArticle(
  db: Executor,
  id: number,
  options: { lock?: boolean } = {},
): Promise<ArticleRecord | undefined> {
  const query = db.select().from(articles).where(eq(articles.id, id));
  const [row] = options.lock ? await query.for('update') : await query;
  if (!row) return undefined;
  const [unit] = await db
    .select({ path: units.path, name: units.name })
    .from(units)
    .where(eq(units.code, row.unitCode));
  return { ...row, unitPath: unit?.path ?? (await rootPath(db)), unitName: unit?.name ?? null };
}

export async function findVersion(
  db: Executor,
  id: number,
  version: number,
): Promise<ArticleVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.articleId, id), eq(versions.version, version)));
  return row;
}

export async function versionsOf(db: Executor, id: number): Promise<ArticleVersionRow[]> {
  return db.select().from(versions).where(eq(versions.articleId, id)).orderBy(desc(versions.version));
}

export async function unitOfCode(
  db: Executor,
  code: string,
): Promise<{ code: string; name: string; path: string } | undefined> {
  const [unit] = await db
    .select({ code: units.code, name: units.name, path: units.path })
    .from(units)
    .where(eq(units.code, code));
  return unit;
}

function inReach(reaches: readonly Reach[], root: string): SQL | undefined {
  if (reaches.some((r) => r.all)) return undefined;
  const path = sql`coalesce(${units.path}, ${root})`;
  const parts: SQL[] = [];
  for (const r of reaches) {
    if (r.all) continue;
    for (const p of r.exact) parts.push(sql`${path} = ${p}`);
    for (const p of r.subtrees) parts.push(sql`(${path} = ${p} OR ${path} LIKE ${escapeLike(p) + '/%'})`);
  }
  return parts.length > 0 ? or(...parts) : sql`false`;
}

export interface ArticleListRow {
  id: number;
  column: string;
  title: string;
  unitName: string | null;
  status: ArticleState;
  currentVersion: number;
  publishedVersion: number | null;
  updatedAt: Date;
}

/** The articles within the officer's reach, newest change first; `status` narrows to one state. */
export async function listArticles(
  db: Executor,
  reaches: readonly Reach[],
  query: { status?: ArticleState | undefined; page: number; pageSize: number },
): Promise<{ rows: ArticleListRow[]; total: number }> {
  const where = and(
    inReach(reaches, await rootPath(db)),
    query.status ? eq(articles.status, query.status) : undefined,
  );
  const rows = await db
    .select({
      id: articles.id,
      column: articles.column,
      title: articles.title,
      unitName: units.name,
      status: articles.status,
      currentVersion: articles.currentVersion,
      publishedVersion: articles.publishedVersion,
      updatedAt: articles.updatedAt,
    })
    .from(articles)
    .leftJoin(units, eq(units.code, articles.unitCode))
    .where(where)
    .orderBy(desc(articles.updatedAt), asc(articles.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  const [total] = await db
    .select({ n: count() })
    .from(articles)
    .leftJoin(units, eq(units.code, articles.unitCode))
    .where(where);
  return { rows, total: total?.n ?? 0 };
}

/** Approved versions whose publication time has come, and published ones whose withdrawal time has. */
export async function dueForRelease(db: Executor, now: Date, limit: number): Promise<ArticleVersionRow[]> {
  return db
    .select()
    .from(versions)
    .where(and(eq(versions.state, 'scheduled'), lte(versions.publishAt, now)))
    .orderBy(asc(versions.publishAt))
    .limit(limit);
}

export async function dueForWithdrawal(db: Executor, now: Date, limit: number): Promise<ArticleVersionRow[]> {
  return db
    .select()
    .from(versions)
    .where(and(eq(versions.state, 'published'), lte(versions.withdrawAt, now)))
    .orderBy(asc(versions.withdrawAt))
    .limit(limit);
}

/** The uploaded pictures the texts name that are not (or no longer) kept: a save that shows one is refused. */
export async function missingImages(
  ex: Executor,
  texts: readonly string[],
  unitCode: string,
): Promise<string[]> {
  const names = imageNamesIn(texts);
  if (names.length === 0) return [];
  // Only the unit's own pictures count, as only they are published with its articles.
  const found = await ex
    .select({ name: contentImages.name })
    .from(contentImages)
    .innerJoin(articles, eq(articles.id, contentImages.articleId))
    .where(and(inArray(contentImages.name, names), eq(articles.unitCode, unitCode)));
  const kept = new Set(found.map((f) => f.name));
  return names.filter((n) => !kept.has(n));
}
