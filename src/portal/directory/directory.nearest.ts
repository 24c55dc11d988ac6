import { cityMap, haversineKm, insideCity, parseLatLng, type LngLat } from '../../shared/map/city.ts';
import type { DirectoryUnit } from './directory.repository.ts';

// "Nearest to me" without an outside geocoder: a typed place is coordinates, or is looked up in a small
// gazetteer built from what the directory and the base map already know (unit names, the roads in their
// addresses, the streets stations are named after, the districts). The nearest units are then measured
// on the sphere, on the server.

export interface Place {
  at: LngLat;
  /** What was recognised, to show back ("湖滨路", "30.52, 114.31"). */
  label: string;
}

export type PlaceProblem = 'empty' | 'outside' | 'unknown';

interface Entry {
  key: string;
  label: string;
  at: LngLat;
  /** Among keys of the same length, the more precise place wins. */
  rank: number;
}

const squash = (s: string) => s.toLowerCase().replace(/[\s'’·,，.。-]+/g, '');

const ROAD = /^(?:示范市)?[\u4e00-\u9fff]{1,4}?区([\u4e00-\u9fff]{1,8}?(?:大道|路|街))/;

export function gazetteer(units: readonly DirectoryUnit[]): Entry[] {
  const entries: Entry[] = [];
  const add = (name: string | null | undefined, label: string, at: LngLat, rank: number) => {
    const key = name ? squash(name) : '';
    if (key.length >= 2) entries.push({ key, label, at, rank });
  };
  // Stations first, so a road is placed at the station named after it rather than at a site further along.
  const ordered = [...units].sort((a, b) => Number(b.kind === 'station') - Number(a.kind === 'station'));
  for (const u of ordered) {
    const at = { lat: u.lat, lng: u.lng };
    add(u.name, u.name, at, 4);
    add(u.nameEn, u.nameEn ?? u.name, at, 4);
    const road = ROAD.exec(u.address)?.[1];
    if (road) add(road, road, at, 3);
    if (u.kind === 'station') {
      const stem = /^(.+)派出所$/.exec(u.name)?.[1];
      const stemEn = u.nameEn ? /^(.+) Police Station$/.exec(u.nameEn)?.[1] : undefined;
      add(stem, u.name, at, 2);
      add(stemEn, u.nameEn ?? u.name, at, 2);
    }
  }
  for (const d of cityMap().districts) {
    for (const name of [d.name, d.name.replace(/区$/, ''), d.nameEn, `${d.nameEn} District`])
      add(name, d.name, d.labelAt, 1);
  }
  // The first entry of a key wins (stations came first).
  return entries.filter((e, i) => entries.findIndex((o) => o.key === e.key) === i);
}

/** What a typed place means: coordinates inside the city, or the most precise known name it contains. */
export function resolvePlace(
  text: string,
  units: readonly DirectoryUnit[],
): { place: Place } | { problem: PlaceProblem } {
  const typed = text.trim();
  if (!typed) return { problem: 'empty' };
  const point = parseLatLng(typed);
  if (point) {
    if (!insideCity(point)) return { problem: 'outside' };
    return { place: { at: point, label: `${point.lat}, ${point.lng}` } };
  }
  const wanted = squash(typed);
  let best: Entry | undefined;
  for (const e of gazetteer(units)) {
    if (!wanted.includes(e.key)) continue;
    if (!best || e.key.length > best.key.length || (e.key.length === best.key.length && e.rank > best.rank))
      best = e;
  }
  return best ? { place: { at: best.at, label: best.label } } : { problem: 'unknown' };
}

export interface Near {
  unit: DirectoryUnit;
  km: number;
}

/** The units closest to the point, nearest first (ties by code, so the order never wavers). */
export function nearestUnits(from: LngLat, units: readonly DirectoryUnit[], limit = 10): Near[] {
  return units
    .map((unit) => ({ unit, km: haversineKm(from, { lat: unit.lat, lng: unit.lng }) }))
    .sort((a, b) => a.km - b.km || a.unit.code.localeCompare(b.unit.code))
    .slice(0, limit);
}
