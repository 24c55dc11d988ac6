// Comparing two versions of a guide, field by field. The item is flattened to leaf paths in document order
// (`name.zh`, `situations[0].materials[1].copies`), so a reviewer sees exactly which sentence or number
// changed, however deep it sits, without reading two JSON documents side by side.

export type Flat = Map<string, string>;

export interface DiffRow {
  path: string;
  before: string | null;
  after: string | null;
  change: 'added' | 'removed' | 'changed';
}

function leaf(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Leaf values by path; empty lists and objects are leaves too, so emptying one shows as a change. */
export function flatten(value: unknown, prefix = '', out: Flat = new Map()): Flat {
  if (Array.isArray(value)) {
    if (value.length === 0 && prefix) out.set(prefix, '[]');
    value.forEach((v, i) => flatten(v, `${prefix}[${i}]`, out));
  } else if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined);
    if (entries.length === 0 && prefix) out.set(prefix, '{}');
    for (const [k, v] of entries) flatten(v, prefix ? `${prefix}.${k}` : k, out);
  } else if (prefix) {
    out.set(prefix, leaf(value));
  }
  return out;
}

/** Paths of both sides in one order: the new version's, with removed paths where they used to stand. */
function mergedOrder(before: readonly string[], after: readonly string[]): string[] {
  const inAfter = new Set(after);
  const inBefore = new Set(before);
  const out: string[] = [];
  let b = 0;
  for (const key of after) {
    if (inBefore.has(key)) {
      while (b < before.length && before[b] !== key) {
        const k = before[b++]!;
        if (!inAfter.has(k)) out.push(k);
      }
      b++;
    }
    out.push(key);
  }
  for (; b < before.length; b++) if (!inAfter.has(before[b]!)) out.push(before[b]!);
  return out;
}

/** The differing leaves of two versions; `version` itself always differs and is left out. */
export function diffItems(before: unknown, after: unknown): DiffRow[] {
  const a = flatten(before ?? {});
  const b = flatten(after ?? {});
  const rows: DiffRow[] = [];
  for (const path of mergedOrder([...a.keys()], [...b.keys()])) {
    if (path === 'version') continue;
    const was = a.get(path) ?? null;
    const now = b.get(path) ?? null;
    if (was === now) continue;
    rows.push({
      path,
      before: was,
      after: now,
      change: was === null ? 'added' : now === null ? 'removed' : 'changed',
    });
  }
  return rows;
}
