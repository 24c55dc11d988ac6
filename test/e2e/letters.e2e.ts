import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import sharp from 'sharp';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// An anonymous tip as a visitor sends it: the hub with its 110 warning, the tip form with a point chosen on the
// map and a photo, the follow-up code shown once, and the progress read and added to with that code; axe-clean
// in both languages, JavaScript on and off.

/** A small JPEG, as a phone's camera would give (the metadata stripping itself is tested in test/portal). */
function photo(): Promise<Buffer> {
  return sharp({ create: { width: 16, height: 12, channels: 3, background: { r: 120, g: 90, b: 60 } } })
    .jpeg()
    .toBuffer();
}

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
  test(`a visitor sends an anonymous tip and follows it up by its code (JavaScript ${javaScriptEnabled ? 'on' : 'off'})`, async () => {
    const checker = await openContext(browser, { javaScriptEnabled: true, locale: 'zh-CN' });
    const check = await checker.newPage();
    const context = javaScriptEnabled
      ? checker
      : await openContext(browser, { javaScriptEnabled: false, locale: 'zh-CN' });
    const page = await context.newPage();

    await check.goto(`${portal.url}/interaction`);
    await expectAccessibleInBothLanguages(check, 'interaction hub');
    await check.goto(`${portal.url}/interaction/tip`);
    await expectAccessibleInBothLanguages(check, 'tip form');

    await page.goto(`${portal.url}/interaction`);
    assert.ok(await page.getByText('请立即拨打 110').isVisible());
    await page.getByRole('link', { name: '举报' }).first().click();
    await page.getByRole('button', { name: '提交' }).click();
    assert.ok(
      await page.locator('.error-summary').isVisible(),
      'the empty form comes back with its problems',
    );
    await page.getByLabel('涉及事项').selectOption('fire');
    await page.getByLabel('标题').fill('楼道堆放杂物');
    await page.getByLabel('您要举报什么').fill('明湖区某小区楼道堆放纸箱，堵住消防通道。');
    await page.getByLabel('地点').fill('明湖区示范路1号');
    // A click on the map sends the form back with the point, everything typed kept, and nothing sent yet.
    await page.locator('input.map-picker').click();
    assert.ok(await page.getByText(/已选定.*的地点/).isVisible(), 'the chosen point is said');
    assert.equal(await page.getByLabel('标题').inputValue(), '楼道堆放杂物');
    assert.match(await page.locator('input[name="latitude"]').inputValue(), /^\d+\.\d+$/);
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(page, 'tip form with its point');
    await page.locator('input[name="photos"]').setInputFiles({
      name: 'IMG_0001.jpg',
      mimeType: 'image/jpeg',
      buffer: await photo(),
    });
    await page.getByRole('button', { name: '提交' }).click();
    const code = (await page.locator('strong.reference').last().textContent())?.trim() ?? '';
    assert.match(code, /^[A-Z2-7]{4}(?:-[A-Z2-7]{4}){4}$/);
    if (javaScriptEnabled) await expectAccessibleInBothLanguages(page, 'tip sent');

    await page.getByRole('link', { name: '用查询码查看进度' }).click();
    await page.getByLabel('查询码').fill(code);
    await page.getByRole('button', { name: '查看进度' }).click();
    assert.ok(await page.getByRole('heading', { name: '楼道堆放杂物' }).isVisible());
    assert.ok(await page.getByText('1张（已删除拍摄位置等信息）').isVisible(), 'the photo came with the tip');
    await page.getByLabel('补充情况').fill('今天又多了几袋垃圾。');
    await page.getByRole('button', { name: '提交补充' }).click();
    assert.ok(await page.getByText('补充情况已提交').isVisible());
    assert.ok(await page.getByText('今天又多了几袋垃圾。').isVisible());

    await page.close();
    if (!javaScriptEnabled) await context.close();
    await checker.close();
  });
}
