import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  serveZone,
  type ServedZone,
  openContext,
} from './browser.ts';

let browser: Browser;
let portal: ServedZone;

before(async () => {
  [browser, portal] = await Promise.all([launchBrowser(), serveZone('portal')]);
});
after(async () => {
  await browser?.close();
  await portal?.close();
});

for (const javaScriptEnabled of [true, false]) {
  test(`a citizen registers, logs in and edits the profile (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const context = await openContext(browser, { javaScriptEnabled: true, locale: 'zh-CN' });
    const page = await context.newPage();
    // axe needs scripts; the journey itself runs in a second context with JavaScript as the test says.
    const journeyContext = javaScriptEnabled
      ? context
      : await openContext(browser, { javaScriptEnabled: false, locale: 'zh-CN' });
    const journey = await journeyContext.newPage();
    const mobile = javaScriptEnabled ? '13912340001' : '13912340002';
    const idNumber = javaScriptEnabled ? '11010519491231002X' : '440305199002150039';

    await page.goto(portal.url + '/');
    await expectAccessibleInBothLanguages(page, 'home');

    await journey.goto(portal.url + '/');
    await journey.getByRole('link', { name: '注册个人账号' }).first().click();
    await journey.getByLabel('手机号码').fill('12345');
    await journey.getByRole('button', { name: '获取验证码' }).click();
    await journey.getByText('请输入正确的11位手机号码').first().waitFor();
    if (javaScriptEnabled) await expectAccessible(journey, 'register with an error');
    await journey.getByLabel('手机号码').fill(mobile);
    await journey.getByRole('button', { name: '获取验证码' }).click();
    await journey.getByLabel('短信验证码').waitFor();
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(journey, 'register details');

    await portal.drainJobs();
    await page.goto(portal.url + '/dev/messages');
    const message = await page
      .locator('tr', { hasText: mobile })
      .locator('[data-message]')
      .first()
      .textContent();
    const code = /验证码 (\d{6})/.exec(message ?? '')?.[1];
    assert.ok(code, 'the sandbox shows the code');

    await journey.getByLabel('短信验证码').fill(code);
    await journey.getByLabel('称呼').fill('测试市民');
    await journey.getByLabel('密码', { exact: true }).fill('Quiet-Harbour-42');
    await journey.getByLabel('再次输入密码').fill('Quiet-Harbour-42');
    await journey.getByRole('button', { name: '注册' }).click();
    await journey.getByRole('heading', { name: '我的账号' }).waitFor();
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(journey, 'account');

    await journey.getByRole('button', { name: /退出|Log out/ }).click();
    await journey.goto(portal.url + '/login');
    await journey.getByLabel('手机号码').fill(mobile);
    await journey.getByLabel('密码').fill('Quiet-Harbour-42');
    await journey.getByRole('button', { name: '登录' }).click();
    await journey.getByRole('heading', { name: '我的账号' }).waitFor();

    await journey.goto(portal.url + '/account/profile');
    await journey.getByLabel(/身份证件号码/).fill('110105194912310021');
    await journey.getByRole('button', { name: '保存' }).click();
    await journey.getByText('身份证件号码校验位不正确').first().waitFor();
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(journey, 'profile with error');
    await journey.getByLabel(/身份证件号码/).fill(idNumber);
    await journey.getByLabel(/^姓名/).fill('王测试');
    await journey.getByRole('button', { name: '保存' }).click();
    await journey.getByText(idNumber.slice(0, 3) + '*'.repeat(11) + idNumber.slice(-4)).waitFor();
    await journeyContext.close();
    await context.close();
  });
}

test('the elder mode enlarges text and targets and is reachable from the home page', async () => {
  const context = await openContext(browser, { viewport: { width: 390, height: 844 } });
  const page = await context.newPage();
  await page.goto(portal.url + '/');
  await page.getByRole('link', { name: '长辈版' }).first().click();
  const fontSize = await page.evaluate(() =>
    parseFloat(getComputedStyle(document.querySelector('main p') ?? document.body).fontSize),
  );
  assert.ok(fontSize >= 18, `body text is ${fontSize}px`);
  const box = await page.getByRole('link', { name: '注册个人账号' }).first().boundingBox();
  assert.ok(box && box.height >= 60, `main target is ${box?.height}px high`);
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  assert.ok(overflow <= 0, 'no horizontal scrolling on a phone');
  await expectAccessibleInBothLanguages(page, 'home in elder mode');
  await context.close();
});

test('the API documentation works under the site’s CSP: no style, font or script from elsewhere', async () => {
  // No bypassCSP here: the page must work with the policy the server sends.
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  const refused: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) refused.push(message.text());
  });
  const response = await page.goto(portal.url + '/api/docs');
  const csp = response?.headers()['content-security-policy'] ?? '';
  assert.doesNotMatch(csp, /https:/, 'no https: wildcard');
  assert.match(csp, /style-src 'self'(;|$)/);
  assert.match(csp, /font-src 'self'(;|$)/);
  await page.locator('.opblock-summary-path', { hasText: '/api/v1/auth/login' }).first().waitFor();
  // The stylesheet applied: swagger's operation blocks are laid out as boxes, not unstyled text.
  const border = await page
    .locator('.opblock')
    .first()
    .evaluate((element) => getComputedStyle(element).borderTopStyle);
  assert.equal(border, 'solid');
  assert.deepEqual(refused, []);
  await context.close();
});
