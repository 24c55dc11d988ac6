import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
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

let browser: Browser;
let portal: ServedZone;

before(async () => {
  [browser, portal] = await Promise.all([launchBrowser(), serveZone('portal')]);
  await publishDemoDirectory(portal);
});
after(async () => {
  await browser?.close();
  await portal?.close();
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
