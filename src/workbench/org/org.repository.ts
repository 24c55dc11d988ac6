import { and, asc, eq, inArray, isNull, sql } from 'drizzle-orm';
import { rows, type Executor } from '../../shared/db/database.ts';
import { AppError } from '../../shared/http/errors.ts';
import { units } from '../db/schema.ts';

export type Unit = typeof units.$inferSelect;

export interface UnitNode extends Unit {
  children: UnitNode[];
}

/** Every unit, parents before children and siblings in their sort order. */
export async function listUnits(db: Executor): Promise<Unit[]> {
  return db
    .select()
    .from(units)
    .orderBy(
      asc(sql`array_length(string_to_array(${units.path}, '/'), 1)`),
      asc(units.sortOrder),
      asc(units.code),
    );
}

/** The units as a forest (normally one tree under the city bureau). */
export function buildTree(all: readonly Unit[]): UnitNode[] {
  const nodes = new Map<string, UnitNode>();
  for (const u of all) nodes.set(u.code, { ...u, children: [] });
  const roots: UnitNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentCode ? nodes.get(node.parentCode) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  const order = (list: UnitNode[]) => {
    list.sort((a, b) => a.sortOrder - b.sortOrder || a.code.localeCompare(b.code));
    list.forEach((n) => order(n.children));
  };
  order(roots);
  return roots;
}

export async function listTree(db: Executor): Promise<UnitNode[]> {
  return buildTree(await listUnits(db));
}

export async function findUnit(db: Executor, code: string): Promise<Unit | undefined> {
  const [unit] = await db.select().from(units).where(eq(units.code, code));
  return unit;
}

export async function getUnit(db: Executor, code: string): Promise<Unit> {
  const unit = await findUnit(db, code);
  if (!unit) throw new AppError('NOT_FOUND');
  return unit;
}

export async function childrenOf(db: Executor, code: string): Promise<Unit[]> {
  return db
    .select()
    .from(units)
    .where(eq(units.parentCode, code))
    .orderBy(asc(units.sortOrder), asc(units.code));
}

/** The units on a materialised path, from the root down to the unit itself. */
export async function ancestorsOf(db: Executor, unit: Pick<Unit, 'path'>): Promise<Unit[]> {
  const codes = unit.path.split('/');
  const rows = await db.select().from(units).where(inArray(units.code, codes));
  return codes.map((c) => rows.find((r) => r.code === c)).filter((r): r is Unit => r !== undefined);
}

/** Units whose path equals `path` or lies under it. */
export function withinPath(path: string) {
  return sql`(${units.path} = ${path} OR ${units.path} LIKE ${escapeLike(path) + '/%'})`;
}

export function escapeLike(value: string): string {
  return value.replace(/[\\%_]/g, (c) => `\\${c}`);
}

// Changing the tree (org.service.ts). A unit's path is stored on it and on every unit below it, so a move
// rewrites the subtree's paths in one statement; the staff's reach follows at once, because an officer's
// jurisdiction is read through the unit's current path (session.ts).

export type UnitFields = Pick<
  Unit,
  | 'kind'
  | 'name'
  | 'nameEn'
  | 'district'
  | 'address'
  | 'phone'
  | 'hours'
  | 'schedule'
  | 'lat'
  | 'lng'
  | 'isPublic'
>;

export async function insertUnit(
  tx: Executor,
  unit: UnitFields & { code: string; parent: Unit; now: Date },
): Promise<Unit> {
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${units.sortOrder}), 0)::int` })
    .from(units)
    .where(eq(units.parentCode, unit.parent.code));
  const { parent, now, ...fields } = unit;
  const [row] = await tx
    .insert(units)
    .values({
      ...fields,
      parentCode: parent.code,
      path: `${parent.path}/${unit.code}`,
      sortOrder: (last?.n ?? 0) + 1,
      updatedAt: now,
    })
    .onConflictDoNothing({ target: units.code })
    .returning();
  if (!row) throw new AppError('VALIDATION', { fields: [{ field: 'code', message: 'codeTaken' }] });
  return row;
}

/** Writes the fields and raises the revision, only if nobody else changed the unit since it was read. */
export async function updateUnit(
  tx: Executor,
  unit: Unit,
  fields: Partial<UnitFields> & { closedAt?: Date },
  now: Date,
): Promise<Unit> {
  const [row] = await tx
    .update(units)
    .set({ ...fields, revision: unit.revision + 1, updatedAt: now })
    .where(and(eq(units.code, unit.code), eq(units.revision, unit.revision)))
    .returning();
  if (!row) throw new AppError('CONFLICT');
  return row;
}

/**
 * Moves a unit and everything under it beneath `parent`, rewriting the stored paths of the whole subtree; what
 * other modules keep by unit path is theirs to move, in the same transaction (`moveUnit`).
 */
export async function moveSubtree(tx: Executor, unit: Unit, parent: Unit, now: Date): Promise<Unit> {
  const newPath = `${parent.path}/${unit.code}`;
  await tx
    .update(units)
    .set({ path: sql`${newPath} || substr(${units.path}, ${unit.path.length + 1})` })
    .where(withinPath(unit.path));
  const [last] = await tx
    .select({ n: sql<number>`coalesce(max(${units.sortOrder}), 0)::int` })
    .from(units)
    .where(eq(units.parentCode, parent.code));
  const [row] = await tx
    .update(units)
    .set({
      parentCode: parent.code,
      sortOrder: (last?.n ?? 0) + 1,
      revision: unit.revision + 1,
      updatedAt: now,
    })
    .where(and(eq(units.code, unit.code), eq(units.revision, unit.revision)))
    .returning();
  if (!row) throw new AppError('CONFLICT');
  return row;
}

export async function markPublished(tx: Executor, unit: Pick<Unit, 'code' | 'revision'>): Promise<void> {
  await tx.update(units).set({ publishedRevision: unit.revision }).where(eq(units.code, unit.code));
}

/** Public units whose latest revision the portal has not been sent, or closed ones it still shows. */
export async function unpublishedUnits(db: Executor): Promise<Unit[]> {
  return db
    .select()
    .from(units)
    .where(
      sql`${units.publishedRevision} < ${units.revision} AND (${units.isPublic} AND ${units.closedAt} IS NULL OR ${units.publishedRevision} > 0)`,
    )
    .orderBy(asc(units.path));
}

export interface UnitLoad {
  /** Officers whose account sits in the unit, or who hold a role there, and are not disabled. */
  activeStaff: number;
  /** Units directly below that are still open. */
  openUnitsBelow: number;
  /** Open cases, unanswered letters and urgings in the unit or below (by their stored unit path). */
  openWork: number;
}

export async function loadOf(db: Executor, unit: Unit): Promise<UnitLoad> {
  const inSubtree = (column: string) =>
    sql`(${sql.raw(column)} = ${unit.path} OR ${sql.raw(column)} LIKE ${escapeLike(unit.path) + '/%'})`;
  const [row] = rows<{ staff: number; below: number; work: number }>(
    await db.execute(sql`
      SELECT
        (SELECT count(DISTINCT s.id)::int FROM staff s
           LEFT JOIN role_assignments r ON r.staff_id = s.id
          WHERE s.disabled_at IS NULL AND (s.unit_code = ${unit.code} OR r.unit_code = ${unit.code})) AS staff,
        (SELECT count(*)::int FROM units u WHERE u.parent_code = ${unit.code} AND u.closed_at IS NULL) AS below,
        (SELECT count(*)::int FROM cases c
          WHERE NOT c.closed AND (${inSubtree('c.unit_path')} OR ${inSubtree('coalesce(c.home_unit_path, c.unit_path)')}))
        + (SELECT count(*)::int FROM letters l
          WHERE l.state NOT IN ('replied', 'transferred') AND ${inSubtree('l.unit_path')})
        + (SELECT count(*)::int FROM urgings g WHERE g.state <> 'answered' AND ${inSubtree('g.unit_path')}) AS work
    `),
  );
  return { activeStaff: row?.staff ?? 0, openUnitsBelow: row?.below ?? 0, openWork: row?.work ?? 0 };
}

/** Gives units that have no district yet the demo city's directory fields (installations seeded before them). */
export async function fillDirectoryFields(
  tx: Executor,
  records: readonly { code: string; district: string; schedule: string; isPublic: boolean }[],
): Promise<void> {
  for (const r of records)
    await tx
      .update(units)
      .set({ district: r.district, schedule: r.schedule, isPublic: r.isPublic })
      .where(and(eq(units.code, r.code), eq(units.district, '')));
}

/**
 * Gives community offices that have no responsibility area yet the demo city's, raising the revision so the
 * portal is sent it (installations seeded before areas existed).
 */
export async function fillBeats(
  tx: Executor,
  records: readonly { code: string; beat: Unit['beat']; officerName: string; officerBadge: string }[],
): Promise<void> {
  for (const r of records)
    await tx
      .update(units)
      .set({
        beat: r.beat,
        officerName: r.officerName,
        officerBadge: r.officerBadge,
        revision: sql`${units.revision} + 1`,
      })
      .where(and(eq(units.code, r.code), isNull(units.beat)));
}

/** A community office's responsibility area and officer, raising the revision. */
export async function updateBeat(
  tx: Executor,
  unit: Unit,
  fields: Pick<Unit, 'beat' | 'officerName' | 'officerBadge'>,
  now: Date,
): Promise<Unit> {
  const [row] = await tx
    .update(units)
    .set({ ...fields, revision: unit.revision + 1, updatedAt: now })
    .where(and(eq(units.code, unit.code), eq(units.revision, unit.revision)))
    .returning();
  if (!row) throw new AppError('CONFLICT');
  return row;
}
