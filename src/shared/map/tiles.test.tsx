import assert from 'node:assert/strict';
import { test } from 'node:test';
import { renderFragment } from '../ui/render.ts';
import { MapSvg } from './map-svg.tsx';
import { cityView, fromPixel, inMercator, tilePlacement, toPixel, viewAround } from './projection.ts';
import {
  lngLatOfWorld,
  mapTilesFrom,
  MAX_TILES,
  tileCount,
  tileOf,
  tilesCovering,
  tileUrl,
  worldOf,
  zoomFor,
  type MapTiles,
} from './tiles.ts';

const settings = (url: string | undefined, extra: { attribution?: string; maxZoom?: number } = {}) => ({
  MAP_TILE_URL: url,
  MAP_TILE_ATTRIBUTION: extra.attribution,
  MAP_TILE_MAX_ZOOM: extra.maxZoom ?? 18,
});

test('the tile template: unset means none, a good one gives its origin, a bad one says what is wrong', () => {
  assert.equal(mapTilesFrom(settings(undefined)), undefined);
  assert.equal(mapTilesFrom(settings('  ')), undefined);
  assert.deepEqual(mapTilesFrom(settings('https://tiles.example:8443/base/{z}/{x}/{y}.png?key=abc')), {
    url: 'https://tiles.example:8443/base/{z}/{x}/{y}.png?key=abc',
    origin: 'https://tiles.example:8443',
    attribution: 'tiles.example:8443',
    maxZoom: 18,
  });
  assert.equal(
    mapTilesFrom(settings('http://10.1.2.3/{z}/{y}/{x}.png', { attribution: '© 示范市测绘院', maxZoom: 16 }))
      ?.attribution,
    '© 示范市测绘院',
  );
  for (const [bad, why] of [
    ['https://tiles.example/{z}/{x}.png', /\{y\} is missing/],
    ['https://tiles.example/{z}/{x}/{y}/{y}.png', /\{y\} appears 2 times/],
    ['https://{s}.tiles.example/{z}/{x}/{y}.png', /\{s\} is not a placeholder/],
    ['ftp://tiles.example/{z}/{x}/{y}.png', /ftp: is not http\(s\)/],
    ['javascript:{z}{x}{y}', /not http\(s\)/],
    ['tiles.example/{z}/{x}/{y}.png', /not an address/],
    ['https://me:pw@tiles.example/{z}/{x}/{y}.png', /user name or password/],
  ] as const)
    assert.throws(
      () => mapTilesFrom(settings(bad)),
      (e: Error) => e instanceof RangeError && why.test(e.message),
      bad,
    );
  assert.equal(
    tileUrl({ url: 'https://t.example/{z}/{x}/{y}.png' }, 12, 3349, 1692),
    'https://t.example/12/3349/1692.png',
  );
});

test('a placeholder in the host or port is refused: the CSP names one origin, each tile would have another', () => {
  for (const bad of [
    'https://{z}.tiles.example/{x}/{y}.png',
    'https://tiles-{x}.example/{z}/{y}.png',
    'https://tiles.example:{y}/{z}/{x}.png',
    'https:{z}.tiles.example/{x}/{y}.png',
  ])
    assert.throws(
      () => mapTilesFrom(settings(bad)),
      (e: Error) =>
        e instanceof RangeError && /^MAP_TILE_URL .*a placeholder in the host or port/.test(e.message),
      bad,
    );
});

test('plain http: tiles are refused where the pages are served over https (mixed content), allowed elsewhere', () => {
  const http = 'http://10.1.2.3/{z}/{x}/{y}.png';
  assert.equal(mapTilesFrom(settings(http))?.origin, 'http://10.1.2.3');
  assert.equal(
    mapTilesFrom({ ...settings(http), PUBLIC_PORTAL_URL: 'http://localhost:3000' })?.origin,
    'http://10.1.2.3',
  );
  const mixed = (e: Error) => e instanceof RangeError && /mixed content\); use https/.test(e.message);
  assert.throws(
    () => mapTilesFrom({ ...settings(http), PUBLIC_PORTAL_URL: 'https://ga.shifan.example' }),
    mixed,
  );
  assert.throws(() => mapTilesFrom({ ...settings(http), NODE_ENV: 'production' }), mixed);
  // An https template is fine everywhere.
  assert.ok(mapTilesFrom({ ...settings('https://t.example/{z}/{x}/{y}.png'), NODE_ENV: 'production' }));
});

test("the workbench's tiles are their own opt-in: the portal's setting never turns them on", () => {
  const portalOnly = settings('https://tiles.example/{z}/{x}/{y}.png');
  assert.ok(mapTilesFrom(portalOnly, 'portal'));
  assert.equal(mapTilesFrom(portalOnly, 'workbench'), undefined);
  const both = {
    ...portalOnly,
    WORKBENCH_MAP_TILE_URL: 'https://tiles.police.example/{z}/{x}/{y}.png',
    WORKBENCH_MAP_TILE_ATTRIBUTION: '© 内网底图',
  };
  assert.deepEqual(mapTilesFrom(both, 'workbench'), {
    url: 'https://tiles.police.example/{z}/{x}/{y}.png',
    origin: 'https://tiles.police.example',
    attribution: '© 内网底图',
    maxZoom: 18,
  });
  assert.equal(mapTilesFrom(both, 'portal')?.origin, 'https://tiles.example');
  // Its errors name its own setting; the workbench's public address decides about http: there.
  assert.throws(
    () =>
      mapTilesFrom({ ...portalOnly, WORKBENCH_MAP_TILE_URL: 'https://t.example/{z}/{x}.png' }, 'workbench'),
    /^RangeError: WORKBENCH_MAP_TILE_URL must be .*\{y\} is missing/,
  );
  const httpWorkbench = { ...portalOnly, WORKBENCH_MAP_TILE_URL: 'http://10.9.9.9/{z}/{x}/{y}.png' };
  assert.ok(mapTilesFrom({ ...httpWorkbench, PUBLIC_PORTAL_URL: 'https://ga.shifan.example' }, 'workbench'));
  assert.throws(
    () => mapTilesFrom({ ...httpWorkbench, PUBLIC_WORKBENCH_URL: 'https://jw.shifan.example' }, 'workbench'),
    /WORKBENCH_MAP_TILE_URL .*mixed content/,
  );
});

test('longitude and latitude to Web Mercator tiles, and back', () => {
  assert.deepEqual(worldOf({ lat: 0, lng: 0 }), { x: 0.5, y: 0.5 });
  assert.deepEqual(tileOf({ lat: 0, lng: 0 }, 0), { x: 0, y: 0 });
  assert.deepEqual(tileOf({ lat: 0.0001, lng: -0.0001 }, 1), { x: 0, y: 0 });
  assert.deepEqual(tileOf({ lat: -0.0001, lng: 0.0001 }, 1), { x: 1, y: 1 });
  // As the slippy-map convention's formula gives (x = (lng + 180) / 360 · 2^z, y from asinh(tan lat)), at zoom 12.
  assert.deepEqual(tileOf({ lat: 30.5928, lng: 114.3055 }, 12), { x: 3348, y: 1682 });
  // The poles and the antimeridian stay on the map.
  assert.deepEqual(tileOf({ lat: 89.9, lng: 180 }, 3), { x: 7, y: 0 });
  assert.deepEqual(tileOf({ lat: -89.9, lng: -180 }, 3), { x: 0, y: 7 });
  for (const p of [
    { lat: 30.52, lng: 114.31 },
    { lat: -33.86, lng: 151.21 },
  ]) {
    const w = worldOf(p);
    const back = lngLatOfWorld(w.x, w.y);
    assert.ok(Math.abs(back.lat - p.lat) < 1e-9 && Math.abs(back.lng - p.lng) < 1e-9);
  }
});

test('the tiles covering a view: every corner covered, at a zoom drawn at or under its own size', () => {
  const view = cityView(640);
  const z = zoomFor(view.bounds, view.width, 18);
  const tiles = tilesCovering(view.bounds, z);
  assert.equal(tiles.length, tileCount(view.bounds, z));
  const shown = (tiles[0] && tilePlacement(inMercator(view), tiles[0]))!;
  assert.ok(shown.width > 128 && shown.width <= 256, `a tile is ${shown.width} px wide at zoom ${z}`);
  for (const corner of [
    { lat: view.bounds.maxLat, lng: view.bounds.minLng },
    { lat: view.bounds.minLat, lng: view.bounds.maxLng },
    { lat: view.bounds.maxLat, lng: view.bounds.maxLng },
    { lat: view.bounds.minLat, lng: view.bounds.minLng },
  ]) {
    const t = tileOf(corner, z);
    assert.ok(
      tiles.some((c) => c.x === t.x && c.y === t.y),
      `corner ${JSON.stringify(corner)}`,
    );
  }
  // Row by row, from the north-west, with no gaps.
  const xs = [...new Set(tiles.map((t) => t.x))];
  const ys = [...new Set(tiles.map((t) => t.y))];
  assert.equal(tiles.length, xs.length * ys.length);
  assert.deepEqual(tiles[0], { z, x: Math.min(...xs), y: Math.min(...ys) });
  // A service with shallower tiles has them enlarged; a huge picture never asks for more than the cap.
  assert.equal(zoomFor(view.bounds, view.width, 9), 9);
  const world = { minLat: -80, maxLat: 80, minLng: -179, maxLng: 179 };
  assert.ok(tileCount(world, zoomFor(world, 100_000, 18)) <= MAX_TILES);
});

test('points fall on the tiles where the tiles show them, and pixels convert back', () => {
  const view = inMercator(viewAround({ lat: 30.52, lng: 114.31 }, 4, 480, 320));
  assert.deepEqual(
    Object.values(toPixel(view, { lat: 30.52, lng: 114.31 })).map((v) => Math.round(v * 10) / 10),
    [240, 160],
  );
  const z = 14;
  const n = 2 ** z;
  for (const p of [
    { lat: 30.52, lng: 114.31 },
    { lat: 30.531, lng: 114.297 },
  ]) {
    // The point's place inside its tile, as a fraction of the tile, is the same in the picture.
    const w = worldOf(p);
    const tile = tileOf(p, z);
    const placed = tilePlacement(view, { z, ...tile });
    const px = toPixel(view, p);
    assert.ok(Math.abs(placed.x + (w.x * n - tile.x) * placed.width - px.x) < 0.02);
    assert.ok(Math.abs(placed.y + (w.y * n - tile.y) * placed.height - px.y) < 0.02);
    assert.deepEqual(fromPixel(view, px.x, px.y), p);
  }
  // Neighbouring tiles meet edge to edge.
  const a = tilePlacement(view, { z, x: 13393, y: 6762 });
  const b = tilePlacement(view, { z, x: 13394, y: 6762 });
  const c = tilePlacement(view, { z, x: 13393, y: 6763 });
  assert.ok(Math.abs(a.x + a.width - b.x) < 0.011 && Math.abs(a.y + a.height - c.y) < 0.011);
  // Over a city the Mercator picture and the drawn one differ by under a pixel.
  const drawn = viewAround({ lat: 30.52, lng: 114.31 }, 4, 480, 320);
  const corner = toPixel(drawn, { lat: 30.535, lng: 114.33 });
  const onTiles = toPixel(view, { lat: 30.535, lng: 114.33 });
  assert.ok(Math.hypot(corner.x - onTiles.x, corner.y - onTiles.y) < 1);
});

test('the drawn map: tiles and their credit only when a service is given, never in a standalone picture', () => {
  const tiles: MapTiles = {
    url: 'https://tiles.example/{z}/{x}/{y}.png',
    origin: 'https://tiles.example',
    attribution: '© Example',
    maxZoom: 18,
  };
  const draw = (extra: { tiles?: MapTiles; standalone?: boolean }) =>
    renderFragment(
      <MapSvg id="m" view={cityView(640)} lang="zh" title="示范市地图" description="上为北。" {...extra} />,
    );
  const plain = draw({});
  assert.doesNotMatch(plain, /<image|tiles\.example|fill-opacity/);
  const tiled = draw({ tiles });
  const images = [...tiled.matchAll(/<image href="https:\/\/tiles\.example\/(\d+)\/(\d+)\/(\d+)\.png"/g)];
  assert.ok(images.length >= 4, `${images.length} tiles`);
  assert.match(tiled, /<desc id="m-desc">上为北。底图：© Example。<\/desc>/);
  assert.match(tiled, /class="map-attribution"[^>]*>© Example<\/text>/);
  assert.doesNotMatch(draw({ tiles, standalone: true }), /<image|Example/);
});
