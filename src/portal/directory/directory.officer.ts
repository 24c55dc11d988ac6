import { coversNumber, type BeatRoad } from '../../shared/directory/beat.ts';
import type { DirectoryUnit } from './directory.repository.ts';

// 找片警: which community police office, and so which community officer, covers an address. No geocoder: the
// typed text is matched against the areas the offices publish, a compound by its name, a road by its name and
// the house number after it. Several offices for one text is an answer too (a road shared out by numbers, a
// name part of many compounds): they are offered to choose from.

export type Office = DirectoryUnit & { beat: NonNullable<DirectoryUnit['beat']> };

export interface Candidate {
  office: Office;
  /** What of the office's area matched, in the visitor's language's data ("湖滨路 1—200号"). */
  covers: string[];
}

export type OfficerLookup =
  | { kind: 'found'; office: Office; matched: string }
  | { kind: 'ambiguous'; reason: 'no-number' | 'several'; candidates: Candidate[] }
  | { kind: 'not-found'; reason: 'empty' | 'unknown' | 'number-outside'; candidates: Candidate[] };

export const CANDIDATES_MAX = 12;

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/^示范市/, '')
    .replace(/[\s'’·,，.。()（）-]+/g, '');

/** The offices that publish an area, in code order. */
export function officesWithBeats(units: readonly DirectoryUnit[]): Office[] {
  return units.filter((u): u is Office => u.kind === 'community-office' && !!u.beat && !u.withdrawnAt);
}

export function describeRoad(r: BeatRoad, lang: 'zh' | 'en'): string {
  if (lang === 'en') {
    const side = r.parity === 'odd' ? ', odd numbers' : r.parity === 'even' ? ', even numbers' : '';
    return `${r.roadEn ?? r.road} ${r.from}–${r.to}${side}`;
  }
  return `${r.road} ${r.from}—${r.to}号${r.parity === 'odd' ? '（单号）' : r.parity === 'even' ? '（双号）' : ''}`;
}

const placeName = (p: { name: string; nameEn: string | null }, lang: 'zh' | 'en') =>
  lang === 'en' ? (p.nameEn ?? p.name) : p.name;

/** The house number written after the road's name: "湖滨路12号", "湖滨路 12", "12 Hubin Road" (before it). */
function houseNumberNear(text: string, key: string): number | undefined {
  const at = text.indexOf(key);
  // The whole run of digits: 12345 read as 1234 would name an office confidently and wrongly.
  const after = /^(\d{1,9})(?!\d)/.exec(text.slice(at + key.length))?.[1];
  const before = /(?:^|\D)(\d{1,9})$/.exec(text.slice(0, at))?.[1];
  const n = Number(after ?? before);
  return Number.isInteger(n) && n > 0 ? n : undefined;
}

function byOffice(entries: { office: Office; covers: string }[]): Candidate[] {
  const out = new Map<string, Candidate>();
  for (const e of entries) {
    const c = out.get(e.office.code) ?? { office: e.office, covers: [] };
    if (!c.covers.includes(e.covers)) c.covers.push(e.covers);
    out.set(e.office.code, c);
  }
  return [...out.values()].slice(0, CANDIDATES_MAX);
}

export function findOfficer(typed: string, offices: readonly Office[], lang: 'zh' | 'en'): OfficerLookup {
  const text = squash(typed);
  if (!text) return { kind: 'not-found', reason: 'empty', candidates: [] };

  // A compound named whole in the text ("春晖小区3栋") settles it.
  const places = offices.flatMap((office) =>
    office.beat.places
      .filter((p) => [p.name, p.nameEn].some((n) => n && squash(n).length >= 2 && text.includes(squash(n))))
      .map((p) => ({ office, covers: placeName(p, lang) })),
  );
  const placeHits = byOffice(places);
  if (placeHits.length === 1)
    return { kind: 'found', office: placeHits[0]!.office, matched: places[0]!.covers };

  // Else a road named in the text; the longest name wins ("湖滨东街" over a shorter one inside it).
  const roads = offices.flatMap((office) =>
    office.beat.roads.flatMap((road) =>
      [road.road, road.roadEn]
        .filter((n): n is string => !!n && squash(n).length >= 2 && text.includes(squash(n)))
        .map((n) => ({ office, road, key: squash(n) })),
    ),
  );
  const longest = Math.max(0, ...roads.map((r) => r.key.length));
  const onRoad = roads.filter((r) => r.key.length === longest);
  if (placeHits.length === 0 && onRoad.length) {
    const no = houseNumberNear(text, onRoad[0]!.key);
    const all = byOffice(onRoad.map((r) => ({ office: r.office, covers: describeRoad(r.road, lang) })));
    if (no === undefined)
      return all.length === 1
        ? { kind: 'found', office: all[0]!.office, matched: all[0]!.covers[0]! }
        : { kind: 'ambiguous', reason: 'no-number', candidates: all };
    const covering = onRoad.filter((r) => coversNumber(r.road, no));
    const road = onRoad[0]!.road;
    const matched = lang === 'en' ? `${no} ${road.roadEn ?? road.road}` : `${road.road}${no}号`;
    const hits = byOffice(covering.map((r) => ({ office: r.office, covers: describeRoad(r.road, lang) })));
    if (hits.length === 1) return { kind: 'found', office: hits[0]!.office, matched };
    if (hits.length > 1) return { kind: 'ambiguous', reason: 'several', candidates: hits };
    return { kind: 'not-found', reason: 'number-outside', candidates: all };
  }
  if (placeHits.length > 1) return { kind: 'ambiguous', reason: 'several', candidates: placeHits };

  // Else part of a name ("春晖", "花园", "湖滨"): every office with a road or compound whose name holds it.
  if ([...text].length >= 2) {
    const partial = offices.flatMap((office) => [
      ...office.beat.places
        .filter((p) => [p.name, p.nameEn].some((n) => n && squash(n).includes(text)))
        .map((p) => ({ office, covers: placeName(p, lang) })),
      ...office.beat.roads
        .filter((r) => [r.road, r.roadEn].some((n) => n && squash(n).includes(text)))
        .map((r) => ({ office, covers: describeRoad(r, lang) })),
    ]);
    const hits = byOffice(partial);
    if (hits.length === 1) return { kind: 'found', office: hits[0]!.office, matched: hits[0]!.covers[0]! };
    if (hits.length > 1) return { kind: 'ambiguous', reason: 'several', candidates: hits };
  }
  return { kind: 'not-found', reason: 'unknown', candidates: [] };
}
