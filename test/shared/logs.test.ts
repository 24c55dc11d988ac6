import assert from 'node:assert/strict';
import { Writable } from 'node:stream';
import { test } from 'node:test';
import pino from 'pino';
import { loggerOptions } from '../../src/shared/http/logger.ts';

test('personal data is redacted from logged objects, at the top level and nested', () => {
  const lines: string[] = [];
  const sink = new Writable({
    write(chunk, _enc, done) {
      lines.push(String(chunk));
      done();
    },
  });
  const log = pino(loggerOptions('info'), sink);
  log.info(
    {
      mobile: '13800000001',
      idNumber: '11010519491231002X',
      password: 'Quiet-Harbour-42',
      body: { code: '123456', name: '王小明' },
      citizen: { phone: '13900000002', address: '示范市示范大道1号' },
      req: { method: 'GET', url: '/account?mobile=13800000001', id: 'r1' },
    },
    'something happened',
  );
  const out = lines.join('');
  for (const secret of [
    '13800000001',
    '11010519491231002X',
    'Quiet-Harbour-42',
    '123456',
    '王小明',
    '13900000002',
    '示范大道',
  ]) {
    assert.ok(!out.includes(secret), `${secret} leaked into the log: ${out}`);
  }
  assert.match(out, /\[redacted\]/);
  assert.match(out, /"path":"\/account"/);
});
