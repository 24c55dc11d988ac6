import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { PointMap } from '../../src/shared/map/point-map.tsx';
import { mapTilesFrom } from '../../src/shared/map/tiles.ts';
import { renderFragment } from '../../src/shared/ui/render.ts';
import { FormClient } from '../helpers/browser-like.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { publishDemoDirectory } from './directory.fixture.ts';

// A deployment with its own tile service (MAP_TILE_URL): every map page draws its tiles under the points, with
// the service's credit, and the pages' CSP lets images come from that origin and no other. Without the
// setting the pages carry no tile and the CSP is the site's own. The workbench has its own opt-in
// (WORKBENCH_MAP_TILE_URL), which the portal's setting never turns on.

const TILE_ORIGIN = 'https://tiles.shifan.example:8443';
let tiled: TestZone;
let plain: TestZone;

before(async () => {
  [tiled, plain] = await Promise.all([
    startTestZone('portal', {
      env: {
        MAP_TILE_URL: `${TILE_ORIGIN}/base/{z}/{x}/{y}.png`,
        MAP_TILE_ATTRIBUTION: '© 示范市测绘地理信息局',
        MAP_TILE_MAX_ZOOM: '17',
      },
    }),
    startTestZone('portal'),
  ]);
  await Promise.all([publishDemoDirectory(tiled), publishDemoDirectory(plain)]);
});
after(async () => {
  await tiled?.close();
  await plain?.close();
});

const pages = [
  '/directory',
  `/directory?district=${encodeURIComponent('清江区')}`,
  `/directory/nearest?from=${encodeURIComponent('湖滨路')}`,
  '/directory/SF-D01-P01',
  '/directory/officer?office=SF-D01-P01-C01',
];

const imgSrc = (csp: string | undefined) => /img-src ([^;]*)/.exec(csp ?? '')?.[1]?.split(' ');

describe('maps over a configured tile service', () => {
  test('every map page carries tiles from that origin, the credit, and a CSP that lets them load', async () => {
    for (const path of pages) {
      for (const lang of ['zh', 'en']) {
        const page = await new FormClient(tiled.app).get(
          `${path}${path.includes('?') ? '&' : '?'}lang=${lang}`,
        );
        assert.equal(page.statusCode, 200, path);
        const tiles = [...page.body.matchAll(/<image href="([^"]+)"/g)].map((m) => m[1]!);
        assert.ok(tiles.length > 0, `${path} has tiles`);
        for (const src of tiles)
          assert.match(
            src,
            /^https:\/\/tiles\.shifan\.example:8443\/base\/(\d|1[0-7])\/\d+\/\d+\.png$/,
            path,
          );
        assert.match(page.body, /class="map-attribution"[^>]*>© 示范市测绘地理信息局<\/text>/, path);
        assert.match(
          page.body,
          lang === 'en'
            ? /Base map: © 示范市测绘地理信息局\.<\/desc>/
            : /底图：© 示范市测绘地理信息局。<\/desc>/,
          path,
        );
        // The text alternatives stay: the district outlines and the list of units.
        assert.match(page.body, /<path d="M[^"]+Z" fill="#e8efe2" fill-opacity="0.18"/, path);
        assert.deepEqual(imgSrc(page.headers['content-security-policy'] as string), [
          "'self'",
          'data:',
          TILE_ORIGIN,
        ]);
      }
    }
    // The picker's picture is an image of its own, which can load nothing from elsewhere: it is never tiled.
    const picture = await new FormClient(tiled.app).get('/map/city.svg');
    assert.doesNotMatch(picture.body, /<image|tiles\.shifan/);
  });

  test('the directory list is still there beside the tiled map', async () => {
    const page = await new FormClient(tiled.app).get('/directory');
    assert.match(page.body, /id="unit-list"/);
    assert.match(page.body, /湖滨派出所/);
  });

  test('without MAP_TILE_URL the pages are as before: no tile, no credit, the site’s own CSP', async () => {
    for (const path of pages) {
      const page = await new FormClient(plain.app).get(path);
      assert.equal(page.statusCode, 200, path);
      assert.doesNotMatch(page.body, /<image |map-attribution|底图：|fill-opacity/, path);
      assert.match(page.body, /fill="#b9d5ec"/, `${path} draws its own water`);
      assert.deepEqual(imgSrc(page.headers['content-security-policy'] as string), ["'self'", 'data:']);
    }
  });

  test('the workbench has its own opt-in: the portal’s setting leaves it untiled, its own allows that origin alone', async () => {
    const WORKBENCH_TILE_ORIGIN = 'https://tiles.police.example';
    const [portalSetting, ownSetting] = await Promise.all([
      startTestZone('workbench', { env: { MAP_TILE_URL: `${TILE_ORIGIN}/base/{z}/{x}/{y}.png` } }),
      startTestZone('workbench', {
        env: {
          MAP_TILE_URL: `${TILE_ORIGIN}/base/{z}/{x}/{y}.png`,
          WORKBENCH_MAP_TILE_URL: `${WORKBENCH_TILE_ORIGIN}/{z}/{x}/{y}.png`,
        },
      }),
    ]);
    try {
      // Officers' browsers never ask the portal's tile service for the area around a tip.
      const plainLogin = await portalSetting.app.inject({ method: 'GET', url: '/staff/login' });
      assert.deepEqual(imgSrc(plainLogin.headers['content-security-policy'] as string), ["'self'", 'data:']);
      const login = await ownSetting.app.inject({ method: 'GET', url: '/staff/login' });
      assert.deepEqual(imgSrc(login.headers['content-security-policy'] as string), [
        "'self'",
        'data:',
        WORKBENCH_TILE_ORIGIN,
      ]);
    } finally {
      await portalSetting.close();
      await ownSetting.close();
    }
    const tiles = mapTilesFrom({
      MAP_TILE_URL: `${TILE_ORIGIN}/base/{z}/{x}/{y}.png`,
      MAP_TILE_MAX_ZOOM: 18,
    })!;
    const drawn = renderFragment(PointMap({ at: { lat: 30.52, lng: 114.31 }, lang: 'zh', id: 'p', tiles }));
    assert.match(drawn, /<image href="https:\/\/tiles\.shifan\.example:8443\/base\/\d+\/\d+\/\d+\.png"/);
    assert.doesNotMatch(
      renderFragment(PointMap({ at: { lat: 30.52, lng: 114.31 }, lang: 'zh', id: 'p' })),
      /<image/,
    );
  });
});
