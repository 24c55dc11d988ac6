import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { isValidPlate, parsePlate, type PlateKind } from './plate.ts';

test('recognises each kind', () => {
  const cases: [string, PlateKind][] = [
    ['京A12345', 'ordinary'],
    ['沪BX9Y8Z', 'ordinary'],
    ['京AD12345', 'new-energy-small'],
    ['浙AFA1234', 'new-energy-small'],
    ['苏EA12345', 'new-energy-small'],
    ['粤B12345D', 'new-energy-large'],
    ['鲁C12345F', 'new-energy-large'],
    ['冀B1234挂', 'trailer'],
    ['川A1234学', 'learner'],
    ['京A0001警', 'police'],
    ['粤Z1234港', 'hk'],
    ['粤Z1234澳', 'macau'],
    ['沪A1234领', 'consulate'],
    ['使123456', 'embassy'],
  ];
  for (const [input, kind] of cases) {
    assert.deepEqual(parsePlate(input), { ok: true, value: input, kind }, input);
  }
});

test('normalises case and separators', () => {
  assert.deepEqual(parsePlate(' 京a·123-45 '), { ok: true, value: '京A12345', kind: 'ordinary' });
  assert.equal(isValidPlate('京 AD 12345'), true);
});

test('reports the failing part', () => {
  assert.deepEqual(parsePlate('港A12345'), { ok: false, code: 'province' });
  assert.deepEqual(parsePlate('A12345'), { ok: false, code: 'province' });
  assert.deepEqual(parsePlate(''), { ok: false, code: 'province' });
  assert.deepEqual(parsePlate('京I12345'), { ok: false, code: 'authority' });
  assert.deepEqual(parsePlate('京O12345'), { ok: false, code: 'authority' });
  assert.deepEqual(parsePlate('京112345'), { ok: false, code: 'authority' });
  for (const bad of [
    '京A1234',
    '京A123456',
    '京AI2345',
    '京AO2345',
    '京AL12345',
    '京AD1234A',
    '京A12345L',
    '京A123挂',
    '京A1234港',
    '使12345',
    '使A12345',
  ]) {
    assert.deepEqual(parsePlate(bad), { ok: false, code: 'format' }, bad);
  }
});

test('property: serials never contain I or O', () => {
  const serial = fc.string({ unit: fc.constantFrom(...'ABIO0123456789'), minLength: 5, maxLength: 5 });
  fc.assert(fc.property(serial, (s) => isValidPlate(`京A${s}`) === !/[IO]/.test(s)));
});
