import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatHolidaySchedule, parseHolidaySchedule, yearNeedingSchedule } from './holiday-schedule.ts';
import { WorkingDayCalendar } from './working-days.ts';

// The dates below are made up for the test (a Friday off, a Sunday worked); they are not the 2027 schedule.

describe('parseHolidaySchedule', () => {
  it('reads rest and make-up days, skipping blanks and notes, sorted by date', () => {
    const parsed = parseHolidaySchedule(
      2031,
      '# 测试\n2031-01-05 班 调休\n\n2031-01-03 休 元旦\r\n 2031-01-04　rest  New Year ',
    );
    assert.deepEqual(parsed, {
      ok: true,
      days: [
        { date: '2031-01-03', work: false, name: '元旦' },
        { date: '2031-01-04', work: false, name: 'New Year' },
        { date: '2031-01-05', work: true, name: '调休' },
      ],
    });
  });

  it('names every bad line by its number', () => {
    const parsed = parseHolidaySchedule(
      2031,
      [
        '2031-01-03 休 元旦',
        '2031-02-30 休 春节',
        '2030-12-31 休 元旦',
        '2031-01-06 歇 元旦',
        '2031-01-07 休',
        '2031-01-03 休 元旦',
        '2031-01-08 班 调休',
        'hello',
        `2031-01-09 休 ${'长'.repeat(21)}`,
      ].join('\n'),
    );
    assert.deepEqual(parsed, {
      ok: false,
      problems: [
        { line: 2, code: 'date' },
        { line: 3, code: 'otherYear' },
        { line: 4, code: 'kind' },
        { line: 5, code: 'name' },
        { line: 6, code: 'duplicate' },
        { line: 7, code: 'weekdayWork' },
        { line: 8, code: 'format' },
        { line: 9, code: 'name' },
      ],
    });
  });

  it('refuses an empty entry, an impossible year and too many days', () => {
    assert.deepEqual(parseHolidaySchedule(2031, '\n# nothing\n'), {
      ok: false,
      problems: [{ line: 0, code: 'empty' }],
    });
    assert.deepEqual(parseHolidaySchedule(1999, '1999-01-01 休 元旦'), {
      ok: false,
      problems: [{ line: 0, code: 'year' }],
    });
    const many = Array.from({ length: 121 }, (_, i) =>
      new Date(Date.UTC(2031, 0, 1 + i)).toISOString().slice(0, 10),
    ).map((d) => `${d} 休 假`);
    const parsed = parseHolidaySchedule(2031, many.join('\n'));
    assert.equal(parsed.ok, false);
    assert.deepEqual(!parsed.ok && parsed.problems, [{ line: 0, code: 'tooMany' }]);
  });

  it('formats days back into lines it reads again', () => {
    const text = '2031-01-03 休 元旦\n2031-01-05 班 调休';
    const parsed = parseHolidaySchedule(2031, text);
    assert.ok(parsed.ok);
    assert.equal(formatHolidaySchedule(parsed.days), text);
  });
});

describe('yearNeedingSchedule', () => {
  const covered = (years: number[]) => (y: number) => years.includes(y);
  it('asks for next year from 1 October only', () => {
    assert.equal(yearNeedingSchedule('2026-09-30', covered([2026])), undefined);
    assert.equal(yearNeedingSchedule('2026-10-01', covered([2026])), 2027);
    assert.equal(yearNeedingSchedule('2026-12-07', covered([2026, 2027])), undefined);
  });
  it('asks for the current year when even that is uncovered', () => {
    assert.equal(yearNeedingSchedule('2027-03-01', covered([2026])), 2027);
  });
});

describe('WorkingDayCalendar overrides', () => {
  it('replaces its overrides in place and reports where a year comes from', () => {
    const calendar = new WorkingDayCalendar();
    assert.equal(calendar.coverageOf(2026), 'package');
    assert.equal(calendar.coverageOf(2031), 'none');
    assert.equal(calendar.isCovered('2031-01-03'), false);
    assert.equal(calendar.addWorkingDays('2031-01-02', 1), '2031-01-03');
    calendar.replaceOverrides([{ date: '2031-01-03', work: false }]);
    assert.equal(calendar.coverageOf(2031), 'overrides');
    assert.equal(calendar.isCovered('2031-06-01'), true);
    assert.equal(calendar.addWorkingDays('2031-01-02', 1), '2031-01-06');
    assert.throws(() => calendar.replaceOverrides([{ date: '2031-02-30', work: false }]), RangeError);
    assert.equal(calendar.coverageOf(2031), 'overrides');
  });
});
