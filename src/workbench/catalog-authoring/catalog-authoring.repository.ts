import { and, asc, count, desc, eq, ilike, isNull, or, sql, type SQL } from 'drizzle-orm';
import type { Area } from '../../shared/catalog/index.ts';
import type { Executor } from '../../shared/db/database.ts';
import { units } from '../db/schema.ts';
import { CITY_CODE } from '../org/demo-city.ts';
import { escapeLike } from '../org/org.repository.ts';
import type { Reach } from '../staff/staff.policy.ts';
import {
  catalogItems as items,
  catalogItemVersions as versions,
  type CatalogItemRow,
  type CatalogVersionRow,
  type VersionState,
} from './catalog-authoring.tables.ts';

/**
 * The path of the top of the org tree. A guide may name a unit the tree does not have (a provincial unit, a
 * unit not yet entered); such guides belong to the city level, so only city-wide officers handle them.
 */
export async function rootPath(db: Executor): Promise<string> {
  const [root] = await db
    .select({ path: units.path })
    .from(units)
    .where(isNull(units.parentCode))
    .orderBy(asc(units.sortOrder), asc(units.code))
    .limit(1);
  return root?.path ?? CITY_CODE;
}

export async function unitPathOf(db: Executor, unitCode: string): Promise<string> {
  const [unit] = await db.select({ path: units.path }).from(units).where(eq(units.code, unitCode));
  return unit?.path ?? rootPath(db);
}

export async function unitOf(
  db: Executor,
  unitCode: string,
): Promise<{ code: string; name: string; kind: string; path: string } | undefined> {
  const [unit] = await db
    .select({ code: units.code, name: units.name, kind: units.kind, path: units.path })
    .from(units)
    .where(eq(units.code, unitCode));
  return unit;
}

/** A condition keeping the items whose (effective) unit path lies in any of the reaches. */
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

export interface ItemListRow {
  id: string;
  area: Area;
  nameZh: string;
  nameEn: string;
  unitCode: string;
  unitName: string | null;
  currentVersion: number;
  publishedVersion: number | null;
  status: VersionState;
  updatedAt: Date;
}

export interface ItemListQuery {
  area?: Area | undefined;
  q?: string | undefined;
  status?: VersionState | undefined;
  page: number;
  pageSize: number;
}

export async function listItems(
  db: Executor,
  reaches: readonly Reach[],
  query: ItemListQuery,
): Promise<{ rows: ItemListRow[]; total: number }> {
  const root = await rootPath(db);
  const q = query.q?.trim();
  const where = and(
    inReach(reaches, root),
    query.area ? eq(items.area, query.area) : undefined,
    query.status ? eq(items.status, query.status) : undefined,
    q
      ? or(
          ilike(items.nameZh, `%${escapeLike(q)}%`),
          ilike(items.nameEn, `%${escapeLike(q)}%`),
          ilike(items.id, `%${escapeLike(q)}%`),
        )
      : undefined,
  );
  const [total] = await db
    .select({ n: count() })
    .from(items)
    .leftJoin(units, eq(units.code, items.unitCode))
    .where(where);
  const rows = await db
    .select({
      id: items.id,
      area: items.area,
      nameZh: items.nameZh,
      nameEn: items.nameEn,
      unitCode: items.unitCode,
      unitName: units.name,
      currentVersion: items.currentVersion,
      publishedVersion: items.publishedVersion,
      status: items.status,
      updatedAt: items.updatedAt,
    })
    .from(items)
    .leftJoin(units, eq(units.code, items.unitCode))
    .where(where)
    .orderBy(asc(items.area), asc(items.id))
    .limit(query.pageSize)
    .offset((query.page - 1) * query.pageSize);
  return { rows, total: Number(total?.n ?? 0) };
}

/** Items waiting for a decision, oldest submission first. */
export async function reviewQueue(
  db: Executor,
  reaches: readonly Reach[],
): Promise<(ItemListRow & { submittedAt: Date | null; submittedBy: string | null })[]> {
  const root = await rootPath(db);
  return db
    .select({
      id: items.id,
      area: items.area,
      nameZh: items.nameZh,
      nameEn: items.nameEn,
      unitCode: items.unitCode,
      unitName: units.name,
      currentVersion: items.currentVersion,
      publishedVersion: items.publishedVersion,
      status: items.status,
      updatedAt: items.updatedAt,
      submittedAt: versions.submittedAt,
      submittedBy: versions.submittedBy,
    })
    .from(items)
    .innerJoin(versions, and(eq(versions.itemId, items.id), eq(versions.version, items.currentVersion)))
    .leftJoin(units, eq(units.code, items.unitCode))
    .where(and(eq(items.status, 'in-review'), inReach(reaches, root)))
    .orderBy(asc(versions.submittedAt), asc(items.id));
}

export interface ItemRecord extends CatalogItemRow {
  unitName: string | null;
  /** The unit's path in the org tree, or the root's for a unit the tree does not know. */
  unitPath: string;
}

export async function findItem(
  db: Executor,
  id: string,
  options: { lock?: boolean } = {},
): Promise<ItemRecord | undefined> {
  const base = db.select().from(items).where(eq(items.id, id));
  const [row] = options.lock ? await base.for('update') : await base;
  if (!row) return undefined;
  const unit = await unitOf(db, row.unitCode);
  return { ...row, unitName: unit?.name ?? null, unitPath: unit?.path ?? (await rootPath(db)) };
}

export async function findVersion(
  db: Executor,
  id: string,
  version: number,
): Promise<CatalogVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.itemId, id), eq(versions.version, version)));
  return row;
}

export type VersionSummary = Omit<CatalogVersionRow, 'content' | 'input' | 'workflowId' | 'workflowVersion'>;

/** Every version of an item, newest first, without their content. */
export async function versionsOf(db: Executor, id: string): Promise<VersionSummary[]> {
  return db
    .select({
      itemId: versions.itemId,
      version: versions.version,
      state: versions.state,
      authorBadge: versions.authorBadge,
      editors: versions.editors,
      createdAt: versions.createdAt,
      updatedAt: versions.updatedAt,
      submittedAt: versions.submittedAt,
      submittedBy: versions.submittedBy,
      reviewerBadge: versions.reviewerBadge,
      reviewComment: versions.reviewComment,
      decidedAt: versions.decidedAt,
      publishedAt: versions.publishedAt,
      withdrawnAt: versions.withdrawnAt,
      withdrawnBy: versions.withdrawnBy,
      withdrawReason: versions.withdrawReason,
    })
    .from(versions)
    .where(eq(versions.itemId, id))
    .orderBy(desc(versions.version));
}

/** The version just below `version` that exists (versions are consecutive, but nothing relies on it). */
export async function previousVersion(
  db: Executor,
  id: string,
  version: number,
): Promise<CatalogVersionRow | undefined> {
  const [row] = await db
    .select()
    .from(versions)
    .where(and(eq(versions.itemId, id), sql`${versions.version} < ${version}`))
    .orderBy(desc(versions.version))
    .limit(1);
  return row;
}

export async function countInReview(db: Executor, reaches: readonly Reach[]): Promise<number> {
  const root = await rootPath(db);
  const [row] = await db
    .select({ n: count() })
    .from(items)
    .leftJoin(units, eq(units.code, items.unitCode))
    .where(and(eq(items.status, 'in-review'), inReach(reaches, root)));
  return Number(row?.n ?? 0);
}
