import { createHash } from 'node:crypto';
import { LRUCache } from 'lru-cache';
import type { Executor } from '../../shared/db/database.ts';
import type { UnitInfo } from './supervision.repository.ts';

// Figures computed from a stored set of tallies (the supervision view, the statistics page) are the same for
// every officer who reaches the same units until the set is taken again. Each is kept per database, under the
// version of the set and the units counted, with its rendered HTML per language: a repeated view then reads
// two small rows instead of the tallies, and renders only the page around the figures. Nothing is ever
// dropped by hand: a new set has a new version, and what was kept under the old one ages out of the LRU.

export interface Kept<V> {
  value: V;
  html: Map<string, string>;
}

export interface FigureCache<V> {
  /** What is kept under `key`, computed (and kept) first when there is nothing. */
  get(db: Executor, key: string, compute: () => Promise<V>): Promise<Kept<V>>;
}

export function figureCache<V>(max: number): FigureCache<V> {
  const perDb = new WeakMap<object, LRUCache<string, Kept<V>>>();
  return {
    async get(db, key, compute) {
      let kept = perDb.get(db);
      if (!kept) perDb.set(db, (kept = new LRUCache({ max })));
      const hit = kept.get(key);
      if (hit) return hit;
      const fresh = { value: await compute(), html: new Map<string, string>() };
      kept.set(key, fresh);
      return fresh;
    },
  };
}

/** The HTML of what is kept, in one rendering (language, large text), rendered the first time it is asked. */
export function keptHtml<V>(kept: Kept<V>, rendering: string, render: (value: V) => string): string {
  let html = kept.html.get(rendering);
  if (html === undefined) kept.html.set(rendering, (html = render(kept.value)));
  return html;
}

/** The units a figure counts, names and all (a renamed unit must not show its old name), as a short key. */
export function unitsKey(unit: UnitInfo, counted: readonly UnitInfo[]): string {
  return createHash('sha256')
    .update(JSON.stringify([unit, counted]))
    .digest('base64url');
}
