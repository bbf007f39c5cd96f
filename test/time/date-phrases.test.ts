import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/calendar/official.ts';
import { defaultPolicy } from '../../commands/index.ts';
import { OfficeCalendar } from '../../src/calendar/office-calendar.ts';
import { parseLeaveWhen, readNumber } from '../../src/time/date-phrases.ts';

const policy = defaultPolicy();
const calendar = new OfficeCalendar(officialCalendar(), []);

/** Office-time text for a parse, so a table row reads like the note staff wrote. */
function read(text: string, now: string, workdays = false): string {
  const result = parseLeaveWhen(text, {
    now: DateTime.fromISO(now, { zone: 'Asia/Shanghai' }).toJSDate(),
    zone: policy.timezone,
    sessions: policy.sessions,
    ...(workdays ? { isWorkday: (d: string) => calendar.isWorkday(d) } : {}),
  });
  if (!result.ok) return result.reason;
  const f = (d: Date) => DateTime.fromJSDate(d, { zone: 'Asia/Shanghai' }).toFormat('yyyy-MM-dd HH:mm');
  return `${f(result.start)} ~ ${f(result.end)}${result.rest ? ` | ${result.rest}` : ''}`;
}

describe('leave dates as staff write them (office zone on a UTC machine)', () => {
  it('runs on a machine whose own zone is UTC', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
  });

  it.each([
    // 00:30 in Shanghai is still the previous day in UTC: 今天/明天 must follow the office date.
    ['明天 事假 去区医院体检', '2026-11-23T00:30', '2026-11-24 08:00 ~ 2026-11-24 16:30 | 事假 去区医院体检'],
    ['今天', '2026-11-23T00:30', '2026-11-23 08:00 ~ 2026-11-23 16:30'],
    ['后天上午', '2026-11-23T09:00', '2026-11-25 08:00 ~ 2026-11-25 11:30'],
    ['明天下午', '2026-11-30T23:59', '2026-12-01 13:00 ~ 2026-12-01 16:30'],
    ['明天 全天', '2026-12-31T20:00', '2027-01-01 08:00 ~ 2027-01-01 16:30'],
    ['下周一', '2026-11-29T10:00', '2026-11-30 08:00 ~ 2026-11-30 16:30'],
    ['下周一', '2026-11-23T10:00', '2026-11-30 08:00 ~ 2026-11-30 16:30'],
    ['周五', '2026-11-25T10:00', '2026-11-27 08:00 ~ 2026-11-27 16:30'],
    ['11月25日到27日 年休假 回老家', '2026-11-20T10:00', '2026-11-25 08:00 ~ 2026-11-27 16:30 | 年休假 回老家'],
    ['11月25日至27日', '2026-11-20T10:00', '2026-11-25 08:00 ~ 2026-11-27 16:30'],
    ['11月25日-27日', '2026-11-20T10:00', '2026-11-25 08:00 ~ 2026-11-27 16:30'],
    ['11.25-11.27', '2026-11-20T10:00', '2026-11-25 08:00 ~ 2026-11-27 16:30'],
    ['11月30日到2日', '2026-11-20T10:00', '2026-11-30 08:00 ~ 2026-12-02 16:30'],
    ['12月30日到1月2日', '2026-12-20T10:00', '2026-12-30 08:00 ~ 2027-01-02 16:30'],
    ['1月4日', '2026-12-28T10:00', '2027-01-04 08:00 ~ 2027-01-04 16:30'],
    ['2027-01-04', '2026-12-28T10:00', '2027-01-04 08:00 ~ 2027-01-04 16:30'],
    ['今天下午2点到4点 外出 去街道开会', '2026-11-23T09:00', '2026-11-23 14:00 ~ 2026-11-23 16:00 | 外出 去街道开会'],
    ['今天14:00-16:00', '2026-11-23T09:00', '2026-11-23 14:00 ~ 2026-11-23 16:00'],
    ['下午2点半到4点', '2026-11-23T09:00', '2026-11-23 14:30 ~ 2026-11-23 16:00'],
    ['14:00 2小时', '2026-11-23T09:00', '2026-11-23 14:00 ~ 2026-11-23 16:00'],
    ['外出 2小时', '2026-11-23T09:30', '2026-11-23 09:30 ~ 2026-11-23 11:30 | 外出'],
    ['明天上午到后天下午', '2026-11-23T09:00', '2026-11-24 08:00 ~ 2026-11-25 16:30'],
    ['明天 半天', '2026-11-23T09:00', '2026-11-24 08:00 ~ 2026-11-24 11:30'],
    ['3天 事假', '2026-11-23T09:00', '2026-11-23 08:00 ~ 2026-11-25 16:30 | 事假'],
    ['事假 看病', '2026-11-23T09:00', 'missing'],
    ['2月30日', '2026-01-10T09:00', 'invalid'],
    ['明天下午到明天上午', '2026-11-23T09:00', 'order'],
  ])('%s at %s', (text, now, expected) => {
    expect(read(text, now)).toBe(expected);
  });

  it('counts 3天 in working days on the office calendar when it is given', () => {
    // Friday 2026-11-27: the weekend does not count, so three working days end on Tuesday.
    expect(read('11月27日 3天', '2026-11-23T09:00', true)).toBe('2026-11-27 08:00 ~ 2026-12-01 16:30');
    // 2026-10-01..07 is the National Day holiday; 10-10 (Saturday) is a 调休 workday.
    expect(read('9月30日 3天', '2026-09-20T09:00', true)).toBe('2026-09-30 08:00 ~ 2026-10-09 16:30');
  });

  it('reads Chinese numerals', () => {
    expect([readNumber('三'), readNumber('十二'), readNumber('二十五'), readNumber('两'), readNumber('一半'), readNumber('半')]).toEqual([3, 12, 25, 2, 1.5, 0.5]);
    expect(read('明天 两天', '2026-11-23T09:00')).toBe('2026-11-24 08:00 ~ 2026-11-25 16:30');
  });
});
