import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { lateSurcharge } from './late-surcharge.ts';

// Decided at 23:30 Beijing time on 1 March: the decision's day is 1 March however late in it.
const decided = new Date('2026-03-01T15:30:00Z');
const onDay = (n: number, hour = '10:00') =>
  new Date(new Date(`2026-03-01T${hour}:00+08:00`).getTime() + n * 86_400_000);

describe('加处罚款', () => {
  test('nothing is added up to and on the 15th day', () => {
    assert.deepEqual(lateSurcharge(20_000, decided, onDay(0)), {
      dueOn: '2026-03-16',
      overdueDays: 0,
      surchargeFen: 0,
    });
    assert.equal(lateSurcharge(20_000, decided, onDay(15, '23:59')).surchargeFen, 0);
  });

  test('3% of the fine on the 16th day, 6% on the 17th', () => {
    assert.deepEqual(lateSurcharge(20_000, decided, onDay(16, '00:00')), {
      dueOn: '2026-03-16',
      overdueDays: 1,
      surchargeFen: 600,
    });
    assert.equal(lateSurcharge(20_000, decided, onDay(17)).surchargeFen, 1_200);
  });

  test('never more than the fine itself', () => {
    // 33 days overdue is 99%; the 34th would be 102% and is capped.
    assert.equal(lateSurcharge(20_000, decided, onDay(15 + 33)).surchargeFen, 19_800);
    assert.equal(lateSurcharge(20_000, decided, onDay(15 + 34)).surchargeFen, 20_000);
    assert.equal(lateSurcharge(20_000, decided, onDay(400)).surchargeFen, 20_000);
  });

  test('fractions of a fen are rounded half up; no fine, no surcharge', () => {
    assert.equal(lateSurcharge(5_050, decided, onDay(16)).surchargeFen, 152); // 151.5
    assert.equal(lateSurcharge(5_010, decided, onDay(16)).surchargeFen, 150); // 150.3
    assert.equal(lateSurcharge(0, decided, onDay(30)).surchargeFen, 0);
  });
});
