import { asc, eq, inArray, sql } from 'drizzle-orm';
import type { Executor } from '../../shared/db/database.ts';
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
