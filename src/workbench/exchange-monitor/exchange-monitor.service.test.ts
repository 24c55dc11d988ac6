import assert from 'node:assert/strict';
import { test } from 'node:test';
import { maskPayloads, maskText } from './exchange-monitor.service.ts';

test('text is masked like an ID number on the portal: recognisable, not usable', () => {
  assert.equal(maskText('11010519491231002X'), '110***********002X');
  assert.equal(maskText('张三'), '**');
  assert.equal(maskText('欧阳娜娜'), '欧***');
  assert.equal(maskText(''), '');
});

test('only what is under a payload key is masked, at any depth', () => {
  const raw = {
    envelope: {
      type: 'realname.verify.request',
      stream: 'realname',
      payload: { name: '张三丰', nested: [{ id: '13800000001' }], n: 7 },
    },
    signature: { keyId: 'portal-1', value: 'abc' },
  };
  assert.deepEqual(maskPayloads(raw), {
    envelope: {
      type: 'realname.verify.request',
      stream: 'realname',
      payload: { name: '张**', nested: [{ id: '138****0001' }], n: 7 },
    },
    signature: { keyId: 'portal-1', value: 'abc' },
  });
});
