import assert from 'node:assert/strict';
import { test } from 'node:test';
import { advanceDelivery, type WaybillState } from './delivery.status.ts';

const apply = (events: { waybillNo: string | null; status: WaybillState['status'] }[]) =>
  events.reduce<WaybillState | undefined>(
    (state, event) => advanceDelivery(state, event) ?? state,
    undefined,
  );

test('a waybill moves forward through the courier’s steps', () => {
  const state = apply([
    { waybillNo: 'SF1', status: 'created' },
    { waybillNo: 'SF1', status: 'picked-up' },
    { waybillNo: 'SF1', status: 'in-transit' },
    { waybillNo: 'SF1', status: 'delivered' },
  ]);
  assert.deepEqual(state, { waybillNo: 'SF1', status: 'delivered' });
});

test('a late step never moves the state back, and a repeated one changes nothing', () => {
  const delivered: WaybillState = { waybillNo: 'SF1', status: 'delivered' };
  assert.equal(advanceDelivery(delivered, { waybillNo: 'SF1', status: 'in-transit' }), undefined);
  assert.equal(advanceDelivery(delivered, { waybillNo: 'SF1', status: 'delivered' }), undefined);
  const failed: WaybillState = { waybillNo: 'SF1', status: 'failed' };
  assert.equal(advanceDelivery(failed, { waybillNo: 'SF1', status: 'out-for-delivery' }), undefined);
  assert.deepEqual(advanceDelivery(failed, { waybillNo: 'SF1', status: 'delivered' }), {
    waybillNo: 'SF1',
    status: 'delivered',
  });
});

test('steps of another waybill are ignored; a new waybill replaces only a cancelled one or the hall', () => {
  const live: WaybillState = { waybillNo: 'SF1', status: 'in-transit' };
  assert.equal(advanceDelivery(live, { waybillNo: 'SF2', status: 'delivered' }), undefined);
  assert.equal(advanceDelivery(live, { waybillNo: 'SF2', status: 'created' }), undefined);
  const cancelled: WaybillState = { waybillNo: 'SF1', status: 'cancelled' };
  assert.deepEqual(advanceDelivery(cancelled, { waybillNo: 'SF2', status: 'created' }), {
    waybillNo: 'SF2',
    status: 'created',
  });
  assert.equal(advanceDelivery(cancelled, { waybillNo: 'SF1', status: 'picked-up' }), undefined);
  const hall: WaybillState = { waybillNo: null, status: 'collect-at-hall' };
  assert.equal(advanceDelivery(hall, { waybillNo: 'SF1', status: 'delivered' }), undefined);
  assert.deepEqual(advanceDelivery(hall, { waybillNo: 'SF3', status: 'created' }), {
    waybillNo: 'SF3',
    status: 'created',
  });
});
