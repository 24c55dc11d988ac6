import { createServer } from 'node:net';
import { after, before, test } from 'node:test';
import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { citizens } from '../../src/portal/db/schema.ts';
import { DEMO_CITIZEN, seedPortal } from '../../src/portal/seed.ts';
import { publicKeyPem } from '../../src/shared/secrets.ts';
import {
  newEd25519Pem,
  startPaymentSandbox,
  type PaymentSandbox,
} from '../../src/sandboxes/payment-gateway/index.ts';
import { DEMO_RESIDENT, seedRegistry } from '../../src/workbench/registry/registry.seed.ts';
import { seedTraffic } from '../../src/workbench/traffic/traffic.seed.ts';
import { units } from '../../src/workbench/db/schema.ts';
import { demoCityUnits } from '../../src/workbench/org/demo-city.ts';
import { joinZones, type Boundary } from '../helpers/boundary.ts';
import { startTestZone, type TestZone } from '../helpers/zones.ts';
import { expectAccessibleInBothLanguages, launchBrowser, openContext } from './browser.ts';

// 我的交通违法 in a real browser: the demo citizen (verified as the demo resident) looks up his vehicles'
// violations, opens the red-light one with its camera picture, accepts the decision, pays the fine at the
// sandbox gateway's own checkout, and sees it settled once payment.settled has crossed to the police zone.

let browser: Browser;
let portal: TestZone;
let portalUrl: string;
let workbench: TestZone;
let sandbox: PaymentSandbox;
let boundary: Boundary;

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  await new Promise((resolve) => server.close(resolve));
  return typeof address === 'object' && address ? address.port : 0;
}

/** Both zones sign, the relay carries, both take in; twice, for a request and its answer. */
const cross = () => boundary.crossBothWays(2);

before(async () => {
  const gatewayKey = newEd25519Pem();
  const merchantKey = newEd25519Pem();
  const port = await freePort();
  portalUrl = `http://127.0.0.1:${port}`;
  sandbox = await startPaymentSandbox({
    port: 0,
    gatewayKeyPem: gatewayKey,
    merchants: { 'SF-PSB': publicKeyPem(merchantKey) },
    // Notifications reach the portal through inject(), as the payment tests do.
    post: async (url, body, headers) =>
      (await portal.app.inject({ method: 'POST', url: new URL(url).pathname, payload: body, headers }))
        .statusCode,
  });
  [browser, portal, workbench] = await Promise.all([
    launchBrowser(),
    startTestZone('portal', {
      env: {
        PAYMENT_GATEWAY_URL: sandbox.url,
        PAYMENT_MERCHANT_KEY: merchantKey,
        PAYMENT_GATEWAY_PUBLIC_KEY: publicKeyPem(gatewayKey),
        PUBLIC_PORTAL_URL: portalUrl,
      },
    }),
    startTestZone('workbench'),
  ]);
  await (portal.app as FastifyInstance).listen({ host: '127.0.0.1', port });
  await seedPortal(portal.services);
  await seedRegistry(workbench.services, 20);
  // The vehicle office (SF-JJ) the demo vehicles are registered at.
  await workbench.services.db.insert(units).values(demoCityUnits()).onConflictDoNothing();
  await seedTraffic(workbench.services);
  // The demo citizen has passed his real-name check as the demo resident (test/e2e/realname.e2e.ts walks it).
  const { sealer } = portal.services;
  await portal.services.db
    .update(citizens)
    .set({
      realName: DEMO_RESIDENT.name,
      idNumberSealed: sealer.seal(DEMO_RESIDENT.idNumber),
      idNumberHash: sealer.lookupHash(DEMO_RESIDENT.idNumber),
      idNumberMasked: `${DEMO_RESIDENT.idNumber.slice(0, 3)}***`,
      realNameStatus: 'verified',
    })
    .where(eq(citizens.mobile, DEMO_CITIZEN.mobile));
  boundary = joinZones(portal, workbench);
});
after(async () => {
  await boundary?.relay.stop();
  await browser?.close();
  await sandbox?.close();
  await Promise.all([portal?.close(), workbench?.close()]);
});

test('an owner looks up his violations, accepts the decision and pays the fine', async () => {
  const context = await openContext(browser, { locale: 'zh-CN' });
  const page = await context.newPage();
  await page.goto(portalUrl + '/login');
  await page.getByLabel('手机号码').fill(DEMO_CITIZEN.mobile);
  await page.getByLabel('密码').fill(DEMO_CITIZEN.password);
  await page.getByRole('button', { name: '登录' }).click();
  await page.getByRole('heading', { name: '我的账号' }).waitFor();

  await page.getByRole('link', { name: '我的交通违法' }).click();
  await page.getByRole('button', { name: '查询我的交通违法' }).click();
  await page.getByText('正在向公安交通管理部门查询').waitFor();
  await expectAccessibleInBothLanguages(page, 'traffic lookup under way');
  await cross();
  await page.getByRole('link', { name: '刷新' }).click();
  await page.getByRole('cell', { name: '示A12345' }).first().waitFor();
  await expectAccessibleInBothLanguages(page, 'traffic violations listed');

  // The red light: place, picture, points and fine; accepting without the confirmation keeps the page.
  await page
    .getByRole('row', { name: /驾驶机动车违反道路交通信号灯通行/ })
    .getByRole('link')
    .click();
  await page.getByText('示范大道与滨江路交叉口').waitFor();
  await page.getByRole('img', { name: /电子监控抓拍照片/ }).waitFor();
  await expectAccessibleInBothLanguages(page, 'one violation');
  await page.getByRole('button', { name: '接受处理' }).click();
  await page.getByText('请确认您对违法事实无异议').first().waitFor();
  await page.getByLabel(/我已核对违法时间/).check();
  await page.getByRole('button', { name: '接受处理' }).click();
  await page.getByText('已提交接受处理').first().waitFor();
  await cross();
  await page.reload();
  await page.getByText('已处理，待缴款').waitFor();

  await page.getByRole('link', { name: '去缴款' }).click();
  await page.getByRole('button', { name: /缴费 ¥200\.00/ }).click();
  await page.getByRole('link', { name: '前往收银台支付' }).click();
  await page.getByRole('button', { name: /确认支付/ }).click();
  await sandbox.notifier.runDue();
  await page.waitForURL(/\/my\/payments\//);
  await page.getByText('已缴费').first().waitFor();
  await cross();
  await page.getByRole('link', { name: '交通违法' }).click();
  await page.getByText('本条违法已处理完毕').waitFor();
  await expectAccessibleInBothLanguages(page, 'violation paid');
  await context.close();
});
