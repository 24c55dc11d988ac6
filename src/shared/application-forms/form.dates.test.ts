import assert from 'node:assert/strict';
import { test } from 'node:test';
import fc from 'fast-check';
import { displayDate, isoDate, parseDateInput, resolveDateBound } from './form.dates.ts';

test('bounds relative to today, in days, months and years', () => {
  const today = '2024-02-29';
  assert.equal(resolveDateBound('today', today), '2024-02-29');
  assert.equal(resolveDateBound('today+1d', today), '2024-03-01');
  assert.equal(resolveDateBound('today-90d', today), '2023-12-01');
  assert.equal(resolveDateBound('today-1y', today), '2023-02-28', 'no 29 February: the month’s last day');
  assert.equal(resolveDateBound('today-18y', '2026-03-02'), '2008-03-02');
  assert.equal(resolveDateBound('today-6m', '2026-08-31'), '2026-02-28');
  assert.equal(resolveDateBound('today+11m', '2026-03-31'), '2027-02-28');
  assert.equal(resolveDateBound('2020-01-01', today), '2020-01-01');
  assert.equal(resolveDateBound('2020-02-30', today), undefined);
  assert.equal(resolveDateBound('tomorrow', today), undefined);
});

test('what people type for a date', () => {
  assert.deepEqual(parseDateInput(' 2026年3月2日 '), { ok: true, value: '2026-03-02' });
  assert.deepEqual(parseDateInput('２０２６／３／２'), { ok: true, value: '2026-03-02' });
  assert.deepEqual(parseDateInput('2026-13-01'), { ok: false, code: 'real' });
  assert.deepEqual(parseDateInput('02/03/2026'), { ok: false, code: 'format' });
  assert.equal(isoDate('2026-02-29'), undefined);
});

test('dates as shown', () => {
  assert.equal(displayDate('2026-03-02', 'zh'), '2026年3月2日');
  assert.equal(displayDate('2026-12-25', 'en'), '25 December 2026');
});

test('property: n days forward then back is the same day, and later than before', () => {
  const day = fc
    .date({
      min: new Date('1900-01-01T00:00:00Z'),
      max: new Date('2100-12-31T00:00:00Z'),
      noInvalidDate: true,
    })
    .map((d) => d.toISOString().slice(0, 10));
  fc.assert(
    fc.property(day, fc.integer({ min: 1, max: 9999 }), (today, n) => {
      const ahead = resolveDateBound(`today+${n}d`, today)!;
      assert.ok(ahead > today);
      assert.equal(resolveDateBound(`today-${n}d`, ahead), today);
      assert.ok(isoDate(resolveDateBound(`today-${n % 100}y`, today)!));
    }),
    { numRuns: 300 },
  );
});
