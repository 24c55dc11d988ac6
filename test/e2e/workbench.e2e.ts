import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import * as OTPAuth from 'otpauth';
import type { Browser, Page } from 'playwright-core';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import {
  expectAccessible,
  expectAccessibleInBothLanguages,
  launchBrowser,
  serveZone,
  type ServedZone,
  openContext,
} from './browser.ts';

let browser: Browser;
let workbench: ServedZone;

before(async () => {
  [browser, workbench] = await Promise.all([launchBrowser(), serveZone('workbench')]);
  await seedWorkbench(workbench.services);
});
after(async () => {
  await browser?.close();
  await workbench?.close();
});

function codeFor(secret: string, offsetSteps = 0): string {
  const totp = new OTPAuth.TOTP({ secret: OTPAuth.Secret.fromBase32(secret.replaceAll(' ', '')) });
  return totp.generate({ timestamp: Date.now() + offsetSteps * 30_000 });
}

/** First login: password, then enrolment of the authenticator from the key shown on the page. */
async function firstLogin(page: Page, badge: string, password: string, check: boolean): Promise<string> {
  await page.goto(workbench.url + '/');
  await page.getByLabel('警号').fill(badge);
  await page.getByLabel('密码').fill(password);
  if (check) await expectAccessibleInBothLanguages(page, 'staff login');
  await page.getByRole('button', { name: '下一步' }).click();
  const secret = (await page.locator('.totp-secret').textContent()) ?? '';
  assert.match(secret, /[A-Z2-7]/);
  if (check) await expectAccessibleInBothLanguages(page, 'authenticator enrolment');
  await page.getByLabel('动态口令').fill(codeFor(secret));
  await page.getByRole('button', { name: '完成绑定并登录' }).click();
  await page.getByRole('heading', { name: '待办事项' }).waitFor();
  return secret;
}

test('an administrator enrols TOTP, creates a staff account, and the new officer logs in with his own code', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  const secret = await firstLogin(page, 'admin', 'Shifan-Police-26', true);
  await expectAccessibleInBothLanguages(page, 'workbench home');

  await page.goto(workbench.url + '/staff');
  await expectAccessibleInBothLanguages(page, 'staff list');
  await page.goto(workbench.url + '/staff/new');
  await page.getByRole('button', { name: '创建账号' }).click();
  await page.getByText('请输入警号').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'new staff with errors');
  await page.getByLabel('警号').fill('SF5001');
  await page.getByLabel('姓名').fill('赵示范');
  await page.getByLabel('所在单位').selectOption('SF-D01-P01');
  await page.getByLabel('初始密码').fill('Start-Lantern-2026');
  await page.getByLabel('角色').selectOption('reviewer');
  await page.getByLabel('本单位', { exact: true }).check();
  await page.getByRole('button', { name: '创建账号' }).click();
  await page.getByText('SF5001').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'staff detail');

  await page.goto(workbench.url + '/org');
  await expectAccessibleInBothLanguages(page, 'organisation');
  await page.goto(workbench.url + '/audit');
  await page.getByText('SF5001').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'audit log');

  // The new officer, in a browser of his own and without JavaScript.
  const officerContext = await openContext(browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const officer = await officerContext.newPage();
  await firstLogin(officer, 'SF5001', 'Start-Lantern-2026', false);
  await officerContext.close();

  // Back as the administrator on a fresh login: a code from the enrolled secret works.
  const again = await openContext(browser, { locale: 'zh-CN' });
  const second = await again.newPage();
  await second.goto(workbench.url + '/staff/login');
  await second.getByLabel('警号').fill('admin');
  await second.getByLabel('密码').fill('Shifan-Police-26');
  await second.getByRole('button', { name: '下一步' }).click();
  // The enrolment code's step is used up; the next step's code is the one a phone would show next.
  await second.getByLabel('动态口令').fill(codeFor(secret, 1));
  await second.getByRole('button', { name: '登录' }).click();
  await second.getByRole('heading', { name: '待办事项' }).waitFor();
  await again.close();
  await context.close();
});

test('an officer is warned before an idle timeout, can stay signed in, and is told when it has ended', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  const idle = workbench.services.sessionIdleMs;
  try {
    await firstLogin(page, 'SF3001', 'Shifan-Police-26', false);
    // Two minutes and a few seconds: the warning is due a few seconds after the page loads.
    workbench.services.sessionIdleMs = 125_000;
    await page.goto(workbench.url + '/audit');
    const warning = page.getByText('您已较长时间未操作');
    await warning.waitFor();
    assert.equal(await page.locator('.session-timeout').getAttribute('role'), 'alert');
    await expectAccessible(page, 'idle-timeout warning');
    await page.getByRole('button', { name: '继续使用' }).click();
    await warning.waitFor({ state: 'hidden' });

    // Typing counts as activity: when the warning falls due again, the session is extended without it.
    const quietly = page.waitForRequest((r) => r.url().endsWith('/session/keepalive'), { timeout: 15_000 });
    await page.locator('main input:not([type=hidden])').first().fill('SF');
    await quietly;
    assert.equal(await page.locator('.session-timeout').isHidden(), true);

    // Three seconds left: the warning, then the notice that the session has ended, with a way back.
    workbench.services.sessionIdleMs = 3_000;
    await page.reload();
    await page.getByText('由于长时间未操作，已自动退出登录。').waitFor({ timeout: 10_000 });
    await expectAccessible(page, 'idle timeout ended');
    await page.getByRole('link', { name: '重新登录' }).click();
    await page.getByText('由于长时间未操作，为保护您的信息安全，已自动退出登录').waitFor();
    assert.match(page.url(), /\/staff\/login\?next=%2Faudit&expired=1$/);
    await expectAccessible(page, 'login after an idle timeout');
  } finally {
    workbench.services.sessionIdleMs = idle;
    await context.close();
  }
});
