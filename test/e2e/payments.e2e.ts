import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { after, before, test } from 'node:test';
import type { Page } from 'playwright-core';
import * as payments from '../../src/portal/payments/payments.repository.ts';
import { feeOf } from '../../src/workbench/case-fees/case-fees.repository.ts';
import { findCase } from '../../src/workbench/cases/cases.repository.ts';
import { pdfText } from './applications-more.support.ts';
import { expectAccessible, expectAccessibleInBothLanguages, openContext } from './browser.ts';
import {
  acceptedCertificate,
  ORDER_MINUTES,
  officerPage,
  signIn,
  startServiceJourneys,
  type ServiceJourneys,
} from './services.support.ts';

// A fee assessed by the officer in the workbench is paid by the citizen at the sandbox gateway's own checkout:
// cancelled there, failed there, left to expire, and paid with a new order; only the gateway's word (its
// signed notification, or the portal's query on his return) marks it paid. The receipt is his to download and
// anyone's to verify; a withdrawal after payment gives the money back, shown on his case.

let world: ServiceJourneys;
before(async () => {
  world = await startServiceJourneys();
});
after(() => world?.close());

/** The reviewer claims the case in the workbench and assesses its fee on the case page. */
async function assessInWorkbench(number: string, amount: string) {
  const context = await openContext(world.browser, { locale: 'zh-CN' });
  const page = await officerPage(world, context, 'SF-ZA', 'reviewer');
  await page.goto(`${world.workbench.url}/cases/${number}`);
  await page.getByRole('button', { name: '认领办理' }).click();
  await page.getByLabel('收费项目').fill('无犯罪记录证明工本费');
  await page.getByLabel('金额（元）').fill(amount);
  await page.getByRole('button', { name: '核定并通知缴费' }).click();
  await page.locator('main').getByText('待缴费').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'workbench case with a fee due');
  await context.close();
  await world.crossBothWays();
  const fee = await payments.payableOf(world.portal.services.db, 'case-fee', number);
  assert.ok(fee, 'the fee reached the portal');
  return fee;
}

/** From the fee's page to the gateway's checkout, through a new order. */
async function toCheckout(page: Page, amount: string) {
  await page.getByRole('button', { name: `缴费 ${amount}` }).click();
  await page.getByRole('link', { name: '前往收银台支付' }).click();
  await page.getByRole('heading', { name: /收银台/ }).waitFor();
}

/** The payer's choice at the checkout, then his way back to the fee's page with its message. */
async function atCheckout(page: Page, choice: RegExp, message: RegExp) {
  await page.getByRole('button', { name: choice }).click();
  await page.waitForURL(/\/my\/payments\/[0-9a-f-]{36}$/);
  await page.getByText(message).first().waitFor();
}

test('fee paid after a cancel, a failure and an expiry, receipt downloaded and verified, refunded on withdrawal', async () => {
  const { person, number } = await acceptedCertificate(world, '林缴费');
  const fee = await assessInWorkbench(number, '20.00');

  const context = await openContext(world.browser, { locale: 'zh-CN' });
  const page = await signIn(world, context, person);
  await page.goto(`${world.portal.url}/my/cases/${number}`);
  const main = page.locator('main');
  await main.getByText('本件需缴费后才能继续办理。').waitFor();
  await expectAccessibleInBothLanguages(page, 'case page, fee due');
  await main.getByRole('link', { name: '去缴费' }).click();
  await page.waitForURL(new RegExp(`/my/payments/${fee.id}$`));
  await expectAccessibleInBothLanguages(page, 'fee page, due');

  // Cancelled at the gateway: nothing taken, payable again.
  await toCheckout(page, '¥20.00');
  await expectAccessible(page, 'sandbox checkout');
  await atCheckout(page, /取消支付/, /本次支付未完成/);
  await expectAccessibleInBothLanguages(page, 'fee page after a cancelled payment');

  // The bank refuses the payment.
  await toCheckout(page, '¥20.00');
  await atCheckout(page, /模拟支付失败/, /本次支付未完成/);

  // An order left unpaid past its time is closed; the citizen starts a new one.
  await page.getByRole('button', { name: '缴费 ¥20.00' }).click();
  await page.getByRole('link', { name: '前往收银台支付' }).waitFor();
  const expiring = (await payments.ordersOfPayable(world.portal.services.db, fee.id)).find(
    (o) => o.status === 'pending',
  );
  assert.ok(expiring, 'an order waits for payment');
  world.portal.advanceClock((ORDER_MINUTES + 1) * 60_000);
  await page.reload();
  await page.getByRole('button', { name: '缴费 ¥20.00' }).waitFor();
  assert.equal(await page.getByRole('link', { name: '前往收银台支付' }).count(), 0);
  await page.goto(expiring.payUrl!);
  await page.getByText(/已过期/).waitFor();
  assert.equal(await page.getByRole('button', { name: /确认支付/ }).count(), 0, 'the old order is dead');
  await page.goto(`${world.portal.url}/my/payments/${fee.id}`);

  // Paid with a fresh order: the gateway's notification (or the query on the way back) settles it.
  await toCheckout(page, '¥20.00');
  await atCheckout(page, /确认支付/, /缴费成功|正在确认支付结果/);
  await world.gateway.notifier.runDue();
  await page.reload();
  await main.getByText('已缴费').first().waitFor();
  const orders = await payments.ordersOfPayable(world.portal.services.db, fee.id);
  assert.equal(orders.length, 4, 'four orders: cancelled, failed, expired, paid');
  // The expired one is left as the portal last knew it (paying again is a new order); only one is paid.
  assert.deepEqual(
    orders.map((o) => [o.orderNo === expiring.orderNo ? 'expired' : 'other', o.status]).sort(),
    [
      ['expired', 'pending'],
      ['other', 'closed'],
      ['other', 'closed'],
      ['other', 'paid'],
    ],
  );
  await expectAccessibleInBothLanguages(page, 'fee page, paid');

  // The receipt: a PDF naming the case and the amount, whose code anyone can check.
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    main.getByRole('link', { name: /下载缴费凭证/ }).click(),
  ]);
  const bytes = await readFile((await download.path())!);
  assert.equal(bytes.subarray(0, 5).toString(), '%PDF-');
  const text = await pdfText(bytes);
  assert.ok(text.includes(number), 'the receipt names the case');
  assert.ok(text.includes('20.00'), 'and the amount');
  const receipt = await payments.receiptOfPayable(world.portal.services.db, fee.id);
  assert.ok(receipt);
  const verify = await context.newPage();
  await verify.goto(`${world.portal.url}/payments/verify/${receipt.verificationCode}`);
  await verify.getByText(receipt.receiptNo).first().waitFor();
  await expectAccessibleInBothLanguages(verify, 'receipt check');
  await verify.close();

  // Reported to the workbench: the case's fee is paid there.
  await world.crossBothWays();
  assert.equal((await feeOf(world.workbench.services.db, number))?.status, 'paid');

  // Withdrawn after payment: the fee goes back, and the case says so.
  await page.goto(`${world.portal.url}/my/cases/${number}`);
  await main.getByRole('link', { name: '撤回申请' }).click();
  await page.getByLabel(/撤回原因/).fill('已不需要');
  await page.getByRole('button', { name: '确认撤回' }).click();
  await main.getByText('已提交撤回申请').first().waitFor();
  await world.crossBothWays();
  assert.equal((await findCase(world.workbench.services.db, number))?.state, 'withdrawn');
  await world.portal.drainJobs();
  const paid = orders.find((o) => o.status === 'paid')!;
  const atGateway = world.gateway.store.byOrderNo('SF-PSB', paid.orderNo);
  assert.equal(world.gateway.store.refunded(atGateway!), 2000, 'the gateway paid it back once');
  await page.reload();
  await main.locator('#case-fee').locator('..').getByText('已退款').first().waitFor();
  await expectAccessibleInBothLanguages(page, 'case page, refunded');
  await context.close();
});

test('with JavaScript off: the fee paid at the checkout and the receipt offered', async () => {
  const { person, number } = await acceptedCertificate(world, '陈缴费');
  const fee = await assessInWorkbench(number, '35.50');
  const context = await openContext(world.browser, { locale: 'zh-CN', javaScriptEnabled: false });
  const page = await signIn(world, context, person);
  await page.goto(`${world.portal.url}/my/payments`);
  await page.getByRole('link', { name: '无犯罪记录证明工本费' }).click();
  await page.waitForURL(new RegExp(`/my/payments/${fee.id}$`));
  await toCheckout(page, '¥35.50');
  await atCheckout(page, /确认支付/, /缴费成功|正在确认支付结果/);
  await world.gateway.notifier.runDue();
  await page.reload();
  const main = page.locator('main');
  await main.getByText('已缴费').first().waitFor();
  await main.getByRole('link', { name: /下载缴费凭证/ }).waitFor();
  await page.goto(`${world.portal.url}/my/payments`);
  await main.getByText('已缴费').first().waitFor();
  // axe needs scripts: the list is checked again in a scripted context of the same person.
  const scripted = await openContext(world.browser, { locale: 'zh-CN' });
  const checker = await signIn(world, scripted, person);
  await checker.goto(`${world.portal.url}/my/payments`);
  await expectAccessibleInBothLanguages(checker, 'my payments');
  await scripted.close();
  await context.close();
});
