import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { storeFigures } from '../../src/portal/transparency/transparency.repository.ts';
import type { PublishedStatistics } from '../../src/portal/transparency/transparency.tables.ts';
import {
  expectAccessibleInBothLanguages,
  expectNoPageProblems,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// A visitor reads the bureau's figures on a phone: from the footer to the transparency page, the charts fit
// the screen, their numbers are in tables, and the page passes axe in both languages.

let browser: Browser;
let portal: ServedZone;

const months = Array.from({ length: 12 }, (_, i) => ({
  month: `2026-${String(i + 1).padStart(2, '0')}`,
  applications: 100 + i * 7,
  concluded: 90 + i * 6,
  onTimeRate: i === 0 ? null : 90 + (i % 5),
  avgCycleDays: 4.5,
  zeroVisitRate: 60 + i,
  oneVisitRate: 95,
  letters: 20 + i,
  replyRate: 98.5,
}));

const figures: PublishedStatistics = {
  asOf: '2026-12-10',
  publishedAt: '2026-12-10T00:30:00.000Z',
  bureau: { zh: '示范市公安局', en: 'Shifan City Public Security Bureau' },
  total: { ...months[11]!, applications: 1662, concluded: 1476, letters: 306 },
  months,
  services: [
    { itemId: 'passport-first-issue', zh: '普通护照首次申领', en: 'First passport', ...months[11]! },
    {
      itemId: 'no-criminal-record-certificate',
      zh: '无犯罪记录证明',
      en: 'No-criminal-record certificate',
      ...months[10]!,
    },
  ].map(({ month: _month, ...rest }) => rest),
};

before(async () => {
  [browser, portal] = await Promise.all([launchBrowser(), serveZone('portal')]);
  await portal.services.db.transaction((tx) => storeFigures(tx, figures, 1234, new Date()));
});
after(async () => {
  await browser?.close();
  await portal?.close();
});

test('a visitor reads the transparency page on a phone', async () => {
  const context = await openContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(portal.url + '/');
  await page.getByRole('contentinfo').getByRole('link', { name: '数据公开' }).click();
  await page.getByRole('heading', { level: 1, name: '数据公开' }).waitFor();
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  // Each chart is one named image whose labels stay legible: rather than shrink them, the picture scrolls
  // sideways in its own box, which the keyboard reaches; the page itself does not scroll sideways.
  const chart = page.getByRole('img', { name: /每月网上申请件数/ });
  await chart.waitFor();
  assert.ok((await labelSize(page)) >= 14, 'the chart’s labels keep their size on a phone');
  const picture = page.locator('.chart-picture').first();
  const box = await picture.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the picture’s box fits the phone');
  await picture.focus();
  await page.keyboard.press('ArrowRight');
  await page.getByRole('table', { name: '每月网上申请件数' }).waitFor();
  await page.getByText('1,234').waitFor();
  await expectAccessibleInBothLanguages(page, 'transparency page');
  await shots(context, page.url());
  expectNoPageProblems(context);
  await context.close();
});

test('in elder mode on a phone the chart’s labels are large, and the page passes axe', async () => {
  const context = await openContext(browser, { viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: 'elder', value: '1', url: portal.url }]);
  const page = await context.newPage();
  await page.goto(portal.url + '/transparency');
  await page.getByRole('heading', { level: 1, name: '数据公开' }).waitFor();
  assert.ok(await page.locator('body.elder').count(), 'elder mode is on');
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `the page scrolls sideways by ${overflow}px`);
  const size = await labelSize(page);
  assert.ok(size >= 18, `the chart’s labels are ${size}px in elder mode`);
  await page.getByRole('table', { name: '每月网上申请件数' }).waitFor();
  await expectAccessibleInBothLanguages(page, 'transparency page in elder mode');
  const dir = process.env.TRANSPARENCY_SHOTS;
  for (const width of dir ? [390, 1366] : []) {
    await page.setViewportSize({ width, height: 900 });
    await page
      .locator('.chart')
      .first()
      .screenshot({ path: `${dir}/elder-chart-${width}.png` });
  }
  await context.close();
});

/** The height on screen of the first chart's first label, in CSS pixels (its font size, as scaled). */
async function labelSize(page: Page): Promise<number> {
  const label = page.locator('.chart-svg .chart-label').first();
  return label.evaluate((node) => {
    const svg = node.closest('svg')!;
    const scale = svg.getBoundingClientRect().width / svg.viewBox.baseVal.width;
    return parseFloat(getComputedStyle(node).fontSize) * scale;
  });
}

/** Screenshots for a person to look at, when asked for (TRANSPARENCY_SHOTS names a folder): 1366 and 390 px,
 * in Chinese and English, in standard and elder mode. */
async function shots(context: BrowserContext, at: string): Promise<void> {
  const dir = process.env.TRANSPARENCY_SHOTS;
  if (!dir) return;
  for (const elder of [false, true])
    for (const lang of ['zh', 'en'])
      for (const width of [1366, 390]) {
        await context.addCookies([{ name: 'elder', value: elder ? '1' : '0', url: new URL(at).origin }]);
        const page = await context.newPage();
        await page.setViewportSize({ width, height: 900 });
        const url = new URL(at);
        url.searchParams.set('lang', lang);
        await page.goto(url.toString());
        await page.screenshot({
          path: `${dir}/transparency-${elder ? 'elder' : 'normal'}-${lang}-${width}.png`,
          fullPage: true,
        });
        // The first chart alone, at the size it is read.
        await page
          .locator('.chart')
          .first()
          .screenshot({
            path: `${dir}/transparency-chart-${elder ? 'elder' : 'normal'}-${lang}-${width}.png`,
          });
        await page.close();
      }
  await context.clearCookies({ name: 'elder' });
}
