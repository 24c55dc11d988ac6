import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { test } from 'node:test';
import fc from 'fast-check';
import { todayInShanghai, WorkingDayCalendar } from './working-days.ts';

const calendar = new WorkingDayCalendar();
const days = (from: string, count: number): string[] =>
  Array.from({ length: count }, (_, i) =>
    new Date(Date.parse(from) + i * 86_400_000).toISOString().slice(0, 10),
  );

test('National Day 2026: 1–7 October off, Saturday 10 October worked', () => {
  for (const d of days('2026-10-01', 7)) assert.equal(calendar.isWorkingDay(d), false, d);
  assert.equal(calendar.isWorkingDay('2026-10-08'), true);
  assert.equal(calendar.isWorkingDay('2026-10-10'), true);
  assert.equal(calendar.isWorkingDay('2026-10-11'), false);
});

test('Spring Festival 2026: 15–23 February off, Saturdays 14 and 28 February worked', () => {
  for (const d of days('2026-02-15', 9)) assert.equal(calendar.isWorkingDay(d), false, d);
  assert.equal(calendar.isWorkingDay('2026-02-14'), true);
  assert.equal(calendar.isWorkingDay('2026-02-24'), true);
  assert.equal(calendar.isWorkingDay('2026-02-28'), true);
});

test('adding working days skips the National Day holiday and counts the make-up Saturday', () => {
  // 8, 9, 10 (Saturday, worked), 12, 13 October.
  assert.equal(calendar.addWorkingDays('2026-09-30', 5), '2026-10-13');
  assert.equal(calendar.workingDaysBetween('2026-09-30', '2026-10-13'), 5);
  assert.equal(calendar.addWorkingDays('2026-10-13', -5), '2026-09-30');
  assert.equal(calendar.workingDaysBetween('2026-10-13', '2026-09-30'), -5);
});

test('n = 0 keeps a working day and moves a holiday to the next working day', () => {
  assert.equal(calendar.addWorkingDays('2026-09-30', 0), '2026-09-30');
  assert.equal(calendar.addWorkingDays('2026-10-01', 0), '2026-10-08');
  assert.equal(calendar.workingDaysBetween('2026-10-01', '2026-10-07'), 0);
});

test('an override for 2027 wins and marks the year covered; the rest of 2027 falls back to Monday–Friday', () => {
  assert.equal(calendar.isWorkingDay('2027-01-01'), true);
  assert.equal(calendar.isCovered('2027-01-01'), false);
  const withSchedule = new WorkingDayCalendar([{ date: '2027-01-01', work: false, name: '元旦' }]);
  assert.equal(withSchedule.isWorkingDay('2027-01-01'), false);
  assert.equal(withSchedule.isCovered('2027-06-01'), true);
  assert.equal(withSchedule.addWorkingDays('2026-12-31', 1), '2027-01-04');
  assert.equal(withSchedule.isWorkingDay('2027-01-09'), false);
});

test('an override can also change a year the package covers', () => {
  const c = new WorkingDayCalendar([{ date: '2026-10-08', work: false }]);
  assert.equal(c.addWorkingDays('2026-09-30', 1), '2026-10-09');
});

test('coverage spans the package data only', () => {
  assert.equal(calendar.isCovered('2004-01-01'), true);
  assert.equal(calendar.isCovered('2026-12-31'), true);
  assert.equal(calendar.isCovered('2003-12-31'), false);
  assert.equal(calendar.isCovered('2027-01-01'), false);
});

test('rejects malformed dates and fractional counts', () => {
  for (const bad of ['2026-02-30', '2026-1-1', '20261001', '']) {
    assert.throws(() => calendar.isWorkingDay(bad), RangeError, bad);
  }
  assert.throws(() => new WorkingDayCalendar([{ date: '2027-13-01', work: true }]), RangeError);
  assert.throws(() => calendar.addWorkingDays('2026-10-01', 1.5), RangeError);
});

test('answers do not depend on the server time zone', () => {
  const script = `const { WorkingDayCalendar } = await import(${JSON.stringify(new URL('./working-days.ts', import.meta.url).href)});
    const c = new WorkingDayCalendar();
    console.log(['2026-10-07', '2026-10-10', '2026-02-23'].map((d) => c.isWorkingDay(d)).join());`;
  for (const TZ of ['America/Los_Angeles', 'Pacific/Kiritimati']) {
    const out = execFileSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', script], {
      env: { ...process.env, TZ },
      encoding: 'utf8',
    });
    assert.equal(out.trim(), 'false,true,false', TZ);
  }
});

test('today is the Beijing date', () => {
  assert.equal(todayInShanghai(new Date('2026-09-30T16:30:00Z')), '2026-10-01');
  assert.equal(todayInShanghai(new Date('2026-09-30T15:59:59Z')), '2026-09-30');
});

test('property: workingDaysBetween undoes addWorkingDays from a working day', () => {
  const start = fc
    .integer({ min: Date.UTC(2020, 0, 1), max: Date.UTC(2026, 11, 31) })
    .map((t) => new Date(t).toISOString().slice(0, 10))
    .filter((d) => calendar.isWorkingDay(d));
  fc.assert(
    fc.property(start, fc.integer({ min: -60, max: 60 }), (d, n) => {
      return calendar.workingDaysBetween(d, calendar.addWorkingDays(d, n)) === n;
    }),
  );
});
