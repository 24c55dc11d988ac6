import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { WorkingDayCalendar } from '../calendar/working-days.ts';
import { lateSurcharge, paymentDueOn } from './late-surcharge.ts';

const official = new WorkingDayCalendar();

// Decided at 23:30 Beijing time on 1 March: the decision's day is 1 March however late in it.
const decided = new Date('2026-03-01T15:30:00Z');
const onDay = (n: number, hour = '10:00') =>
  new Date(new Date(`2026-03-01T${hour}:00+08:00`).getTime() + n * 86_400_000);

describe('加处罚款', () => {
  test('nothing is added up to and on the 15th day', () => {
    assert.deepEqual(lateSurcharge(20_000, decided, onDay(0), official), {
      dueOn: '2026-03-16',
      overdueDays: 0,
      surchargeFen: 0,
    });
    assert.equal(lateSurcharge(20_000, decided, onDay(15, '23:59'), official).surchargeFen, 0);
  });

  test('3% of the fine on the 16th day, 6% on the 17th', () => {
    assert.deepEqual(lateSurcharge(20_000, decided, onDay(16, '00:00'), official), {
      dueOn: '2026-03-16',
      overdueDays: 1,
      surchargeFen: 600,
    });
    assert.equal(lateSurcharge(20_000, decided, onDay(17), official).surchargeFen, 1_200);
  });

  test('never more than the fine itself', () => {
    // 33 days overdue is 99%; the 34th would be 102% and is capped.
    assert.equal(lateSurcharge(20_000, decided, onDay(15 + 33), official).surchargeFen, 19_800);
    assert.equal(lateSurcharge(20_000, decided, onDay(15 + 34), official).surchargeFen, 20_000);
    assert.equal(lateSurcharge(20_000, decided, onDay(400), official).surchargeFen, 20_000);
  });

  test('fractions of a fen are rounded half up; no fine, no surcharge', () => {
    assert.equal(lateSurcharge(5_050, decided, onDay(16), official).surchargeFen, 152); // 151.5
    assert.equal(lateSurcharge(5_010, decided, onDay(16), official).surchargeFen, 150); // 150.3
    assert.equal(lateSurcharge(0, decided, onDay(30), official).surchargeFen, 0);
  });
});

describe('the 15 days are calendar days; a period ending on a day off ends on the next working day', () => {
  const beijing = (date: string, time = '10:00') => new Date(`${date}T${time}:00+08:00`);

  test('weekends and holidays inside the period count like any other day', () => {
    // 2 to 16 September runs over two weekends; only the last day decides.
    assert.equal(paymentDueOn(beijing('2026-09-01'), official), '2026-09-16');
    // Friday 25 September is the Mid-Autumn Festival: the weekend after it is off too.
    assert.equal(paymentDueOn(beijing('2026-09-10'), official), '2026-09-28');
  });

  test('a last day in the National Day holiday moves to 8 October; the surcharge starts on the 9th', () => {
    const decided = beijing('2026-09-16', '23:50'); // + 15 days is 1 October
    assert.equal(paymentDueOn(decided, official), '2026-10-08');
    assert.deepEqual(lateSurcharge(20_000, decided, beijing('2026-10-05'), official), {
      dueOn: '2026-10-08',
      overdueDays: 0,
      surchargeFen: 0,
    });
    assert.equal(lateSurcharge(20_000, decided, beijing('2026-10-08', '23:59'), official).surchargeFen, 0);
    assert.deepEqual(lateSurcharge(20_000, decided, beijing('2026-10-09', '00:00'), official), {
      dueOn: '2026-10-08',
      overdueDays: 1,
      surchargeFen: 600,
    });
  });

  test('a last day on a Sunday moves to Monday; on a make-up working Saturday (调休) it stays', () => {
    assert.equal(paymentDueOn(beijing('2026-03-07'), official), '2026-03-23'); // Sunday 22 March
    assert.equal(paymentDueOn(beijing('2026-09-25'), official), '2026-10-10'); // Saturday 10 October is a working day
    assert.equal(
      lateSurcharge(20_000, beijing('2026-09-25'), beijing('2026-10-11'), official).overdueDays,
      1,
    );
  });

  test("the calendar's overrides decide for years past the published data", () => {
    const decided = beijing('2027-01-20'); // + 15 days is Thursday 4 February 2027
    assert.equal(paymentDueOn(decided, official), '2027-02-04');
    const springFestival = new WorkingDayCalendar(
      ['2027-02-04', '2027-02-05', '2027-02-06', '2027-02-07'].map((date) => ({ date, work: false })),
    );
    assert.equal(paymentDueOn(decided, springFestival), '2027-02-08');
    assert.equal(lateSurcharge(10_000, decided, beijing('2027-02-08'), springFestival).surchargeFen, 0);
    assert.equal(lateSurcharge(10_000, decided, beijing('2027-02-09'), springFestival).surchargeFen, 300);
  });
});
