import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { sql } from 'drizzle-orm';
import sharp from 'sharp';
import { rows } from '../../src/shared/db/database.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { makeOfficer, PASSWORD, type Officer } from '../workbench/support.ts';
import {
  expectAccessible,
  expectAccessibleWithoutScripts,
  launchBrowser,
  openContext,
  serveZone,
  type ServedZone,
} from './browser.ts';

// In Chromium: the editor writes two paragraphs, puts the cursor between them and uploads a picture with its
// alternative text; the picture's line lands there, on a line of its own, without the page reloading or losing
// what was typed, and the picture joins the list beside the body. Its insert button puts it into the English
// body where that cursor is. Without scripts, the upload redirects to the editor showing the form with the line
// at the end of the body and everything typed kept; a reload of that page uploads nothing again. The editor is checked with axe in both languages and, with SHOTS_DIR set,
// photographed at 1366 and 390 px in Chinese and English.

let browser: Browser;
let workbench: ServedZone;
let editor: Officer;
let picture: string;

before(async () => {
  [browser, workbench] = await Promise.all([launchBrowser(), serveZone('workbench')]);
  await seedWorkbench(workbench.services);
  editor = await makeOfficer(workbench, { unitCode: 'SF-D01', role: 'content-editor', enrolled: true });
  const { mkdtemp, writeFile } = await import('node:fs/promises');
  const { tmpdir } = await import('node:os');
  const dir = await mkdtemp(`${tmpdir()}/pictures-`);
  picture = `${dir}/patrol.png`;
  await writeFile(
    picture,
    await sharp({ create: { width: 320, height: 200, channels: 3, background: '#1d4f91' } })
      .png()
      .toBuffer(),
  );
});
after(async () => {
  await browser?.close();
  await workbench?.close();
});

// On the zone's clock, which a later sign-in moves on a time step, as a code is taken once only.
const codeFor = (secret: string) =>
  new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret) }).generate({
    timestamp: workbench.services.now().getTime(),
  });

async function logIn(page: Page): Promise<void> {
  await page.goto(workbench.url + '/staff/login');
  await page.getByLabel('警号').fill(editor.badgeNo);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('动态口令').fill(codeFor(editor.secret ?? ''));
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
}

async function newArticle(page: Page, title: string): Promise<string> {
  await page.goto(workbench.url + '/content/new');
  await page.getByLabel('栏目').selectOption('police-news');
  await page.getByLabel('发布单位').selectOption('SF-D01');
  await page.getByLabel('标题').fill(title);
  await page.getByRole('button', { name: '创建草稿' }).click();
  await page.getByText('草稿已创建，请填写正文。').waitFor();
  return page.url();
}

const LINE = /!\[新巡逻车停在分局门前\]\(\/media\/content\/[0-9a-f]{32}\.png\)/;

test(
  'a picture uploaded goes where the cursor is; its insert button too; without scripts at the end',
  { timeout: 150_000 },
  async () => {
    const context = await openContext(browser, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await logIn(page);
    const url = await newArticle(page, '新警用巡逻车投入使用');

    const body = page.getByLabel('正文', { exact: true });
    await body.fill('第一段：新车今日列装。\n第二段：巡逻范围扩大。');
    // The cursor goes to the start of the second line, as a click there would put it.
    await body.evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('第二段');
      el.focus();
      el.setSelectionRange(at, at);
    });
    await page.getByLabel('替代文字').fill('新巡逻车停在分局门前');
    await page.getByLabel('图片文件').setInputFiles(picture);
    await page.getByRole('button', { name: '上传并插入' }).click();
    await page.getByRole('status').filter({ hasText: '图片已插入光标处' }).waitFor();
    const value = await body.inputValue();
    assert.match(
      value,
      new RegExp(`^第一段：新车今日列装。\\n\\n${LINE.source}\\n\\n第二段：巡逻范围扩大。$`),
    );
    assert.equal(page.url(), url, 'the page did not reload');
    assert.equal(await page.getByLabel('替代文字').inputValue(), '', 'ready for the next picture');
    const insert = page.getByRole('button', { name: '插入图片：新巡逻车停在分局门前' });
    await insert.waitFor();

    // The insert button puts it where the English body's cursor is.
    await page.getByLabel('英文标题').fill('New patrol cars');
    const bodyEn = page.getByLabel('英文正文');
    await bodyEn.fill('New cars today.');
    await insert.click();
    assert.match(await bodyEn.inputValue(), new RegExp(`^New cars today\\.\\n\\n${LINE.source}\\n$`));
    await page.getByRole('button', { name: '保存草稿' }).click();
    await page.getByText('第1版草稿已保存。').waitFor();
    assert.match(
      await page.locator('.article-body').innerHTML(),
      /<img src="\/media\/content\/[0-9a-f]{32}\.png" alt="新巡逻车停在分局门前"/,
    );
    await expectAccessible(page, 'editor with a picture [zh]');
    const shots = process.env.SHOTS_DIR;
    for (const lang of ['zh', 'en'] as const)
      for (const width of [1366, 390]) {
        const view = await context.newPage();
        await view.setViewportSize({ width, height: 900 });
        await view.goto(`${url}?lang=${lang}`);
        if (lang === 'en' && width === 1366) await expectAccessible(view, 'editor with a picture [en]');
        const overflow = await view.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
        assert.ok(overflow <= 0, `the editor fits ${width}px (overflows by ${overflow}px)`);
        if (shots) {
          // Where the body and the pictures are side by side (one above the other on a phone).
          await view.evaluate(() => document.getElementById('field-body')?.scrollIntoView());
          await view.screenshot({ path: `${shots}/content-pictures-${width}-${lang}.png` });
          if (width === 390) {
            await view.evaluate(() => document.getElementById('images')?.scrollIntoView());
            await view.screenshot({ path: `${shots}/content-pictures-${width}-${lang}-list.png` });
          }
        }
        await view.close();
      }
    // The same officer's session, so the one-time code is not asked for twice in its time step.
    const session = await context.storageState();
    await context.close();

    // Without scripts: the form comes back with the picture at the end of the body and the typing kept.
    const plain = await openContext(browser, {
      locale: 'zh-CN',
      javaScriptEnabled: false,
      storageState: session,
    });
    const page2 = await plain.newPage();
    const address2 = await newArticle(page2, '警营开放日');
    await page2.locator('#field-summary').fill('欢迎市民参观。');
    await page2.getByLabel('正文', { exact: true }).fill('开放日定于周六。');
    await page2.getByLabel('替代文字').fill('新巡逻车停在分局门前');
    await page2.getByLabel('图片文件').setInputFiles(picture);
    await page2.getByRole('button', { name: '上传并插入' }).click();
    await page2.getByText('图片已上传，并插入正文末尾。').waitFor();
    assert.match(
      await page2.getByLabel('正文', { exact: true }).inputValue(),
      new RegExp(`^开放日定于周六。\\n\\n${LINE.source}\\n$`),
    );
    assert.equal(await page2.locator('#field-summary').inputValue(), '欢迎市民参观。');
    // Post, redirect, get: the page is the editor's own address with the kept form, so a reload reads it again
    // and uploads nothing; the body still shows the picture once.
    assert.match(page2.url(), new RegExp(`^${address2.replace(/[.?]/g, '\\$&')}\\?draft=[0-9a-f-]{36}$`));
    const articleId = Number(/\/content\/(\d+)/.exec(address2)?.[1]);
    const uploads = async () =>
      Number(
        rows<{ n: number | string }>(
          await workbench.services.db.execute(
            sql`select count(*) as n from audit_log where action = 'content.image.upload' and target = ${`content:${articleId}`}`,
          ),
        )[0]?.n,
      );
    assert.equal(await uploads(), 1);
    const reload = await page2.reload();
    assert.equal(reload?.request().method(), 'GET');
    const reloaded = await page2.getByLabel('正文', { exact: true }).inputValue();
    assert.equal(reloaded.match(new RegExp(LINE.source, 'g'))?.length, 1, reloaded);
    assert.match(reloaded, /^开放日定于周六。\n\n/);
    assert.equal(await page2.locator('#field-summary').inputValue(), '欢迎市民参观。');
    assert.equal(await uploads(), 1, 'the reload uploaded nothing');
    const keptAddress = page2.url();
    assert.equal(await page2.getByRole('button', { name: '插入图片：新巡逻车停在分局门前' }).count(), 1);
    // The same picture, uploaded before to another article, is listed here too: this article shows it.
    await page2.getByRole('button', { name: '插入图片：新巡逻车停在分局门前' }).waitFor();
    // The form as the post brought it back, without scripts; and the editor in English.
    await expectAccessibleWithoutScripts(page2, 'editor after a no-script upload [zh]');
    if (shots)
      await page2.screenshot({ path: `${shots}/content-pictures-noscript-1366-zh.png`, fullPage: true });
    await page2.goto(`${address2}?lang=en`);
    await page2.getByRole('heading', { name: 'Pictures', exact: true }).waitFor();
    await expectAccessibleWithoutScripts(page2, 'editor [en]');
    // An unsaved form no longer kept (or never this officer's): the saved article, with a notice.
    const expired = `${address2}?draft=00000000-0000-4000-8000-000000000000`;
    await page2.goto(`${expired}&lang=en`);
    await page2.getByText('That unsaved form is no longer kept').waitFor();
    assert.equal(await page2.getByLabel('Body', { exact: true }).inputValue(), '');
    await expectAccessibleWithoutScripts(page2, 'editor, unsaved form gone [en]');
    if (shots)
      for (const [name, address] of [
        ['kept', keptAddress],
        ['gone', expired],
      ] as const)
        for (const lang of ['zh', 'en'] as const)
          for (const width of [1366, 390]) {
            await page2.setViewportSize({ width, height: 900 });
            await page2.goto(`${address}&lang=${lang}`);
            await page2.screenshot({ path: `${shots}/content-draft-${name}-${width}-${lang}.png` });
          }
    await plain.close();
  },
);

test(
  'an exhibit’s picture is chosen from the unit’s pictures by their thumbnails, with or without scripts',
  { timeout: 150_000 },
  async () => {
    workbench.advanceClock(60_000);
    const context = await openContext(browser, { locale: 'zh-CN', viewport: { width: 1366, height: 900 } });
    const page = await context.newPage();
    await logIn(page);
    await page.goto(workbench.url + '/content/new');
    await page.getByLabel('栏目').selectOption('museum-exhibits');
    await page.getByLabel('发布单位').selectOption('SF-D01');
    await page.getByLabel('标题').fill('老式对讲机');
    await page.getByRole('button', { name: '创建草稿' }).click();
    await page.getByText('草稿已创建，请填写正文。').waitFor();
    const address = page.url();
    await page.getByLabel('替代文字', { exact: true }).fill('一部黑色对讲机');
    // A picture of its own: the same bytes would be the first test's picture, with that one's text.
    await page.getByLabel('图片文件').setInputFiles({
      name: 'radio.png',
      mimeType: 'image/png',
      buffer: await sharp({ create: { width: 240, height: 160, channels: 3, background: '#4a3b2c' } })
        .png()
        .toBuffer(),
    });
    await page.getByRole('button', { name: '上传并插入' }).click();
    await page.getByRole('status').filter({ hasText: '图片已插入光标处' }).waitFor();
    const session = await context.storageState();
    await context.close();

    const shots = process.env.SHOTS_DIR;
    for (const javaScriptEnabled of [true, false]) {
      for (const [width, height] of [
        [1366, 900],
        [390, 844],
      ] as const) {
        const view = await openContext(browser, {
          locale: 'zh-CN',
          javaScriptEnabled,
          viewport: { width, height },
          storageState: session,
        });
        const editorPage = await view.newPage();
        for (const lang of ['zh', 'en'] as const) {
          await editorPage.goto(`${address}?lang=${lang}`);
          // The picture's alternative text names its choice, in either language.
          await editorPage.getByRole('radio', { name: '一部黑色对讲机' }).waitFor({ state: 'attached' });
          if (javaScriptEnabled && width === 1366)
            await expectAccessible(editorPage, `exhibit picture choice [${lang}]`);
          if (!javaScriptEnabled && width === 390)
            await expectAccessibleWithoutScripts(editorPage, `exhibit picture choice [${lang}]`);
          if (shots) {
            await editorPage.locator('#field-image').scrollIntoViewIfNeeded();
            await editorPage.screenshot({
              path: `${shots}/exhibit-picture-${width}-${lang}${javaScriptEnabled ? '' : '-noscript'}.png`,
            });
          }
        }
        await view.close();
      }
    }

    // Chosen by keyboard without scripts, and kept after saving.
    const plain = await openContext(browser, {
      locale: 'zh-CN',
      javaScriptEnabled: false,
      storageState: session,
    });
    const page2 = await plain.newPage();
    await page2.goto(address);
    await page2.getByRole('radio', { name: '一部黑色对讲机' }).focus();
    await page2.keyboard.press('Space');
    await page2.getByRole('button', { name: '保存草稿' }).click();
    await page2.getByRole('radio', { name: '一部黑色对讲机' }).waitFor({ state: 'attached' });
    assert.ok(await page2.getByRole('radio', { name: '一部黑色对讲机' }).isChecked());
    await plain.close();
  },
);
