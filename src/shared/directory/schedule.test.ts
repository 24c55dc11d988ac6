import assert from 'node:assert/strict';
import { test } from 'node:test';
import { WorkingDayCalendar } from '../calendar/working-days.ts';
import { parseSchedule, todayStatus } from './schedule.ts';

const official = new WorkingDayCalendar();

// Beijing is UTC+8: 02:00Z is 10:00 there.
const at = (iso: string) => new Date(iso);

test('reads the grammar and refuses anything else', () => {
  assert.deepEqual(parseSchedule('24h'), { always: true });
  const s = parseSchedule('1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00');
  assert.ok(s && !s.always);
  assert.equal(s.days.get(3)?.length, 2);
  assert.equal(s.days.get(7), undefined);
  for (const bad of [
    '',
    'weekdays',
    '1-5 9:00-12:00',
    '5-1 09:00-12:00',
    '1-5 12:00-09:00',
    '1 09:00-10:00; 1 11:00-12:00',
  ])
    assert.equal(parseSchedule(bad), undefined, bad);
});

test('says whether the counter opens today, on the holiday calendar', () => {
  const s = parseSchedule('1-5 09:00-12:00,13:30-17:30; 6 09:00-12:00');
  assert.ok(s && !s.always);
  // Wednesday 2026-12-09, 10:00 in Beijing: open now.
  assert.deepEqual(todayStatus(s, at('2026-12-09T02:00:00Z'), official), {
    kind: 'hours',
    ranges: s.days.get(3),
    openNow: true,
  });
  // The same day at 12:30: between the two sessions.
  assert.equal((todayStatus(s, at('2026-12-09T04:30:00Z'), official) as { openNow: boolean }).openNow, false);
  // Sunday: closed.
  assert.equal(todayStatus(s, at('2026-12-13T02:00:00Z'), official).kind, 'closed-today');
  // National Day, a Thursday: a public holiday.
  assert.equal(todayStatus(s, at('2026-10-01T02:00:00Z'), official).kind, 'holiday');
  // Sunday 2026-01-04 is a working day (调休): Monday's hours.
  const worked = todayStatus(s, at('2026-01-04T02:00:00Z'), official);
  assert.equal(worked.kind, 'hours');
  assert.deepEqual(todayStatus(parseSchedule('24h')!, at('2026-10-01T02:00:00Z'), official), {
    kind: 'always',
  });
});
