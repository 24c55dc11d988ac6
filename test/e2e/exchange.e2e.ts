import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import type { Browser } from 'playwright-core';
import { receive } from '../../src/exchange/inbox.ts';
import { monitorBeat } from '../../src/exchange/monitor.ts';
import { sendMessage } from '../../src/exchange/outbox.ts';
import { realnameVerifyRequest } from '../../src/exchange/contracts/index.ts';
import { relayOnce } from '../../src/exchange/relay.ts';
import { keyringFrom } from '../../src/exchange/runtime.ts';
import { Keyring } from '../../src/exchange/signing.ts';
import { seedWorkbench } from '../../src/workbench/seed.ts';
import { CITY_CODE } from '../../src/workbench/org/demo-city.ts';
import { codeAt } from '../../src/workbench/staff/totp.ts';
import { startTestZone, testPublicKeys, type TestZone } from '../helpers/zones.ts';
import { makeOfficer, PASSWORD } from '../workbench/support.ts';
import { realnameRequest } from '../exchange/helpers.ts';
import {
  expectAccessibleInBothLanguages,
  launchBrowser,
  serveZone,
  type ServedZone,
  openContext,
} from './browser.ts';

let browser: Browser;
let workbench: ServedZone;
let portal: TestZone;
const keyring = keyringFrom(testPublicKeys);
// What the workbench checks with before it trusts the portal's current key (mid-rotation).
const workbenchNotYetTrusting = new Keyring().trust('workbench', testPublicKeys.workbench[0]!);
const ends = () => ({ portal: portal.database.db, workbench: workbench.database.db });

before(async () => {
  [browser, workbench, portal] = await Promise.all([
    launchBrowser(),
    serveZone('workbench'),
    startTestZone('portal'),
  ]);
  await seedWorkbench(workbench.services);
  // Traffic on the flow: three real-name requests cross.
  for (let i = 0; i < 3; i++) {
    await portal.database.db.transaction((tx) =>
      sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'realname' }),
    );
  }
  await portal.signOutbox();
  await relayOnce(
    { db: portal.database.db, zone: 'portal' },
    { db: workbench.database.db, zone: 'workbench' },
    keyring,
  );
  // And one the workbench refused because it did not trust the portal's new key yet: quarantined on receipt.
  await portal.database.db.transaction((tx) =>
    sendMessage(tx, realnameVerifyRequest, realnameRequest(), { stream: 'realname-late' }),
  );
  await portal.signOutbox();
  await relayOnce(
    { db: portal.database.db, zone: 'portal' },
    { db: workbench.database.db, zone: 'workbench' },
    keyring,
    {
      deliver: (env, sig) =>
        receive(workbench.database.db, workbenchNotYetTrusting, env, sig, { zone: 'workbench' }),
    },
  );
  await monitorBeat(ends());
});
after(async () => {
  await browser?.close();
  await workbench?.close();
  await portal?.close();
});

test('an administrator sees the flow and a quarantined message on the monitor page and releases it', async () => {
  const admin = await makeOfficer(workbench, {
    unitCode: CITY_CODE,
    role: 'administrator',
    scope: 'all',
    enrolled: true,
  });
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(workbench.url + '/exchange');
  await page.getByLabel('警号').fill(admin.badgeNo);
  await page.getByLabel('密码').fill(PASSWORD);
  await page.getByRole('button', { name: '下一步' }).click();
  await page.getByLabel('动态口令').fill(codeAt(admin.badgeNo, admin.secret!, Date.now()));
  await page.getByRole('button', { name: '登录' }).click();

  // Logging in returns to the monitor, which shows the flow and its figures.
  await page.getByRole('heading', { name: '边界交换监控' }).waitFor();
  const flows = page.getByRole('region', { name: '各流向当前状态' });
  const inbound = flows.getByRole('row', { name: /互联网区 → 公安网区/ });
  await inbound.waitFor();
  assert.match((await inbound.textContent()) ?? '', /3/);
  await expectAccessibleInBothLanguages(page, 'exchange monitor');

  // The quarantined message, and what it is.
  const quarantined = page.getByRole('region', { name: /待处理的隔离报文/ });
  await quarantined.getByText('签名无效').first().waitFor();
  await quarantined.getByRole('link', { name: /查看/ }).first().click();
  await page.getByRole('heading', { name: '隔离报文' }).waitFor();
  await page.getByText('realname-late #1').waitFor();
  await expectAccessibleInBothLanguages(page, 'quarantined message');

  // Releasing needs a reason.
  await page.getByRole('button', { name: /放行/ }).click();
  await page.getByText('请填写处理理由（4至500字）').first().waitFor();
  await page.getByLabel('处理理由').fill('发送方时钟已校正，重新检查后投递');
  await page.getByRole('button', { name: /放行/ }).click();
  await page.getByText('已提交放行').waitFor();
  await page.getByText('等待交换程序执行').first().waitFor();

  // The relay's next beat carries it out; the page then shows it released.
  await monitorBeat(ends());
  await page.reload();
  await page.getByText('已放行', { exact: true }).first().waitFor();
  await page.getByText('发送方时钟已校正，重新检查后投递').first().waitFor();

  // Back in the portal's queue, it is checked again, and this time it crosses.
  await portal.signOutbox();
  const moved = await relayOnce(
    { db: portal.database.db, zone: 'portal' },
    { db: workbench.database.db, zone: 'workbench' },
    keyring,
  );
  assert.equal(moved.delivered, 1);
  await monitorBeat(ends());
  await page.goto(workbench.url + '/exchange');
  assert.match((await inbound.textContent()) ?? '', /4/);
  await page.getByText('隔离区中没有待处理的报文。').waitFor();
  await context.close();
});
