import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../../src/calendar/official.ts';
import { OfficeCalendar } from '../../../src/calendar/office-calendar.ts';
import {
  coveredBy,
  deadlineDay,
  firstWorkday,
  planWeekFor,
  readWeekWord,
  sessionSpans,
  shiftWeek,
  weekDates,
  weekInterval,
  weekMonday,
  weekOf,
  weeksOfMonth,
  workdaysOf,
} from '../../../commands/plan/rules/week.ts';

/** The national calendar of 2026 (chinese-days), with an office correction: Monday 12-14 closed (社区停电). */
const calendar = new OfficeCalendar(officialCalendar(), [{ date: '2026-12-14', kind: 'holiday', name: '社区停电' }]);
const isWorkday = (date: string) => calendar.isWorkday(date);

describe('ISO weeks of office dates', () => {
  it.each([
    ['2026-11-30', '2026-W49'],
    ['2026-12-06', '2026-W49'],
    ['2026-12-07', '2026-W50'],
    ['2025-12-29', '2026-W01'],
    ['2026-01-04', '2026-W01'],
    ['2026-12-31', '2026-W53'],
    ['2027-01-03', '2026-W53'],
    ['2027-01-04', '2027-W01'],
  ])('%s is in %s', (date, week) => {
    expect(weekOf(date)).toBe(week);
  });

  it('reads a week key back to its Monday and its seven days', () => {
    expect(weekMonday('2026-W49')).toBe('2026-11-30');
    expect(weekMonday('2026W01')).toBe('2025-12-29');
    expect(weekMonday('2026-W54')).toBeNull();
    expect(weekMonday('2025-W53')).toBeNull();
    expect(weekMonday('2026-W00')).toBeNull();
    expect(weekMonday('49')).toBeNull();
    expect(weekDates('2026-W53')).toEqual(['2026-12-28', '2026-12-29', '2026-12-30', '2026-12-31', '2027-01-01', '2027-01-02', '2027-01-03']);
    expect(shiftWeek('2026-W01', -1)).toBe('2025-W52');
    expect(shiftWeek('2026-W53', 1)).toBe('2027-W01');
  });

  it('a week is Monday 00:00 to the next Monday 00:00 in the office zone, whatever the machine zone', () => {
    expect(weekInterval('2026-W49', 'Asia/Shanghai')).toEqual({ from: new Date('2026-11-29T16:00:00Z'), to: new Date('2026-12-06T16:00:00Z') });
  });

  it('the weeks of a month are those whose Thursday is in it', () => {
    expect(weeksOfMonth('2026-12')).toEqual(['2026-W49', '2026-W50', '2026-W51', '2026-W52', '2026-W53']);
    expect(weeksOfMonth('2026-11')).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    expect(weeksOfMonth('2027-01')).toEqual(['2027-W01', '2027-W02', '2027-W03', '2027-W04']);
  });
});

describe('the first workday and the deadline on the office calendar', () => {
  it.each([
    ['an ordinary week: Monday', '2026-W49', '2026-11-30'],
    ['清明 Monday 04-06: the prompt moves to Tuesday', '2026-W15', '2026-04-07'],
    ['劳动节 to Tuesday 05-05: Wednesday', '2026-W19', '2026-05-06'],
    ['国庆 to Wednesday 10-07: Thursday', '2026-W41', '2026-10-08'],
    ['春节 after the 调休 Saturday 02-14: still Monday 02-09', '2026-W07', '2026-02-09'],
    ['春节 Monday 02-23: Tuesday (the 调休 Saturday 02-28 is no second week)', '2026-W09', '2026-02-24'],
    ['an office holiday on Monday 12-14: Tuesday', '2026-W51', '2026-12-15'],
    ['元旦 in the middle of W01, from 2025-12-29', '2026-W01', '2025-12-29'],
  ])('%s', (_name, week, first) => {
    expect(firstWorkday(week, isWorkday)).toBe(first);
  });

  it('a week with no workday (春节 02-16 to 02-22) has no first workday and no deadline', () => {
    expect(workdaysOf('2026-W08', isWorkday)).toEqual([]);
    expect(firstWorkday('2026-W08', isWorkday)).toBeNull();
    expect(deadlineDay('2026-W08', isWorkday, 1)).toBeNull();
  });

  it('a 调休 Saturday counts as a workday of its own week', () => {
    expect(workdaysOf('2026-W09', isWorkday)).toEqual(['2026-02-24', '2026-02-25', '2026-02-26', '2026-02-27', '2026-02-28']);
    expect(workdaysOf('2026-W38', isWorkday).at(-1)).toBe('2026-09-20');
  });

  it('the deadline is the nth workday, or the last when the week has fewer', () => {
    expect(deadlineDay('2026-W49', isWorkday, 1)).toBe('2026-11-30');
    expect(deadlineDay('2026-W49', isWorkday, 2)).toBe('2026-12-01');
    expect(deadlineDay('2026-W15', isWorkday, 2)).toBe('2026-04-08');
    expect(deadlineDay('2026-W41', isWorkday, 5)).toBe('2026-10-10');
  });
});

describe('the week a plan posted on a day is for', () => {
  it.each([
    ['a workday', '2026-12-02', '2026-W49'],
    ['Saturday after the last workday: the coming week', '2026-12-05', '2026-W50'],
    ['Sunday evening: the coming week', '2026-12-06', '2026-W50'],
    ['a holiday Monday before the first workday: its own week', '2026-04-06', '2026-W15'],
    ['a 调休 Saturday: its own week', '2026-02-28', '2026-W09'],
    ['Sunday 09-20, a 调休 workday: its own week', '2026-09-20', '2026-W38'],
    ['inside a week with no workday: the coming week', '2026-02-18', '2026-W09'],
    ['the Sunday that ends the year', '2027-01-03', '2027-W01'],
  ])('%s', (_name, date, week) => {
    expect(planWeekFor(date, isWorkday)).toBe(week);
  });
});

describe('week words', () => {
  it.each([
    ['本周', '2026-W49'],
    ['这周', '2026-W49'],
    ['上周', '2026-W48'],
    ['上星期', '2026-W48'],
    ['上上周', '2026-W47'],
    ['下周', '2026-W50'],
    ['2026-W45', '2026-W45'],
    ['2026-w9', '2026-W09'],
    ['W48', '2026-W48'],
    ['第48周', '2026-W48'],
    ['11月25日', '2026-W48'],
    ['2026-01-01', '2026-W01'],
    ['张伟', null],
    ['2026-W60', null],
  ])('%s → %s', (word, week) => {
    expect(readWeekWord(word, '2026-12-02')).toBe(week);
  });

  it('上周 in the first week of a year is the last of the one before', () => {
    expect(readWeekWord('上周', '2026-01-01')).toBe('2025-W52');
  });
});

describe('approved leave over the working sessions', () => {
  const sessions = [
    { start: '08:00', end: '11:30' },
    { start: '13:00', end: '16:30' },
  ];
  const at = (time: string) => new Date(`${time}+08:00`);
  const week = sessionSpans(workdaysOf('2026-W49', isWorkday), sessions, 'Asia/Shanghai');

  it('sessions are office-zone instants', () => {
    expect(week).toHaveLength(10);
    expect(week[0]).toEqual({ from: at('2026-11-30T08:00:00'), to: at('2026-11-30T11:30:00') });
    expect(week.at(-1)).toEqual({ from: at('2026-12-04T13:00:00'), to: at('2026-12-04T16:30:00') });
  });

  it.each([
    ['Monday 08:00 to Friday 16:30', [['2026-11-30T08:00:00', '2026-12-04T16:30:00']], true],
    ['two notes that meet', [['2026-11-30T08:00:00', '2026-12-02T16:30:00'], ['2026-12-03T08:00:00', '2026-12-04T16:30:00']], true],
    ['ends a minute early', [['2026-11-30T08:00:00', '2026-12-04T16:29:00']], false],
    ['starts at 08:01', [['2026-11-30T08:01:00', '2026-12-04T16:30:00']], false],
    ['a gap on Wednesday morning', [['2026-11-30T08:00:00', '2026-12-01T16:30:00'], ['2026-12-02T13:00:00', '2026-12-04T16:30:00']], false],
    ['no leave', [], false],
  ] as const)('%s → %s', (_name, leave, whole) => {
    expect(coveredBy(week, leave.map(([from, to]) => ({ from: at(from), to: at(to) })))).toBe(whole);
  });
});
