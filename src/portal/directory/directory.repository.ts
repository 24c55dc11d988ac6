import { and, asc, eq, ilike, inArray, isNull, isNotNull, or, sql, type SQL } from 'drizzle-orm';
import type { directoryUnitPublished, directoryUnitPublishedV1 } from '../../exchange/contracts/index.ts';
import type { PayloadOf } from '../../exchange/contracts/contract.ts';
import type { Executor } from '../../shared/db/database.ts';
import { publishedItems } from '../catalog/catalog.tables.ts';
import { directoryUnits } from './directory.tables.ts';
import type { DirectoryUnitKind } from './directory.words.ts';

export type DirectoryUnit = typeof directoryUnits.$inferSelect;

export type PublishedUnit = PayloadOf<typeof directoryUnitPublished>;

/** A version 1 publication, from before responsibility areas: a unit without one. */
export const upgradePublishedUnit = (unit: PayloadOf<typeof directoryUnitPublishedV1>): PublishedUnit => ({
  ...unit,
  beat: null,
  officer: null,
});

/** Keeps the publication if it is newer than what the portal has; a redelivered or older one changes nothing. */
export async function applyPublishedUnit(tx: Executor, published: PublishedUnit): Promise<void> {
  const { officer, ...unit } = published;
  const row = {
    ...unit,
    officerName: officer?.name ?? null,
    officerBadge: officer?.badgeNo ?? null,
    publishedAt: new Date(unit.publishedAt),
    withdrawnAt: null,
  };
  await tx
    .insert(directoryUnits)
    .values(row)
    .onConflictDoUpdate({
      target: directoryUnits.code,
      set: row,
      setWhere: sql`${directoryUnits.revision} < ${unit.revision}`,
    });
}

export async function applyWithdrawnUnit(
  tx: Executor,
  withdrawal: { code: string; revision: number; withdrawnAt: string },
): Promise<void> {
  await tx
    .update(directoryUnits)
    .set({ revision: withdrawal.revision, withdrawnAt: new Date(withdrawal.withdrawnAt) })
    .where(
      and(eq(directoryUnits.code, withdrawal.code), sql`${directoryUnits.revision} < ${withdrawal.revision}`),
    );
}

export interface DirectoryFilter {
  district?: string | undefined;
  kind?: DirectoryUnitKind | undefined;
  q?: string | undefined;
}

const escapeLike = (v: string) => v.replace(/[\\%_]/g, (c) => `\\${c}`);

/** The live units the filter finds, by district, then kind in the tree's order, then name. */
export async function listDirectory(db: Executor, filter: DirectoryFilter): Promise<DirectoryUnit[]> {
  const where: SQL[] = [isNull(directoryUnits.withdrawnAt)];
  if (filter.district) where.push(eq(directoryUnits.district, filter.district));
  if (filter.kind) where.push(eq(directoryUnits.kind, filter.kind));
  if (filter.q) {
    const like = `%${escapeLike(filter.q)}%`;
    where.push(
      or(
        ilike(directoryUnits.name, like),
        ilike(directoryUnits.nameEn, like),
        ilike(directoryUnits.address, like),
      )!,
    );
  }
  return db
    .select()
    .from(directoryUnits)
    .where(and(...where))
    .orderBy(asc(directoryUnits.district), asc(directoryUnits.code));
}

/** Every district with a live unit, for the filter. */
export async function directoryDistricts(db: Executor): Promise<string[]> {
  const rows = await db
    .selectDistinct({ district: directoryUnits.district })
    .from(directoryUnits)
    .where(isNull(directoryUnits.withdrawnAt))
    .orderBy(asc(directoryUnits.district));
  return rows.map((r) => r.district).filter(Boolean);
}

/** The English names the directory gives these units (a withdrawn unit's too: a past step still names it). */
export async function englishNamesOf(db: Executor, codes: readonly string[]): Promise<Map<string, string>> {
  if (codes.length === 0) return new Map();
  const found = await db
    .select({ code: directoryUnits.code, nameEn: directoryUnits.nameEn })
    .from(directoryUnits)
    .where(and(inArray(directoryUnits.code, [...codes]), isNotNull(directoryUnits.nameEn)));
  return new Map(found.map((u) => [u.code, u.nameEn ?? '']));
}

export async function findDirectoryUnit(db: Executor, code: string): Promise<DirectoryUnit | undefined> {
  const [row] = await db.select().from(directoryUnits).where(eq(directoryUnits.code, code));
  return row;
}

/**
 * Where a withdrawn unit's work went, as far as the directory knows: the unit it belonged to, when that one is
 * still listed (closing a unit in the workbench needs its work and staff gone first, to its parent or a
 * neighbour; the directory keeps only the parent's name).
 */
export async function successorOf(
  db: Executor,
  unit: Pick<DirectoryUnit, 'parentName'>,
): Promise<DirectoryUnit | undefined> {
  if (!unit.parentName) return undefined;
  const [row] = await db
    .select()
    .from(directoryUnits)
    .where(and(eq(directoryUnits.name, unit.parentName), isNull(directoryUnits.withdrawnAt)))
    .limit(1);
  return row;
}

/**
 * The services handled at a unit: live guides whose implementing unit it is, or one of whose places of
 * application bears its name ("湖滨派出所户籍窗口" is at 湖滨派出所).
 */
export async function servicesAt(
  db: Executor,
  unit: Pick<DirectoryUnit, 'code' | 'name'>,
): Promise<{ id: string; nameZh: string; nameEn: string }[]> {
  const rows = await db
    .select({ id: publishedItems.id, nameZh: publishedItems.nameZh, nameEn: publishedItems.nameEn })
    .from(publishedItems)
    .where(
      and(
        isNull(publishedItems.withdrawnAt),
        sql`(${publishedItems.item} -> 'implementingUnit' ->> 'unitCode' = ${unit.code}
          OR EXISTS (SELECT 1 FROM jsonb_array_elements(${publishedItems.item} -> 'places') AS p
                      WHERE strpos(p ->> 'name', ${unit.name}) > 0))`,
      ),
    )
    .orderBy(asc(publishedItems.nameZh))
    .limit(100);
  return rows.map((r) => ({ id: r.id, nameZh: r.nameZh ?? r.id, nameEn: r.nameEn ?? r.id }));
}

/** Live units of the same district, for the location sketch around a unit. */
export async function neighboursOf(db: Executor, unit: DirectoryUnit): Promise<DirectoryUnit[]> {
  return db
    .select()
    .from(directoryUnits)
    .where(and(isNull(directoryUnits.withdrawnAt), eq(directoryUnits.district, unit.district)))
    .limit(60);
}
