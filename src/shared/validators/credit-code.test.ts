import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { creditCodeCheckChar, isValidCreditCode, orgCodeCheckChar, parseCreditCode } from './credit-code.ts';

// Published, verified examples; generated codes below are synthetic.
const PUBLISHED = ['91350100M000100Y43', '91230184MA1BUFLT44', '92371000MA3MXH0E3W'];
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';

test('the published examples pass both the credit-code and the organisation-code check', () => {
  for (const code of PUBLISHED) {
    assert.equal(creditCodeCheckChar(code.slice(0, 17)), code[17], code);
    assert.equal(orgCodeCheckChar(code.slice(8, 16)), code[16], code);
    assert.equal(isValidCreditCode(code), true, code);
  }
});

test('splits out the department, type and division', () => {
  assert.deepEqual(parseCreditCode(' 92371000ma3mxh0e3w '), {
    ok: true,
    value: '92371000MA3MXH0E3W',
    registrationDept: '9',
    orgType: '2',
    divisionCode: '371000',
  });
});

test('rejects bad format', () => {
  for (const bad of [
    '',
    '91350100M000100Y4',
    '91350100M000100Y433',
    '9135010OM000100Y43',
    '91350100M000100I43',
  ]) {
    assert.deepEqual(parseCreditCode(bad), { ok: false, code: 'format' }, bad);
  }
});

test('rejects a wrong check character', () => {
  assert.deepEqual(parseCreditCode('91350100M000100Y44'), { ok: false, code: 'checksum' });
});

test('rejects a broken organisation code even when the outer check is recomputed', () => {
  const body = '91350100M000100Y5';
  assert.deepEqual(parseCreditCode(body + creditCodeCheckChar(body)), { ok: false, code: 'org-checksum' });
});

const chars = (alphabet: string, n: number) =>
  fc.string({ unit: fc.constantFrom(...alphabet), minLength: n, maxLength: n });
const synthetic = fc
  .tuple(chars(ALPHABET, 2), chars('0123456789', 6), chars(ALPHABET, 8))
  .map(([head, div, org]) => {
    const first17 = head + div + org + orgCodeCheckChar(org);
    return first17 + creditCodeCheckChar(first17);
  });

test('check characters wrap 31 to 0 and 10 to X', () => {
  assert.equal(creditCodeCheckChar('00000000000000000'), '0');
  assert.equal(orgCodeCheckChar('00000000'), '0');
  assert.equal(orgCodeCheckChar('00000006'), 'X');
});

test('property: any code built with both check characters is valid', () => {
  fc.assert(fc.property(synthetic, isValidCreditCode));
});

test('property: changing any one character makes the code invalid', () => {
  const edit = fc.tuple(synthetic, fc.nat(17), fc.integer({ min: 1, max: 30 }));
  fc.assert(
    fc.property(edit, ([code, pos, shift]) => {
      const next = ALPHABET[(ALPHABET.indexOf(code[pos]!) + shift) % 31]!;
      return !isValidCreditCode(code.slice(0, pos) + next + code.slice(pos + 1));
    }),
  );
});
