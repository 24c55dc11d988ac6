import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidMobile, maskMobile, parseMobile } from './mobile.ts';

test('normalises country prefixes and separators to 11 digits', () => {
  for (const input of [
    '13812345678',
    '+8613812345678',
    '008613812345678',
    ' 138 1234 5678 ',
    '138-1234-5678',
  ]) {
    assert.deepEqual(parseMobile(input), { ok: true, value: '13812345678' }, input);
  }
});

test('accepts the newer 19x ranges', () => {
  for (const input of ['19012345678', '19212345678', '19612345678', '19712345678']) {
    assert.equal(isValidMobile(input), true, input);
  }
});

test('rejects other shapes', () => {
  for (const bad of [
    '',
    '12812345678',
    '1381234567',
    '138123456789',
    '+85213812345678',
    '8613812345678',
    '1381234567a',
  ]) {
    assert.deepEqual(parseMobile(bad), { ok: false, code: 'format' }, bad);
  }
});

test('masks the middle four digits', () => {
  assert.equal(maskMobile('13812345678'), '138****5678');
  assert.equal(maskMobile('+86 138 1234 5678'), '138****5678');
  assert.equal(maskMobile('12345'), '*****');
});

test('property: every 1[3-9] number with or without a prefix is valid', () => {
  const digit = fc.constantFrom(...'0123456789');
  const body = fc.tuple(
    fc.constantFrom(...'3456789'),
    fc.string({ unit: digit, minLength: 9, maxLength: 9 }),
  );
  fc.assert(
    fc.property(body, fc.constantFrom('', '+86', '0086'), ([second, rest], prefix) => {
      const number = `1${second}${rest}`;
      const r = parseMobile(prefix + number);
      return r.ok && r.value === number;
    }),
  );
});
