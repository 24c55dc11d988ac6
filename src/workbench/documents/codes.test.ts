import assert from 'node:assert/strict';
import { test } from 'node:test';
import { chineseDate } from './chinese-date.ts';
import { base32, documentNumber, maskName, VERIFICATION_CODE, verificationCode } from './codes.ts';

test('base32 follows RFC 4648 without padding', () => {
  assert.equal(base32(Buffer.from('')), '');
  assert.equal(base32(Buffer.from('f')), 'MY');
  assert.equal(base32(Buffer.from('fo')), 'MZXQ');
  assert.equal(base32(Buffer.from('foobar')), 'MZXW6YTBOI');
  assert.equal(base32(new Uint8Array(16).fill(0xff)), '7'.repeat(25) + '4');
  assert.equal(base32(new Uint8Array(16)), 'A'.repeat(26));
});

test('verification codes are 26 base32 characters and do not repeat over 10,000', () => {
  const seen = new Set<string>();
  for (let i = 0; i < 10_000; i++) {
    const code = verificationCode();
    assert.match(code, VERIFICATION_CODE);
    seen.add(code);
  }
  assert.equal(seen.size, 10_000);
  // 128 random bits: the last character carries three of them, so it is one of A, E, I, M, Q, U, Y, 4.
  const lasts = new Set([...seen].map((code) => code.at(-1)));
  assert.ok([...lasts].every((c) => 'AEIMQUY4'.includes(c ?? '')));
  assert.equal(lasts.size, 8);
});

test('document numbers: unit, kind word, Beijing year and a six-digit sequence', () => {
  const date = new Date('2026-12-06T02:00:00Z');
  assert.equal(documentNumber('acceptance-notice', 'SF-ZA', date, 123), 'SF-ZA-受字〔2026〕第000123号');
  assert.equal(documentNumber('supplement-notice', 'SF-ZA', date, 1), 'SF-ZA-补字〔2026〕第000001号');
  assert.equal(
    documentNumber('non-acceptance-decision', 'SF-CRJ-01', date, 999_999),
    'SF-CRJ-01-不受字〔2026〕第999999号',
  );
  assert.equal(documentNumber('approval-decision', 'SF-ZA', date, 5), 'SF-ZA-许准字〔2026〕第000005号');
  assert.equal(documentNumber('refusal-decision', 'SF-ZA', date, 5), 'SF-ZA-许不字〔2026〕第000005号');
  assert.equal(documentNumber('certificate', 'SF-ZA', date, 5), 'SF-ZA-证字〔2026〕第000005号');
  assert.equal(documentNumber('pre-approval-notice', 'SF-ZA', date, 5), 'SF-ZA-预字〔2026〕第000005号');
  // 01:00 on New Year's Day in Beijing is still the old year in UTC.
  assert.equal(
    documentNumber('certificate', 'SF-ZA', new Date('2026-12-31T17:00:00Z'), 1),
    'SF-ZA-证字〔2027〕第000001号',
  );
});

test('document numbers refuse a bad unit code, a bad sequence and anything over 64 characters', () => {
  const date = new Date('2026-12-06T02:00:00Z');
  for (const unit of ['sf-za', 'SF', 'SF-', '示范-ZA', 'SF-ZA-'])
    assert.throws(() => documentNumber('certificate', unit, date, 1), RangeError, unit);
  for (const seq of [0, -1, 1.5, 1_000_000, Number.NaN])
    assert.throws(() => documentNumber('certificate', 'SF-ZA', date, seq), RangeError, String(seq));
  const longest = `SF-${'A'.repeat(64 - 'SF--不受字〔2026〕第000001号'.length)}`;
  assert.equal(documentNumber('non-acceptance-decision', longest, date, 1).length, 64);
  assert.throws(() => documentNumber('non-acceptance-decision', `${longest}B`, date, 1), RangeError);
  assert.throws(() => documentNumber('certificate', 'SF-ZA', new Date(Number.NaN), 1), RangeError);
});

test('names are masked as government sites show them: first and last character at most', () => {
  const cases: [string, string][] = [
    ['张三', '张*'],
    ['李小明', '李*明'],
    ['欧阳娜娜', '欧**娜'],
    ['司马相如', '司**如'],
    ['王', '*'],
    [' 赵四 ', '赵*'],
    ['阿依古丽·买买提', '阿******提'],
    ['𠀀明', '𠀀*'],
    ['张𠀀明', '张*明'],
    ['John Smith', 'J********h'],
  ];
  for (const [name, masked] of cases) assert.equal(maskName(name), masked, name);
  for (const name of ['张三', '欧阳娜娜', '阿依古丽·买买提', '李小明']) {
    const shown = [...maskName(name)].filter((c) => c !== '*');
    assert.ok(shown.length <= 2, name);
    assert.equal([...maskName(name)].length, [...name].length, name);
  }
  assert.throws(() => maskName('  '), RangeError);
});

test('dates print on the Beijing calendar, in Arabic or Chinese numerals', () => {
  assert.equal(chineseDate('2026-12-06'), '2026年12月6日');
  assert.equal(chineseDate('2026-12-06', 'hanzi'), '二〇二六年十二月六日');
  assert.equal(chineseDate('2030-10-31', 'hanzi'), '二〇三〇年十月三十一日');
  assert.equal(chineseDate('2027-01-20', 'hanzi'), '二〇二七年一月二十日');
  assert.equal(chineseDate('2027-11-11', 'hanzi'), '二〇二七年十一月十一日');
  assert.equal(chineseDate(new Date('2026-12-05T16:00:00Z')), '2026年12月6日');
  assert.equal(chineseDate(new Date('2026-12-05T15:59:59Z')), '2026年12月5日');
  assert.throws(() => chineseDate('2026-02-30'), RangeError);
  assert.throws(() => chineseDate('2026-2-3' as '2026-02-03'), RangeError);
});
