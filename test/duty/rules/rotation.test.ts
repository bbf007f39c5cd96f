import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../../src/calendar/official.ts';
import { blockOf, dayClass, holidayBlocks, planCycle, planHoliday, sessionsCovered, shiftSpan, type CycleRotation, type Member } from '../../../commands/duty/rules/rotation.ts';
import { OfficeCalendar } from '../../../src/calendar/office-calendar.ts';

const ZONE = 'Asia/Shanghai';
const calendar = new OfficeCalendar(officialCalendar(), []);
const DAY = { id: 'day', name: '白班', start: '08:00', end: '17:30' };
const NIGHT = { id: 'night', name: '夜班', start: '17:30', end: '08:00' };
const FULL = { id: 'full', name: '24小时班', start: '08:00', end: '08:00' };
const people = (...names: string[]): Member[] => names.map((name, i) => ({ personId: i + 1, name }));
const names = (list: Member[]) => new Map(list.map((m) => [m.personId, m.name]));
const iso = (d: Date) => d.toISOString();

function cycle(rotation: Partial<CycleRotation> & { members: Member[] }, from: string, to: string, cal = calendar) {
  const full: CycleRotation = { name: 'r', shifts: [DAY], seats: 1, every: 'day', start: from, days: ['workday'], ...rotation };
  const who = names(rotation.members);
  return planCycle(full, cal, from, to, ZONE).map((s) => `${s.date} ${s.shiftId}${s.seat} ${who.get(s.personId)}`);
}

describe('shift instants in the office zone (machine clock UTC)', () => {
  it.each([
    ['2026-11-23', DAY, '2026-11-23T00:00:00.000Z', '2026-11-23T09:30:00.000Z'],
    // 夜班 on New Year's Eve ends in the next year.
    ['2026-12-31', NIGHT, '2026-12-31T09:30:00.000Z', '2027-01-01T00:00:00.000Z'],
    // A 24-hour shift on the last day of November ends on December 1st.
    ['2026-11-30', FULL, '2026-11-30T00:00:00.000Z', '2026-12-01T00:00:00.000Z'],
    ['2026-02-28', { id: 'x', name: 'x', start: '00:00', end: '00:00' }, '2026-02-27T16:00:00.000Z', '2026-02-28T16:00:00.000Z'],
  ])('%s %o', (date, shift, start, end) => {
    const span = shiftSpan(date, shift, ZONE);
    expect([iso(span.start), iso(span.end)]).toEqual([start, end]);
  });
});

describe('which days count, by the office calendar', () => {
  it.each([
    ['2026-11-23', 'workday'],
    ['2026-11-22', 'restday'],
    // 调休 Saturdays are workdays.
    ['2026-10-10', 'workday'],
    ['2026-02-14', 'workday'],
    ['2026-10-01', 'holiday'],
    ['2026-10-07', 'holiday'],
    ['2026-10-08', 'workday'],
    // 中秋 on a Sunday is part of its block.
    ['2026-09-27', 'holiday'],
    ['2026-09-20', 'workday'],
  ])('%s is a %s', (date, expected) => {
    expect(dayClass(calendar, date)).toBe(expected);
  });

  it('holiday blocks are whole, named, and a worked 调休 day ends them', () => {
    expect(blockOf(calendar, '2026-10-03')).toEqual({ name: '国庆节', first: '2026-10-01', last: '2026-10-07' });
    expect(blockOf(calendar, '2026-10-10')).toBeNull();
    expect(blockOf(calendar, '2026-11-22')).toBeNull();
    expect(holidayBlocks(calendar, '2026-09-01', '2026-10-31').map((b) => `${b.name} ${b.first}..${b.last}`)).toEqual(['中秋 2026-09-25..2026-09-27', '国庆节 2026-10-01..2026-10-07']);
    // A block that began in the old year is whole when asked from the new one.
    expect(holidayBlocks(calendar, '2026-01-02', '2026-01-10')).toEqual([{ name: '元旦', first: '2026-01-01', last: '2026-01-03' }]);
  });
});

describe('cycle rotations', () => {
  it('a daily workday rotation skips the National Day block without skipping a person; the 调休 Saturday takes a turn', () => {
    expect(cycle({ members: people('张伟', '刘洋', '陈静') }, '2026-09-28', '2026-10-12')).toEqual([
      '2026-09-28 day0 张伟',
      '2026-09-29 day0 刘洋',
      '2026-09-30 day0 陈静',
      '2026-10-08 day0 张伟',
      '2026-10-09 day0 刘洋',
      '2026-10-10 day0 陈静',
      '2026-10-12 day0 张伟',
    ]);
  });

  it('the answer for a date does not depend on the range asked', () => {
    const members = people('张伟', '刘洋', '陈静');
    const whole = cycle({ members, start: '2026-09-28' } as never, '2026-09-28', '2026-10-12');
    const part = planCycle({ name: 'r', shifts: [DAY], seats: 1, every: 'day', start: '2026-09-28', days: ['workday'], members }, calendar, '2026-10-09', '2026-10-10', ZONE);
    expect(part.map((s) => `${s.date} day0 ${names(members).get(s.personId)}`)).toEqual(whole.filter((l) => l.startsWith('2026-10-09') || l.startsWith('2026-10-10')));
  });

  it('a weekly rotation: a week with no counted day (Spring Festival) takes no turn', () => {
    const plan = cycle({ members: people('张伟', '刘洋'), every: 'week' }, '2026-02-09', '2026-02-24');
    expect(plan).toEqual([
      '2026-02-09 day0 张伟',
      '2026-02-10 day0 张伟',
      '2026-02-11 day0 张伟',
      '2026-02-12 day0 张伟',
      '2026-02-13 day0 张伟',
      // 2-14 is a 调休 Saturday: still 张伟's week.
      '2026-02-14 day0 张伟',
      '2026-02-24 day0 刘洋',
    ]);
  });

  it('24小时双人双岗: seats of two, every day, across the month and year end', () => {
    const members = people('张伟', '刘洋', '陈静', '李秀英');
    expect(cycle({ members, shifts: [FULL], seats: 2, days: ['workday', 'restday', 'holiday'] }, '2026-12-30', '2027-01-01')).toEqual([
      '2026-12-30 full0 张伟',
      '2026-12-30 full1 刘洋',
      '2026-12-31 full0 陈静',
      '2026-12-31 full1 李秀英',
      '2027-01-01 full0 张伟',
      '2027-01-01 full1 刘洋',
    ]);
    const last = planCycle({ name: 'r', shifts: [FULL], seats: 2, every: 'day', start: '2026-12-30', days: ['workday', 'restday', 'holiday'], members }, calendar, '2026-12-31', '2026-12-31', ZONE)[0]!;
    expect(iso(last.end)).toBe('2027-01-01T00:00:00.000Z');
  });

  it('a day and a night shift in one turn take two people', () => {
    expect(cycle({ members: people('张伟', '刘洋', '陈静'), shifts: [DAY, NIGHT], days: ['restday'] }, '2026-11-21', '2026-11-22')).toEqual([
      '2026-11-21 day0 张伟',
      '2026-11-21 night0 刘洋',
      '2026-11-22 day0 陈静',
      '2026-11-22 night0 张伟',
    ]);
  });

  it('a person leaving the rotation on a date: the next ones take the turns', () => {
    const members: Member[] = [...people('张伟', '刘洋'), { personId: 3, name: '陈静', until: '2026-12-02' }];
    expect(cycle({ members, days: ['workday', 'restday'] }, '2026-12-01', '2026-12-05').map((l) => l.slice(-2))).toEqual(['张伟', '刘洋', '张伟', '刘洋', '张伟']);
  });

  it('a person joining on a date takes turns from then, in list order', () => {
    const members: Member[] = [...people('张伟', '刘洋', '陈静'), { personId: 4, name: '李秀英', from: '2026-12-03' }];
    expect(cycle({ members, days: ['workday', 'restday'] }, '2026-12-01', '2026-12-05').map((l) => l.slice(-3).replace(' ', ''))).toEqual(['张伟', '刘洋', '陈静', '李秀英', '张伟']);
  });

  it('a weekly turn whose person leaves mid-week is filled by the next one for the rest of it', () => {
    const members: Member[] = [{ personId: 1, name: '张伟', until: '2026-12-02' }, ...people('x', '刘洋').slice(1)];
    expect(cycle({ members, every: 'week' }, '2026-11-30', '2026-12-04').map((l) => l.slice(-2))).toEqual(['张伟', '张伟', '张伟', '刘洋', '刘洋']);
  });
});

describe('the holiday rotation stays fair across the year', () => {
  /** Three one-day holidays on Wednesdays: 春节 in two years and 国庆 between. */
  const holidays = new OfficeCalendar([], [
    { date: '2026-02-18', kind: 'holiday', name: '春节' },
    { date: '2026-09-30', kind: 'holiday', name: '国庆节' },
    { date: '2027-02-10', kind: 'holiday', name: '春节' },
  ]);
  const members = people('张伟', '刘洋', '陈静', '李秀英');
  const plan = (from: string, to: string, list = members) =>
    planHoliday({ name: 'h', shifts: [DAY], seats: 2, members: list, start: '2026-01-01' }, holidays, from, to, ZONE).map((s) => `${s.date} ${names(list).get(s.personId)}`);

  it('who did the last Spring Festival does not do this one, though all have done as much', () => {
    expect(plan('2026-01-01', '2027-12-31')).toEqual(['2026-02-18 张伟', '2026-02-18 刘洋', '2026-09-30 陈静', '2026-09-30 李秀英', '2027-02-10 陈静', '2027-02-10 李秀英']);
  });

  it('asking for one block alone gives the same answer (the year is replayed from the start)', () => {
    expect(plan('2027-01-01', '2027-12-31')).toEqual(['2027-02-10 陈静', '2027-02-10 李秀英']);
  });

  it('a newcomer starts level with the least loaded, not with every holiday', () => {
    const joined: Member[] = [...people('张伟', '刘洋'), { personId: 3, name: '陈静', from: '2026-06-01' }];
    const result = planHoliday({ name: 'h', shifts: [DAY], seats: 1, members: joined, start: '2026-01-01' }, holidays, '2026-01-01', '2027-12-31', ZONE).map((s) => names(joined).get(s.personId));
    // 春节 张伟; 国庆 刘洋 (陈静 joins level with 刘洋's 0 hours but is later in the list); next 春节 not 张伟.
    expect(result).toEqual(['张伟', '刘洋', '陈静']);
  });

  it('over the official 2026 calendar, holiday hours are shared out within one shift of each other', () => {
    const four = people('张伟', '刘洋', '陈静', '李秀英');
    const seats = planHoliday({ name: 'h', shifts: [DAY], seats: 1, members: four, start: '2026-01-01' }, calendar, '2026-01-01', '2026-12-31', ZONE);
    const counts = four.map((m) => seats.filter((s) => s.personId === m.personId).length);
    expect(seats).toHaveLength(33);
    expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
  });
});

describe('sessions a duty shift covers (due early)', () => {
  const sessions = [
    { id: 'am', start: '08:00' },
    { id: 'pm', start: '13:00' },
  ];
  it.each([
    [[['2026-11-23T08:00', '2026-11-23T17:30']], ['am', 'pm']],
    [[['2026-11-22T17:30', '2026-11-23T08:00']], []],
    [[['2026-11-23T07:59', '2026-11-23T08:01']], ['am']],
    [[['2026-11-23T08:01', '2026-11-23T12:00']], []],
    [[['2026-11-23T12:00', '2026-11-24T12:00']], ['pm']],
  ])('%j covers %j', (spans, expected) => {
    const list = spans.map(([start, end]) => ({ start: new Date(`${start}:00+08:00`), end: new Date(`${end}:00+08:00`) }));
    expect(sessionsCovered(list, '2026-11-23', sessions, ZONE)).toEqual(expected);
  });
});
