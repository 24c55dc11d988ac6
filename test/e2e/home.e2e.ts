import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { publishCatalogDirectly, publishDocumentsDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import {
  expectAccessibleInBothLanguages,
  expectNoPageProblems,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

let browser: Browser;
let portal: ServedZone;

before(async () => {
  [browser, portal] = await Promise.all([launchBrowser(), serveZone('portal')]);
  await publishCatalogDirectly(portal.services.db, loadCatalogItems());
  await publishDocumentsDirectly(portal.services.db);
});
after(async () => {
  await browser?.close();
  await portal?.close();
});

const noSidewaysScroll = async (page: Page, label: string) => {
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
  assert.ok(overflow <= 0, `${label} scrolls sideways by ${overflow}px`);
};

test('from the home page, a search by everyday words finds the service, on a desktop', async () => {
  const context = await openContext(browser, { viewport: { width: 1366, height: 900 } });
  const page = await context.newPage();
  await page.goto(portal.url + '/');
  await expectAccessibleInBothLanguages(page, 'home page');
  // The search box is the first field of the page.
  await page.keyboard.press('Tab');
  const search = page.getByRole('searchbox', { name: '搜索办事事项' });
  await search.fill('搬家');
  await search.press('Enter');
  await page
    .getByRole('link', { name: /户口迁入/ })
    .first()
    .waitFor();

  for (const [name, heading] of [
    ['网站地图', '网站地图'],
    ['隐私声明', '隐私声明'],
    ['使用条款', '使用条款'],
    ['无障碍声明', '无障碍声明'],
  ] as const) {
    await page.getByRole('contentinfo').getByRole('link', { name }).click();
    await page.getByRole('heading', { level: 1, name: heading }).waitFor();
    await expectAccessibleInBothLanguages(page, heading);
  }
  expectNoPageProblems(context);
  await context.close();
});

test('at 390 px the header keeps its words together and the materials stack as cards', async () => {
  const context = await openContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  for (const lang of ['zh', 'en']) {
    await page.goto(`${portal.url}/?lang=${lang}`);
    await noSidewaysScroll(page, `home [${lang}]`);
    // 登录 and 注册 share one line; the title breaks at its space, never inside 公安局.
    const login = await page.locator('.auth-links a').first().boundingBox();
    const register = await page.locator('.auth-links a').last().boundingBox();
    assert.ok(
      login && register && Math.abs(login.y - register.y) < 2,
      `log in and register on one line [${lang}]`,
    );
  }
  await page.goto(`${portal.url}/?lang=zh`);
  const title = page.getByRole('heading', { level: 1 });
  const lines = await title.evaluate((h) => {
    const range = document.createRange();
    range.selectNodeContents(h);
    return [...range.getClientRects()].length;
  });
  assert.ok(lines <= 2, `the title takes ${lines} lines`);
  const text = await title.evaluate((h) => {
    // Which characters start a new line: only 网 (after the space) may.
    const node = h.firstChild as Text;
    const starts: string[] = [];
    let lastTop = -1;
    for (let i = 0; i < node.length; i++) {
      const r = document.createRange();
      r.setStart(node, i);
      r.setEnd(node, i + 1);
      const top = r.getBoundingClientRect().top;
      if (lastTop >= 0 && top > lastTop + 4 && node.data[i] !== ' ') starts.push(node.data[i] ?? '');
      if (node.data[i] !== ' ') lastTop = top;
    }
    return starts;
  });
  assert.ok(
    text.every((c) => c === '网'),
    `the title breaks before ${text.join()}`,
  );

  await page.goto(`${portal.url}/services/items/passport-first-issue`);
  await noSidewaysScroll(page, 'guide page');
  const table = page.locator('.table--stack').first();
  // Every column is on screen: the necessity of the first material is visible without scrolling sideways.
  const cell = table.locator('td[data-label="必要性"]').first();
  const box = await cell.boundingBox();
  assert.ok(box && box.x >= 0 && box.x + box.width <= 390, 'the necessity is on screen');
  await expectAccessibleInBothLanguages(page, 'guide page at 390 px');
  expectNoPageProblems(context);
  await context.close();
});
