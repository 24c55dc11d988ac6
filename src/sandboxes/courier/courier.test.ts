import assert from 'node:assert/strict';
import { test } from 'node:test';
import { GatewayNotifier } from '../payment-gateway/gateway.notifier.ts';
import { newEd25519Pem } from '../payment-gateway/index.ts';
import { privateKeyOf } from '../../shared/crypto/payment-signature.ts';
import { advanceWaybills } from './courier.app.ts';
import { CourierStore } from './courier.store.ts';

const party = { name: '李示范', phone: '13800000000', address: '示范市中心区示范路1号' };

test('the sandbox moves a waybill one step per interval on its own, and sends each step back', async () => {
  let now = new Date('2026-12-06T08:00:00Z');
  const posted: string[] = [];
  const notifier = new GatewayNotifier(
    privateKeyOf(newEd25519Pem()),
    () => now,
    async (_url, body) => {
      posted.push((JSON.parse(body) as { status: string }).status);
      return 200;
    },
  );
  const store = new CourierStore();
  const waybill = store.add({
    clientId: 'SF-PSB',
    orderNo: 'SF-ZA-20261206-000001-1',
    sender: party,
    recipient: party,
    notifyUrl: 'http://portal.invalid/delivery/notify',
    createdAt: now,
  });
  assert.match(waybill.waybillNo, /^SF\d{12}$/);
  assert.equal(advanceWaybills(store, notifier, now, 30_000), 0, 'not before the interval');
  const seen: string[] = [];
  for (let i = 0; i < 6; i++) {
    now = new Date(now.getTime() + 30_000);
    advanceWaybills(store, notifier, now, 30_000);
    await notifier.runDue();
    seen.push(waybill.status);
  }
  assert.deepEqual(seen, [
    'picked-up',
    'in-transit',
    'out-for-delivery',
    'delivered',
    'delivered',
    'delivered',
  ]);
  assert.deepEqual(
    posted,
    ['picked-up', 'in-transit', 'out-for-delivery', 'delivered'],
    'one callback per step',
  );
});
