import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser, Page } from 'playwright-core';
import { loadCatalogItems } from '../../src/shared/catalog/index.ts';
import { publishCatalogDirectly, publishDocumentsDirectly } from '../../src/portal/catalog/catalog.seed.ts';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  serveZone,
  type ServedZone,
  openContext,
  expectNoPageProblems,
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

/** Browse → area → guide, then search → result → guide, using only links, buttons and the keyboard's Enter. */
async function journey(page: Page, check: (label: string) => Promise<void>): Promise<void> {
  await page.goto(portal.url + '/');
  await page.getByRole('navigation', { name: '主导航' }).getByRole('link', { name: '网上办事' }).click();
  await page.getByRole('heading', { level: 1, name: '网上办事' }).waitFor();
  await check('catalogue home');

  await page.getByRole('link', { name: '法人办事' }).click();
  await page.getByRole('link', { name: '法人办事' }).and(page.locator('[aria-current="page"]')).waitFor();
  await page.getByRole('link', { name: '个人办事' }).click();

  await page.getByRole('link', { name: '出入境' }).click();
  await page.getByRole('heading', { level: 1, name: '出入境' }).waitFor();
  await check('area list');

  await page.getByRole('link', { name: '普通护照首次申领' }).click();
  await page.getByRole('heading', { level: 1, name: '普通护照首次申领' }).waitFor();
  await check('guide page');
  await page
    .getByRole('region', { name: /申请材料|情形/ })
    .first()
    .waitFor();
  // The blank form is a link a person can follow, named after the form, and what it gives is a PDF.
  const blankForm = page
    .getByRole('link', { name: /下载空白表格\s*：中国公民出入境证件申请表\s*（PDF，\d+ KB）/ })
    .first();
  const href = await blankForm.getAttribute('href');
  assert.equal(href, '/services/files/forms/crj-application-form.pdf');
  const download = await page.request.get(portal.url + href);
  assert.equal(download.status(), 200);
  assert.equal(download.headers()['content-type'], 'application/pdf');
  assert.equal((await download.body()).subarray(0, 5).toString(), '%PDF-');
  const faq = page.locator('.catalog-faq details').first();
  await faq.locator('summary').click();
  assert.equal(
    await faq.evaluate((d) => (d as HTMLDetailsElement).open),
    true,
    'the FAQ opens without scripts',
  );

  await page.goto(portal.url + '/services/life-events/driving');
  await page.getByRole('heading', { level: 1, name: '驾车出行' }).waitFor();
  await check('life event list');

  await page.goto(portal.url + '/services');
  await page.getByLabel('搜索办事事项').fill('身份证丢了');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('heading', { name: /找到 1 个与“身份证丢了”相关的事项/ }).waitFor();
  assert.equal(await page.locator('mark').first().textContent(), '身份证');
  await check('search results');

  await page.getByRole('link', { name: /居民身份证补领/ }).click();
  await page.getByRole('heading', { level: 1, name: '居民身份证补领（含损坏换领）' }).waitFor();
  await page.getByText('无需提交，由公安机关通过数据共享获取').first().waitFor();

  await page.goto(portal.url + '/services/search');
  await page.getByLabel('关键词').fill('飞船登月');
  await page.getByLabel('关键词').press('Enter');
  await page.getByRole('heading', { name: /没有找到与“飞船登月”相关的事项/ }).waitFor();
  await check('search without results');
  await page.getByRole('link', { name: '办护照' }).click();
  await page
    .getByRole('link', { name: /普通护照首次申领/ })
    .first()
    .waitFor();

  await page.getByLabel('关键词').fill('');
  await page.getByRole('button', { name: '搜索' }).click();
  await page.getByRole('link', { name: '请输入要查找的事项名称或关键词' }).waitFor();
  await check('search with an error');
}

test('a citizen browses the catalogue, searches and reads a guide (JavaScript on, axe in both languages)', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await journey(page, (label) => expectAccessibleInBothLanguages(page, label));
  await context.close();
});

test('the same journey works with JavaScript off', async () => {
  const context = await openContext(browser, { javaScriptEnabled: false, locale: 'zh-CN' });
  const page = await context.newPage();
  await journey(page, async () => undefined);
  await context.close();
});

test('the guide page in elder mode on a phone: large text and targets, no sideways scrolling', async () => {
  const context = await openContext(browser, { viewport: { width: 390, height: 844 } });
  await context.addCookies([{ name: 'elder', value: '1', url: portal.url }]);
  const page = await context.newPage();
  await page.goto(portal.url + '/services/items/hk-macau-re-endorsement');
  const fontSize = await page.evaluate(() =>
    parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize),
  );
  assert.ok(fontSize >= 18, `body text is ${fontSize}px`);
  const summary = await page.locator('.catalog-faq summary').first().boundingBox();
  assert.ok(summary && summary.height >= 60, `an FAQ question is ${summary?.height}px high`);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, 'no horizontal scrolling on a phone');
  await expectAccessible(page, 'guide page in elder mode');
  await page.goto(portal.url + '/services');
  const button = await page.getByRole('button', { name: '搜索' }).boundingBox();
  assert.ok(button && button.height >= 60, `the search button is ${button?.height}px high`);
  await expectAccessibleInBothLanguages(page, 'catalogue home in elder mode');
  await context.close();
});

test('a journey fails on a script the page’s CSP blocks and on an uncaught page error', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(portal.url + '/services');
  expectNoPageProblems(context);
  const blocked = page.waitForEvent('console', (message) => /Content Security Policy/i.test(message.text()));
  // An inline script, as an injected ad or a careless template would add: the real CSP must refuse it.
  await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'document.title = "ran"';
    document.body.append(script);
  });
  await blocked;
  assert.notEqual(await page.title(), 'ran', 'the inline script did not run');
  const thrown = page.waitForEvent('pageerror');
  await page.evaluate(() =>
    setTimeout(() => {
      throw new Error('broken page script');
    }),
  );
  await thrown;
  assert.throws(() => expectNoPageProblems(context), /CSP violation[^]*broken page script/);
  await assert.rejects(context.close(), /page errors or CSP violations/);
});
