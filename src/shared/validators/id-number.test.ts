import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { idCheckChar, isValidIdNumber, maskIdNumber, parseIdNumber } from './id-number.ts';

// The GB 11643-1999 worked example; every other number here is synthetic, completed with idCheckChar.
const PUBLISHED = '11010519491231002X';
const withCheck = (first17: string): string => first17 + idCheckChar(first17);
const TODAY = { today: '2026-06-15' };

test('the published example parses', () => {
  assert.deepEqual(parseIdNumber(PUBLISHED), {
    ok: true,
    value: PUBLISHED,
    kind: 'resident',
    birthDate: '1949-12-31',
    sex: 'F',
  });
  assert.equal(idCheckChar(PUBLISHED.slice(0, 17)), 'X');
});

test('trims and accepts a lower-case x', () => {
  const r = parseIdNumber(`  ${PUBLISHED.toLowerCase()}\n`);
  assert.equal(r.ok && r.value, PUBLISHED);
});

test('odd sequence digit means male', () => {
  const r = parseIdNumber(withCheck('32010219800101123'));
  assert.equal(r.ok && r.sex, 'M');
});

test('rejects malformed input as format', () => {
  for (const bad of [
    '',
    'abc',
    '1101051949123100',
    '11010519491231X02X',
    '1101051949123100XX',
    '11010519491231002Y',
  ]) {
    assert.deepEqual(parseIdNumber(bad), { ok: false, code: 'format' }, bad);
  }
});

test('rejects a wrong check character', () => {
  assert.deepEqual(parseIdNumber('110105194912310021'), { ok: false, code: 'checksum' });
});

test('rejects unknown provinces', () => {
  for (const prefix of ['00', '10', '16', '20', '39', '66', '80', '84']) {
    assert.deepEqual(
      parseIdNumber(withCheck(`${prefix}010519800101001`)),
      { ok: false, code: 'region' },
      prefix,
    );
  }
});

test('rejects impossible, too early and future birth dates', () => {
  for (const date of ['19490231', '19491301', '19490001', '17991231', '20260616']) {
    const id = withCheck(`110105${date}001`);
    assert.deepEqual(parseIdNumber(id, TODAY), { ok: false, code: 'birthdate' }, date);
  }
  assert.equal(parseIdNumber(withCheck('11010520260615001'), TODAY).ok, true);
  assert.equal(parseIdNumber(withCheck('11010520000229001'), TODAY).ok, true);
});

test('upgrades a 15-digit number', () => {
  assert.deepEqual(parseIdNumber('110105491231002'), {
    ok: true,
    value: PUBLISHED,
    kind: 'resident',
    birthDate: '1949-12-31',
    sex: 'F',
    upgradedFrom15: true,
  });
  assert.deepEqual(parseIdNumber('110105490231002'), { ok: false, code: 'birthdate' });
  assert.deepEqual(parseIdNumber('810000491231002'), { ok: false, code: 'region' });
});

test('recognises residence permits for HK, Macao and Taiwan residents', () => {
  for (const prefix of ['810000', '820000', '830000']) {
    const r = parseIdNumber(withCheck(`${prefix}19900101001`));
    assert.equal(r.ok && r.kind, 'hk-macau-taiwan-permit', prefix);
  }
});

test('recognises the 9-prefixed foreigner card without a province check', () => {
  const r = parseIdNumber(withCheck('99984019850315002'));
  assert.equal(r.ok && r.kind, 'foreigner-permanent');
  assert.equal(r.ok && r.birthDate, '1985-03-15');
  const wrongCheck = idCheckChar('99984019850315002') === '0' ? '1' : '0';
  assert.deepEqual(parseIdNumber(`99984019850315002${wrongCheck}`), { ok: false, code: 'checksum' });
});

test('idCheckChar refuses anything but 17 digits', () => {
  assert.throws(() => idCheckChar('1234'), RangeError);
  assert.throws(() => idCheckChar('1101051949123100X'), RangeError);
});

test('masks all but the first 3 and last 4 characters', () => {
  assert.equal(maskIdNumber(PUBLISHED), '110***********002X');
  assert.equal(maskIdNumber('110105491231002'), '110********1002');
  assert.equal(maskIdNumber('12345'), '*****');
  assert.equal(isValidIdNumber(PUBLISHED), true);
  assert.equal(isValidIdNumber('not an id'), false);
});

const PROVINCES = ['11', '31', '44', '65', '71', '81', '82', '83'];
const ymd = (d: Date): string => d.toISOString().slice(0, 10).replaceAll('-', '');
const digits = (n: number) =>
  fc.string({ unit: fc.constantFrom(...'0123456789'), minLength: n, maxLength: n });
const first17 = fc
  .tuple(
    fc.constantFrom(...PROVINCES, '9'),
    digits(5),
    fc.date({ min: new Date('1900-01-01'), max: new Date('2026-06-15'), noInvalidDate: true }),
    digits(3),
  )
  .map(([p, rest, date, seq]) => `${p}${rest}`.slice(0, 6) + ymd(date) + seq);

test('property: a valid prefix and date plus the computed check character is valid', () => {
  fc.assert(fc.property(first17, (body) => parseIdNumber(body + idCheckChar(body), TODAY).ok));
});

test('property: changing any one character makes the number invalid', () => {
  const edit = fc.tuple(first17, fc.nat(17), fc.integer({ min: 1, max: 9 }));
  fc.assert(
    fc.property(edit, ([body, pos, shift]) => {
      const id = body + idCheckChar(body);
      const alphabet = pos === 17 ? '0123456789X' : '0123456789';
      const next = alphabet[(alphabet.indexOf(id[pos]!) + shift) % alphabet.length]!;
      return !parseIdNumber(id.slice(0, pos) + next + id.slice(pos + 1), TODAY).ok;
    }),
  );
});
