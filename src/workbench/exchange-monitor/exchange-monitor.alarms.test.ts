import assert from 'node:assert/strict';
import { test } from 'node:test';
import { DEMO_DUTY_MOBILE, dutyMobile } from './exchange-monitor.alarms.ts';

test('the duty mobile comes from the environment when it is a mobile number, else the demo number', () => {
  assert.equal(dutyMobile({ EXCHANGE_DUTY_MOBILE: '13912345678' }), '13912345678');
  assert.equal(dutyMobile({ EXCHANGE_DUTY_MOBILE: 'call Bob' }), DEMO_DUTY_MOBILE);
  assert.equal(dutyMobile({}), DEMO_DUTY_MOBILE);
});
