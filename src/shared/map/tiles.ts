import type { Bounds, LngLat } from './city.ts';

// An outside XYZ tile service under the drawn map, for deployments that have one (MAP_TILE_URL for the portal,
// WORKBENCH_MAP_TILE_URL for the workbench, each its own opt-in). Web Mercator as every such service draws it:
// the tiles covering a view are worked out on the server and placed in the SVG as plain images, so they show
// without JavaScript; the points are placed in the same projection. Without the setting nothing here is used
// and the map is the self-drawn one alone.

export interface MapTiles {
  /** The XYZ template, e.g. `https://tiles.example/{z}/{x}/{y}.png`. */
  url: string;
  /** Its origin, the one address the pages' CSP then lets images come from. */
  origin: string;
  /** The text the tile service asks to be shown with its tiles; its host name when none is given. */
  attribution: string;
  /** The highest zoom the service has tiles for. */
  maxZoom: number;
}

/** The settings that configure tiles, as read from the environment. */
export interface MapTileSettings {
  /** The portal's tile service. */
  MAP_TILE_URL?: string | undefined;
  MAP_TILE_ATTRIBUTION?: string | undefined;
  MAP_TILE_MAX_ZOOM: number;
  /**
   * The workbench's, a separate opt-in: its maps show where anonymous tips and letters place things, and each
   * tile an officer's browser fetches tells the tile service which area is being looked at.
   */
  WORKBENCH_MAP_TILE_URL?: string | undefined;
  WORKBENCH_MAP_TILE_ATTRIBUTION?: string | undefined;
  /** Whether the pages are served over https, so that an http: tile would be mixed content. */
  NODE_ENV?: string | undefined;
  PUBLIC_PORTAL_URL?: string | undefined;
  PUBLIC_WORKBENCH_URL?: string | undefined;
}

export const TILE_SIZE = 256;
/** A view needing more than this many tiles is a mistake (a huge map at a deep zoom): it zooms out instead. */
export const MAX_TILES = 64;
/** Web Mercator stops here: beyond, y runs to infinity. */
const MAX_LATITUDE = 85.05112878;

/**
 * A zone's tile settings, or none when its setting is unset or empty: MAP_TILE_URL for the portal,
 * WORKBENCH_MAP_TILE_URL for the workbench (never the portal's, see `MapTileSettings`). A malformed template
 * stops the start with what is wrong: only http(s), with {z}, {x} and {y} each once and no other placeholder,
 * none in the scheme, host or port (each tile would then come from an origin the CSP does not name), no user
 * or password, and no plain http: where the pages are served over https (production, or an https public
 * address), as browsers block or upgrade such images.
 */
export function mapTilesFrom(
  settings: MapTileSettings,
  zone: 'portal' | 'workbench' = 'portal',
): MapTiles | undefined {
  const name = zone === 'portal' ? 'MAP_TILE_URL' : 'WORKBENCH_MAP_TILE_URL';
  const template = (zone === 'portal' ? settings.MAP_TILE_URL : settings.WORKBENCH_MAP_TILE_URL)?.trim();
  if (!template) return undefined;
  const problem = (why: string) =>
    new RangeError(
      `${name} must be an http(s) XYZ template like https://tiles.example/{z}/{x}/{y}.png: ${why}`,
    );
  for (const placeholder of ['z', 'x', 'y']) {
    const count = template.split(`{${placeholder}}`).length - 1;
    if (count !== 1)
      throw problem(count === 0 ? `{${placeholder}} is missing` : `{${placeholder}} appears ${count} times`);
  }
  const other = /\{[^}]*\}/.exec(template.replace(/\{[zxy]\}/g, ''));
  if (other) throw problem(`${other[0]} is not a placeholder it understands`);
  const filled = (n: string) => template.replace('{z}', n).replace('{x}', n).replace('{y}', n);
  let url: URL;
  try {
    url = new URL(filled('0'));
  } catch {
    throw problem('it is not an address');
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw problem(`${url.protocol} is not http(s)`);
  // The origin is what the CSP names: a placeholder in it (https://{z}.tiles…) would block every tile.
  if (new URL(filled('1')).origin !== url.origin)
    throw problem(
      'a placeholder in the host or port gives each tile another origin, which the pages may not load',
    );
  if (url.username || url.password) throw problem('it may not carry a user name or password');
  if (url.hash) throw problem('it may not have a fragment');
  if (url.protocol === 'http:' && servedOverHttps(settings, zone))
    throw problem(
      'the pages are served over https, and browsers block plain http: images on them (mixed content); use https',
    );
  const attribution =
    (zone === 'portal' ? settings.MAP_TILE_ATTRIBUTION : settings.WORKBENCH_MAP_TILE_ATTRIBUTION)?.trim() ||
    url.host;
  return { url: template, origin: url.origin, attribution, maxZoom: settings.MAP_TILE_MAX_ZOOM };
}

/** Whether a zone's pages are served over https: always in production, else when its public address says so. */
function servedOverHttps(settings: MapTileSettings, zone: 'portal' | 'workbench'): boolean {
  if (settings.NODE_ENV === 'production') return true;
  const address = zone === 'portal' ? settings.PUBLIC_PORTAL_URL : settings.PUBLIC_WORKBENCH_URL;
  return /^https:/i.test(address?.trim() ?? '');
}

/** A tile's address. */
export function tileUrl(tiles: Pick<MapTiles, 'url'>, z: number, x: number, y: number): string {
  return tiles.url.replace('{z}', String(z)).replace('{x}', String(x)).replace('{y}', String(y));
}

/** Where a point lies on the Mercator square, both from 0 to 1: x eastwards from 180° W, y southwards from the top. */
export function worldOf(p: LngLat): { x: number; y: number } {
  const lat = Math.max(-MAX_LATITUDE, Math.min(MAX_LATITUDE, p.lat));
  const sin = Math.sin((lat * Math.PI) / 180);
  return {
    x: (p.lng + 180) / 360,
    y: 0.5 - Math.log((1 + sin) / (1 - sin)) / (4 * Math.PI),
  };
}

/** The point at a place on the Mercator square: the inverse of `worldOf`. */
export function lngLatOfWorld(x: number, y: number): LngLat {
  return {
    lng: x * 360 - 180,
    lat: (Math.atan(Math.sinh(Math.PI * (1 - 2 * y))) * 180) / Math.PI,
  };
}

/** The tile holding a point at a zoom. */
export function tileOf(p: LngLat, z: number): { x: number; y: number } {
  const n = 2 ** z;
  const w = worldOf(p);
  const clamp = (v: number) => Math.max(0, Math.min(n - 1, Math.floor(v * n)));
  return { x: clamp(w.x), y: clamp(w.y) };
}

/**
 * The zoom whose tiles are drawn at or just under their own size in a picture `width` pixels wide showing the
 * bounds: sharp, and never upscaled unless the service has no deeper tiles.
 */
export function zoomFor(bounds: Bounds, width: number, maxZoom: number): number {
  const span = worldOf({ lat: 0, lng: bounds.maxLng }).x - worldOf({ lat: 0, lng: bounds.minLng }).x;
  const ideal = Math.ceil(Math.log2(width / (span * TILE_SIZE)) - 1e-9);
  let z = Math.max(0, Math.min(maxZoom, ideal));
  while (z > 0 && tileCount(bounds, z) > MAX_TILES) z--;
  return z;
}

function tileRange(bounds: Bounds, z: number) {
  return {
    nw: tileOf({ lat: bounds.maxLat, lng: bounds.minLng }, z),
    se: tileOf({ lat: bounds.minLat, lng: bounds.maxLng }, z),
  };
}

/** How many tiles cover the bounds at a zoom, without listing them. */
export function tileCount(bounds: Bounds, z: number): number {
  const { nw, se } = tileRange(bounds, z);
  return (se.x - nw.x + 1) * (se.y - nw.y + 1);
}

/** Every tile needed to cover the bounds at a zoom, row by row from the north-west. */
export function tilesCovering(bounds: Bounds, z: number): { z: number; x: number; y: number }[] {
  const { nw, se } = tileRange(bounds, z);
  const tiles: { z: number; x: number; y: number }[] = [];
  for (let y = nw.y; y <= se.y; y++) for (let x = nw.x; x <= se.x; x++) tiles.push({ z, x, y });
  return tiles;
}
