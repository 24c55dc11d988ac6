import { after, before, test } from 'node:test';
import type { Browser, BrowserContext } from 'playwright-core';
import { DEMO_CITIZEN } from '../../src/portal/seed.ts';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { launchBrowser, openContext } from './browser.ts';
import { sweepPages } from './sweep.support.ts';
import { citizenPages, publicPages } from './sweep.pages.ts';
import { openSweepWorld, type SweepWorld } from './sweep.world.ts';

// Every portal page a visitor and a signed-in citizen meet, on the demo's data, in normal and in elder mode
// (长辈版): at 390 px none scrolls sideways, and no English page shows Chinese it does not mark as Chinese; in
// elder mode no text is below 18 px and no control outside running text below 60×60 px.

let browser: Browser;
let world: SweepWorld;

before(async () => {
  [browser, world] = await Promise.all([launchBrowser(), openSweepWorld()]);
});
after(async () => {
  await browser?.close();
  await world?.close();
});

async function signIn(context: BrowserContext): Promise<void> {
  const page = await context.newPage();
  await page.goto(world.portal.url + '/login');
  await page.getByLabel('手机号码').fill(DEMO_CITIZEN.mobile);
  await page.getByLabel('密码').fill(DEMO_CITIZEN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();
  await page.close();
}

for (const mode of ['normal', 'elder'] as const) {
  test(`every portal page fits a phone and speaks English on English pages (${mode} mode)`, async () => {
    const context = await openContext(browser);
    if (mode === 'elder') await context.addCookies([{ name: 'elder', value: '1', url: world.portal.url }]);
    // Elder mode also promises no text below 18 px and main controls of at least 60×60 px (MIIT Annex 2).
    const elder = mode === 'elder' ? { minFontPx: 18, minTargetPx: 60 } : {};
    await sweepPages(context, world.portal.url, publicPages, `portal-${mode}`, elder);
    await signIn(context);
    await sweepPages(context, world.portal.url, citizenPages, `portal-${mode}-citizen`, elder);
    await context.close();
  });
}

test('no English guide page shows unmarked Chinese, and none scrolls sideways on a phone', async () => {
  const context = await openContext(browser);
  const guides = loadCatalogItems().map((item) => ({
    name: `guide-${item.id}`,
    path: `/services/items/${item.id}`,
  }));
  await sweepPages(context, world.portal.url, guides, 'portal-guides', { languages: ['en'], shots: false });
  await context.close();
});
