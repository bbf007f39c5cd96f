import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/calendar/official.ts';
import { parseCalendarFile } from '../../src/calendar/calendar-file.ts';
import { isWorkday, OfficeCalendar } from '../../src/calendar/office-calendar.ts';

const calendar = new OfficeCalendar(officialCalendar(), []);

describe('the office calendar', () => {
  it.each([
    ['2026-10-01', 'holiday', '国庆节'],
    ['2026-10-07', 'holiday', '国庆节'],
    ['2026-10-10', 'makeup_workday', '国庆节'],
    ['2026-09-20', 'makeup_workday', '国庆节'],
    ['2026-02-14', 'makeup_workday', '春节'],
    ['2026-11-21', 'weekend', null],
    ['2026-11-23', 'workday', null],
    ['2026-01-01', 'holiday', '元旦'],
  ])('%s is a %s', (date, kind, name) => {
    expect(calendar.day(date)).toMatchObject({ kind, name });
  });

  it('works a workday and a 调休 weekend day, not a weekend nor a holiday: the one test, of a day or of a date', () => {
    const days = ['2026-11-23', '2026-10-10', '2026-11-21', '2026-10-01'];
    expect(days.map((date) => isWorkday(calendar.day(date)))).toEqual([true, true, false, false]);
    expect(days.map((date) => calendar.isWorkday(date))).toEqual([true, true, false, false]);
  });

  it('counts working days across a holiday week and its 调休 Saturday', () => {
    expect(calendar.workdaysBetween('2026-09-28', '2026-10-11')).toEqual(['2026-09-28', '2026-09-29', '2026-09-30', '2026-10-08', '2026-10-09', '2026-10-10']);
  });

  it('knows 2026 from the package but not 2027 until the office loads it', () => {
    expect(calendar.knowsYear(2026)).toBe(true);
    expect(calendar.knowsYear(2027)).toBe(false);
    const loaded = new OfficeCalendar(
      officialCalendar(),
      parseCalendarFile({
        days: [
          { from: '2027-02-06', to: '2027-02-13', kind: 'holiday', name: '春节' },
          { date: '2027-02-14', kind: '班', name: '春节' },
        ],
      }),
    );
    expect(loaded.knowsYear(2027)).toBe(true);
    expect(loaded.day('2027-02-08')).toMatchObject({ kind: 'holiday', name: '春节', source: 'office' });
    expect(loaded.day('2027-02-14')).toMatchObject({ kind: 'makeup_workday', source: 'office' });
  });

  it('lets an office entry correct the national calendar', () => {
    const corrected = new OfficeCalendar(officialCalendar(), [{ date: '2026-10-10', kind: 'holiday', name: '街道调整' }]);
    expect(corrected.isWorkday('2026-10-10')).toBe(false);
    expect(corrected.day('2026-10-10').source).toBe('office');
  });

  it('lists a month, month ends included', () => {
    expect(calendar.month('2026-02').map((d) => d.date).at(-1)).toBe('2026-02-28');
    expect(calendar.month('2028-02')).toHaveLength(29);
  });

  it('names a bad calendar file entry', () => {
    expect(() => parseCalendarFile({ days: [{ date: '2027-02-30', kind: 'holiday', name: 'x' }] })).toThrow(/days\.0.*not a real date/);
    expect(() => parseCalendarFile({ days: [{ date: '2027-01-01', kind: 'rest', name: 'x' }] })).toThrow(/days\.0/);
  });
});
