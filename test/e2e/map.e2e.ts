import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { after, before, test } from 'node:test';
import { crc32, deflateSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { pickerView } from '../../src/shared/map/picker.ts';
import { toPixel } from '../../src/shared/map/projection.ts';
import { publishDemoDirectory } from '../portal/directory.fixture.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// The self-hosted map as a visitor on a phone meets it with JavaScript off: the directory's map and list, the
// nearest station to a typed road, and a tip whose place is clicked on the map. Axe-clean in both languages.
// Then a deployment with a tile service of its own (MAP_TILE_URL), served here by a tiny HTTP server: the
// tiles load under the page's CSP, with JavaScript on and off.

let browser: Browser;
let portal: ServedZone;
let tiledPortal: ServedZone;
let tileServer: Server;
/** The tile paths the tile server was asked for. */
const tileRequests: string[] = [];

/** A small opaque PNG (a pale square with a darker border), made here rather than kept as a file. */
function tilePng(size = 256): Buffer {
  const chunk = (type: string, data: Buffer) => {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    const body = Buffer.concat([Buffer.from(type, 'latin1'), data]);
    const crc = Buffer.alloc(4);
    crc.writeUInt32BE(crc32(body));
    return Buffer.concat([length, body, crc]);
  };
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 2, 0, 0, 0], 8); // 8 bits per channel, RGB
  const rows: Buffer[] = [];
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3);
    for (let x = 0; x < size; x++) {
      const edge = x < 2 || y < 2;
      row.set(edge ? [150, 170, 150] : [222, 232, 214], 1 + x * 3);
    }
    rows.push(row);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

async function startTileServer(): Promise<string> {
  const png = tilePng();
  tileServer = createServer((request, response) => {
    if (!/^\/tiles\/\d+\/\d+\/\d+\.png$/.test(request.url ?? '')) {
      response.writeHead(404).end();
      return;
    }
    tileRequests.push(request.url!);
    response.writeHead(200, { 'content-type': 'image/png', 'content-length': png.length }).end(png);
  });
  await new Promise<void>((resolve) => tileServer.listen(0, '127.0.0.1', resolve));
  return `http://127.0.0.1:${(tileServer.address() as AddressInfo).port}`;
}

before(async () => {
  const tileOrigin = await startTileServer();
  [browser, portal, tiledPortal] = await Promise.all([
    launchBrowser(),
    serveZone('portal'),
    serveZone('portal', {
      env: {
        MAP_TILE_URL: `${tileOrigin}/tiles/{z}/{x}/{y}.png`,
        MAP_TILE_ATTRIBUTION: '© 示范市测绘院（测试）',
      },
    }),
  ]);
  await Promise.all([publishDemoDirectory(portal), publishDemoDirectory(tiledPortal)]);
});
after(async () => {
  await browser?.close();
  await portal?.close();
  await tiledPortal?.close();
  await new Promise((resolve) => tileServer?.close(resolve));
});

test('the map pages are accessible in both languages', async () => {
  const context = await openContext(browser, { javaScriptEnabled: true, locale: 'zh-CN' });
  const page = await context.newPage();
  for (const [path, label] of [
    ['/directory', 'directory map'],
    ['/directory?district=%E6%B8%85%E6%B1%9F%E5%8C%BA', 'directory map of a district'],
    ['/directory/nearest?from=%E6%B9%96%E6%BB%A8%E8%B7%AF', 'nearest units'],
    ['/directory/SF-D01-P01', 'unit page with its map'],
    ['/interaction/tip', 'tip form with the map picker'],
  ] as const) {
    await page.goto(`${portal.url}${path}`);
    await expectAccessibleInBothLanguages(page, label);
  }
  await context.close();
});

test('on a phone without JavaScript: the nearest station to a road, and a tip placed by a click on the map', async () => {
  const context = await openContext(browser, {
    javaScriptEnabled: false,
    locale: 'zh-CN',
    viewport: { width: 390, height: 844 },
  });
  const page = await context.newPage();

  await page.goto(`${portal.url}/directory`);
  await page.getByLabel('离我最近的单位：我在哪里').fill('湖滨路');
  await page.getByLabel('要找的单位').selectOption('station');
  await page.getByRole('button', { name: '查找最近的单位' }).click();
  assert.equal(await page.locator('.nearest-list li a').first().textContent(), '湖滨派出所');

  await page.goto(`${portal.url}/interaction/tip`);
  await page.getByLabel('标题').fill('路口井盖缺失');
  const picker = page.locator('#field-pick');
  const box = await picker.boundingBox();
  // Its own width plus the border: never scaled, so the click's pixels are the picture's.
  assert.ok(box && Math.abs(box.width - 2 - pickerView().width) < 1, `shown at its own size: ${box?.width}`);
  const target = toPixel(pickerView(), { lat: 30.52, lng: 114.31 });
  await picker.click({ position: { x: Math.round(target.x), y: Math.round(target.y) } });
  await page.waitForLoadState();
  const lat = Number(await page.getByLabel('纬度').inputValue());
  const lng = Number(await page.getByLabel('经度').inputValue());
  assert.ok(Math.abs(lat - 30.52) < 0.002 && Math.abs(lng - 114.31) < 0.002, `${lat},${lng}`);
  assert.ok(await page.getByText('已选定明湖区的地点').isVisible());
  assert.equal(await page.getByLabel('标题').inputValue(), '路口井盖缺失', 'what was typed is kept');
  assert.match((await picker.getAttribute('src')) ?? '', /pin=30\.5/);

  await page.getByLabel('您要举报什么').fill('文昌路口的井盖丢了，晚上很危险。');
  await page.getByRole('button', { name: '提交', exact: true }).click();
  assert.ok(await page.getByRole('heading', { name: '您的查询码' }).isVisible());
  await context.close();
});

test('with a tile service: the tiles load under the CSP, JavaScript on and off, and the pages stay accessible', async () => {
  for (const javaScriptEnabled of [true, false]) {
    const context = await openContext(browser, {
      javaScriptEnabled,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    const loaded = new Set<string>();
    page.on('requestfinished', async (request) => {
      if (request.url().includes('/tiles/') && (await request.response())?.status() === 200)
        loaded.add(new URL(request.url()).pathname);
    });
    for (const path of [
      '/directory',
      '/directory/SF-D01-P01',
      `/directory/nearest?from=${encodeURIComponent('湖滨路')}`,
    ]) {
      const label = `${path} (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`;
      tileRequests.length = 0;
      loaded.clear();
      // The load event waits for the map's images, the tiles among them.
      await page.goto(`${tiledPortal.url}${path}`, { waitUntil: 'load' });
      const images = await page.locator('svg .map-tiles image').all();
      const paths = new Set(
        await Promise.all(images.map(async (i) => new URL((await i.getAttribute('href'))!).pathname)),
      );
      assert.ok(paths.size > 0, `${label} has tiles`);
      // Every tile on the page was fetched from the tile server and came back, and nothing else was asked of it.
      assert.deepEqual([...new Set(tileRequests)].sort(), [...paths].sort(), label);
      assert.deepEqual([...loaded].sort(), [...paths].sort(), label);
      const credit = page.locator('svg text.map-attribution');
      assert.equal(await credit.textContent(), '© 示范市测绘院（测试）', label);
      assert.ok(await credit.isVisible(), `${label}: the credit is shown`);
      // The drawn outline stays over the tiles.
      assert.ok((await page.locator('svg path[fill-opacity]').count()) >= 1, label);
    }
    if (javaScriptEnabled) {
      for (const path of ['/directory', '/directory/SF-D01-P01']) {
        await page.goto(`${tiledPortal.url}${path}`);
        await expectAccessibleInBothLanguages(page, `${path} over tiles`);
      }
    } else {
      // The list of units is the text alternative of the map, without JavaScript too.
      await page.goto(`${tiledPortal.url}/directory`);
      assert.ok(await page.locator('#unit-list').getByText('湖滨派出所').first().isVisible());
    }
    // Closing fails the test on any CSP violation, which a blocked tile would be.
    await context.close();
  }
});
