import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { publishDemoDirectory } from '../portal/directory.fixture.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// 找片警 as a visitor on a phone meets it, JavaScript on and off: the nearest station to his road, then his
// community officer by his address, an ambiguous road and its candidates, and an address not found.

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

test('the 找片警 pages are accessible in both languages', async () => {
  const context = await openContext(browser, { javaScriptEnabled: true, locale: 'zh-CN' });
  const page = await context.newPage();
  for (const [path, label] of [
    ['/directory/officer', 'find my officer form'],
    ['/directory/officer?q=%E6%B9%96%E6%BB%A8%E8%B7%AF12%E5%8F%B7', 'officer found'],
    ['/directory/officer?q=%E6%B9%96%E6%BB%A8%E8%B7%AF', 'ambiguous road'],
    ['/directory/officer?q=%E7%81%AB%E6%98%9F%E8%B7%AF', 'address not found'],
  ] as const) {
    await page.goto(`${portal.url}${path}`);
    await expectAccessibleInBothLanguages(page, label);
  }
  await context.close();
});

for (const javaScriptEnabled of [false, true]) {
  test(`on a phone, JavaScript ${javaScriptEnabled ? 'on' : 'off'}: the nearest station, then his officer by address`, async () => {
    const context = await openContext(browser, {
      javaScriptEnabled,
      locale: 'zh-CN',
      viewport: { width: 390, height: 844 },
    });
    const page = await context.newPage();
    await page.goto(`${portal.url}/directory`);
    await page.getByLabel('离我最近的单位：我在哪里').fill('湖滨路');
    await page.getByLabel('要找的单位').selectOption('station');
    await page.getByRole('button', { name: '查找最近的单位' }).click();
    assert.equal(await page.locator('.nearest-list li a').first().textContent(), '湖滨派出所');

    await page.getByRole('link', { name: '找片警：按住址查找您的社区民警' }).click();
    await page.getByLabel('您的住址').fill('湖滨路');
    await page.getByRole('button', { name: '查找社区民警' }).click();
    assert.ok(
      await page.getByRole('heading', { name: /分段负责/ }).isVisible(),
      'a shared road offers its offices',
    );

    await page.getByLabel('您的住址').fill('示范市明湖区湖滨路236号');
    await page.getByRole('button', { name: '查找社区民警' }).click();
    assert.ok(await page.getByRole('heading', { name: '“湖滨路236号”的社区民警' }).isVisible());
    assert.ok(await page.getByText('李秀英（演示）').isVisible());
    assert.ok(await page.getByText('SF10102').isVisible());
    assert.ok(await page.getByRole('link', { name: '0000-6101200' }).isVisible());
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 390, `no sideways scrolling at 390 px: ${width}`);

    await page.getByLabel('或选择道路').selectOption('湖滨东街');
    await page.getByLabel('门牌号').fill('15');
    await page.getByRole('button', { name: '查找', exact: true }).click();
    assert.ok(await page.getByText('王建国（演示）').isVisible(), 'odd numbers of the east street');

    await page.getByLabel('您的住址').fill('火星路8号');
    await page.getByRole('button', { name: '查找社区民警' }).click();
    assert.ok(await page.getByRole('alert').isVisible());
    assert.equal(await page.getByLabel('您的住址').inputValue(), '火星路8号');
    await context.close();
  });
}
