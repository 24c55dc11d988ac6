import { readFileSync } from 'node:fs';

// The demo city's base map: district outlines, a lake and a river, kept as reviewed GeoJSON beside this file
// (WGS 84 longitude/latitude, the frame the directory's coordinates use). Drawn by the platform itself, since
// it runs on closed networks where no tile service can be reached.

export interface LngLat {
  lat: number;
  lng: number;
}

/** A closed ring of [longitude, latitude] pairs, as GeoJSON writes them. */
export type Ring = readonly (readonly [number, number])[];

export interface CityDistrict {
  code: string;
  name: string;
  nameEn: string;
  ring: Ring;
  /** Where its name is written: the data's `labelAt` (clear of the markers), else the centre of its corners. */
  labelAt: LngLat;
}

export interface Bounds {
  minLat: number;
  maxLat: number;
  minLng: number;
  maxLng: number;
}

export interface CityMap {
  districts: readonly CityDistrict[];
  water: readonly { name: string; nameEn: string; ring: Ring }[];
  rivers: readonly { name: string; nameEn: string; line: Ring }[];
  /** The outlines' bounding box: a point outside it is not in the city. */
  extent: Bounds;
}

interface Feature {
  properties: {
    kind: 'district' | 'water' | 'river';
    code?: string;
    name: string;
    nameEn: string;
    labelAt?: [number, number];
  };
  geometry:
    | { type: 'Polygon'; coordinates: [number, number][][] }
    | { type: 'LineString'; coordinates: [number, number][] };
}

function centreOf(ring: Ring): LngLat {
  const corners = ring.slice(0, -1);
  return {
    lng: corners.reduce((s, p) => s + p[0], 0) / corners.length,
    lat: corners.reduce((s, p) => s + p[1], 0) / corners.length,
  };
}

function boundsOf(rings: readonly Ring[]): Bounds {
  const points = rings.flat();
  return {
    minLat: Math.min(...points.map((p) => p[1])),
    maxLat: Math.max(...points.map((p) => p[1])),
    minLng: Math.min(...points.map((p) => p[0])),
    maxLng: Math.max(...points.map((p) => p[0])),
  };
}

export function parseCityMap(geojson: { features: Feature[] }): CityMap {
  const districts: CityDistrict[] = [];
  const water: { name: string; nameEn: string; ring: Ring }[] = [];
  const rivers: { name: string; nameEn: string; line: Ring }[] = [];
  for (const { properties: p, geometry: g } of geojson.features) {
    if (g.type === 'Polygon' && p.kind === 'district' && p.code) {
      const ring = g.coordinates[0]!;
      const labelAt = p.labelAt ? { lng: p.labelAt[0], lat: p.labelAt[1] } : centreOf(ring);
      districts.push({ code: p.code, name: p.name, nameEn: p.nameEn, ring, labelAt });
    } else if (g.type === 'Polygon' && p.kind === 'water') {
      water.push({ name: p.name, nameEn: p.nameEn, ring: g.coordinates[0]! });
    } else if (g.type === 'LineString' && p.kind === 'river') {
      rivers.push({ name: p.name, nameEn: p.nameEn, line: g.coordinates });
    }
  }
  return { districts, water, rivers, extent: boundsOf(districts.map((d) => d.ring)) };
}

let loaded: CityMap | undefined;

export function cityMap(): CityMap {
  loaded ??= parseCityMap(
    JSON.parse(readFileSync(new URL('./demo-city.geo.json', import.meta.url), 'utf8')) as {
      features: Feature[];
    },
  );
  return loaded;
}

/** Ray casting: whether the point lies inside the ring (a point on the edge may fall either way). */
export function insideRing(ring: Ring, p: LngLat): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i]!;
    const [xj, yj] = ring[j]!;
    if (yi > p.lat !== yj > p.lat && p.lng < ((xj - xi) * (p.lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

/** The district the point lies in; none outside the city. */
export function districtAt(p: LngLat, map: CityMap = cityMap()): CityDistrict | undefined {
  return map.districts.find((d) => insideRing(d.ring, p));
}

export function insideCity(p: LngLat, map: CityMap = cityMap()): boolean {
  return districtAt(p, map) !== undefined;
}

const EARTH_RADIUS_KM = 6371.0088;

/** Great-circle distance in kilometres. */
export function haversineKm(a: LngLat, b: LngLat): number {
  const rad = Math.PI / 180;
  const dLat = (b.lat - a.lat) * rad;
  const dLng = (b.lng - a.lng) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(a.lat * rad) * Math.cos(b.lat * rad) * Math.sin(dLng / 2) ** 2;
  return 2 * EARTH_RADIUS_KM * Math.asin(Math.min(1, Math.sqrt(h)));
}

/** Coordinates typed as text: "30.52, 114.31" (latitude first, as map apps copy them), comma or ideographic comma. */
export function parseLatLng(text: string): LngLat | undefined {
  const match = /^\s*(-?\d{1,2}(?:\.\d{1,8})?)\s*[,，\s]\s*(-?\d{1,3}(?:\.\d{1,8})?)\s*$/.exec(text);
  if (!match) return undefined;
  const [lat, lng] = [Number(match[1]), Number(match[2])];
  if (Math.abs(lat) > 90 || Math.abs(lng) > 180) return undefined;
  return { lat, lng };
}
