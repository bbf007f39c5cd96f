import { DateTime } from 'luxon';
import { describe, expect, it } from 'vitest';
import { officialCalendar } from '../../src/calendar/official.ts';
import { defaultPolicy } from '../../commands/index.ts';
import { OfficeCalendar } from '../../src/calendar/office-calendar.ts';
import {
  DUE_FROM_MEETING,
  isDatePhrase,
  LOOKING_BACK,
  MONTH_NOT_PAST,
  readClock,
  readDate,
  readDay,
  readDayAt,
  readHoliday,
  readMoment,
  readMonth,
  readNumber,
  readSpan,
  readWeek,
  readWeekday,
  SPAN_GLUED,
  SPAN_PREFIX,
  UPCOMING,
  type Rollover,
} from '../../src/time/grammar.ts';

const policy = defaultPolicy();
const zone = 'Asia/Shanghai';
const calendar = new OfficeCalendar(officialCalendar(), []);
const shanghai = (at: string) => DateTime.fromISO(at, { zone }).toJSDate();
const rules: Record<string, Rollover> = { UPCOMING, LOOKING_BACK, DUE_FROM_MEETING, MONTH_NOT_PAST };

/** Office-time text for a span, so a table row reads like the note staff wrote. */
function span(text: string, now: string, workdays = false): string {
  const result = readSpan(text, {
    now: shanghai(now),
    zone,
    rollover: UPCOMING,
    sessions: policy.sessions,
    ...(workdays ? { isWorkday: (d: string) => calendar.isWorkday(d) } : {}),
  });
  if (!result.ok) return result.reason;
  const f = (d: Date) => DateTime.fromJSDate(d, { zone }).toFormat('yyyy-MM-dd HH:mm');
  return `${f(result.start)} ~ ${f(result.end)}${result.rest ? ` | ${result.rest}` : ''}`;
}

function moment(text: string, now: string): string | null {
  const result = readMoment(text, { now: shanghai(now), zone, rollover: UPCOMING });
  if (result === null || result === 'invalid') return result;
  return `${DateTime.fromJSDate(result.at, { zone }).toFormat('yyyy-MM-dd HH:mm')}${result.rest ? ` | ${result.rest}` : ''}`;
}

describe('the grammar runs in the office zone on a UTC machine', () => {
  it('the machine’s own zone is UTC', () => {
    expect(Intl.DateTimeFormat().resolvedOptions().timeZone).toBe('UTC');
  });

  it.each([
    // 00:00 and 00:30 in Shanghai are still the previous day in UTC: today follows the office date.
    ['今天', '2026-11-23T00:00', '2026-11-23 08:00 ~ 2026-11-23 16:30'],
    ['明天', '2026-11-23T00:00', '2026-11-24 08:00 ~ 2026-11-24 16:30'],
    ['明天', '2026-11-23T23:59', '2026-11-24 08:00 ~ 2026-11-24 16:30'],
    ['今天23:00-23:59', '2026-11-23T09:00', '2026-11-23 23:00 ~ 2026-11-23 23:59'],
    ['外出 2小时', '2026-11-23T00:00', '2026-11-23 00:00 ~ 2026-11-23 02:00 | 外出'],
  ])('%s at %s', (text, now, expected) => {
    expect(span(text, now)).toBe(expected);
  });
});

describe('spans of working time (leave notes)', () => {
  it.each([
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
    // Month and year ends.
    ['12月30日到1月2日', '2026-12-20T10:00', '2026-12-30 08:00 ~ 2027-01-02 16:30'],
    ['12月31日到1月1日', '2026-12-28T10:00', '2026-12-31 08:00 ~ 2027-01-01 16:30'],
    ['1月4日', '2026-12-28T10:00', '2027-01-04 08:00 ~ 2027-01-04 16:30'],
    ['2027-01-04', '2026-12-28T10:00', '2027-01-04 08:00 ~ 2027-01-04 16:30'],
    ['2月28日到3月1日', '2027-02-20T10:00', '2027-02-28 08:00 ~ 2027-03-01 16:30'],
    ['28日到1日', '2027-02-20T10:00', '2027-02-28 08:00 ~ 2027-03-01 16:30'],
    ['今天下午2点到4点 外出 去街道开会', '2026-11-23T09:00', '2026-11-23 14:00 ~ 2026-11-23 16:00 | 外出 去街道开会'],
    ['今天14:00-16:00', '2026-11-23T09:00', '2026-11-23 14:00 ~ 2026-11-23 16:00'],
    ['下午2点半到4点', '2026-11-23T09:00', '2026-11-23 14:30 ~ 2026-11-23 16:00'],
    ['明天10点30到11点', '2026-11-23T09:00', '2026-11-24 10:30 ~ 2026-11-24 11:00'],
    ['明早9点到11点', '2026-11-23T09:00', '2026-11-24 09:00 ~ 2026-11-24 11:00'],
    ['14:00 2小时', '2026-11-23T09:00', '2026-11-23 14:00 ~ 2026-11-23 16:00'],
    ['外出 2小时', '2026-11-23T09:30', '2026-11-23 09:30 ~ 2026-11-23 11:30 | 外出'],
    ['明天上午到后天下午', '2026-11-23T09:00', '2026-11-24 08:00 ~ 2026-11-25 16:30'],
    ['明天 半天', '2026-11-23T09:00', '2026-11-24 08:00 ~ 2026-11-24 11:30'],
    ['3天 事假', '2026-11-23T09:00', '2026-11-23 08:00 ~ 2026-11-25 16:30 | 事假'],
    ['事假 看病', '2026-11-23T09:00', 'missing'],
    ['2月30日', '2026-01-10T09:00', 'invalid'],
    ['31日', '2026-11-20T09:00', 'invalid'],
    ['明天25点', '2026-11-23T09:00', 'invalid'],
    ['明天下午到明天上午', '2026-11-23T09:00', 'order'],
  ])('%s at %s', (text, now, expected) => {
    expect(span(text, now)).toBe(expected);
  });

  it('counts 3天 in working days when the caller gives the office calendar; 调休 is the calendar’s business', () => {
    // Friday 2026-11-27: the weekend does not count, so three working days end on Tuesday.
    expect(span('11月27日 3天', '2026-11-23T09:00', true)).toBe('2026-11-27 08:00 ~ 2026-12-01 16:30');
    // 2026-10-01..07 is the National Day holiday; 10-10 (Saturday) is a 调休 workday.
    expect(span('9月30日 3天', '2026-09-20T09:00', true)).toBe('2026-09-30 08:00 ~ 2026-10-09 16:30');
    // Without the calendar, days are days.
    expect(span('9月30日 3天', '2026-09-20T09:00')).toBe('2026-09-30 08:00 ~ 2026-10-02 16:30');
  });

  it('a date phrase answers a question for a date only when it is the whole first word', () => {
    const context = { now: shanghai('2026-11-23T09:00'), zone, rollover: UPCOMING, sessions: policy.sessions };
    expect(['明天', '11.25-11.26', '下午2点到4点', '3天', '12月30日到1月2日'].map((t) => isDatePhrase(t, context))).toEqual([true, true, true, true, true]);
    expect(['明天的事再说', '好的', '', '2月30日'].map((t) => isDatePhrase(t, context))).toEqual([false, false, false, false]);
  });

  it('dates before or right after a command word: days ahead only, past days stay talk', () => {
    expect(['明天', '11月25日到27日', '明天上午', '下周一', '今晚'].map((t) => SPAN_PREFIX.test(t))).toEqual([true, true, true, true, true]);
    expect(['我明天', '前天', '明天的'].map((t) => SPAN_PREFIX.test(t))).toEqual([false, false, false]);
    expect(['一天，事假', '半天', '明天上午', '3个工作日'].map((t) => SPAN_GLUED.test(t))).toEqual([true, true, true, true]);
    expect(['条', '的事', '前天说过了', '月底再说'].map((t) => SPAN_GLUED.test(t))).toEqual([false, false, false, false]);
  });
});

describe('days', () => {
  it.each([
    ['今天', '2026-11-23'],
    ['昨天', '2026-11-22'],
    ['前天', '2026-11-21'],
    ['大后天', '2026-11-26'],
    ['11月20日', '2026-11-20'],
    ['11-20', '2026-11-20'],
    ['11.20', '2026-11-20'],
    ['11/20', '2026-11-20'],
    ['12月31日', '2026-12-31'],
    ['2026-02-28', '2026-02-28'],
    ['2026-2-8', '2026-02-08'],
    ['2026年12月5日', '2026-12-05'],
    ['2026.12.5', '2026-12-05'],
    ['2月30日', null],
    ['上午', null],
    ['张三', null],
  ])('%s on Monday 2026-11-23 → %s', (word, expected) => {
    expect(readDay(word, { today: '2026-11-23', rollover: LOOKING_BACK })).toBe(expected);
  });

  it.each([
    // A bare weekday or day of month is the coming one ahead, the latest one looking back; today counts both ways.
    ['周三', UPCOMING, '2026-11-25'],
    ['周三', LOOKING_BACK, '2026-11-25'],
    ['周一', UPCOMING, '2026-11-30'],
    ['周一', LOOKING_BACK, '2026-11-23'],
    ['星期五', UPCOMING, '2026-11-27'],
    ['周五', LOOKING_BACK, '2026-11-20'],
    ['礼拜天', UPCOMING, '2026-11-29'],
    ['本周一', UPCOMING, '2026-11-23'],
    ['这周五', LOOKING_BACK, '2026-11-27'],
    ['下周三', UPCOMING, '2026-12-02'],
    ['下个星期一', UPCOMING, '2026-11-30'],
    ['下下周一', UPCOMING, '2026-12-07'],
    ['25日', UPCOMING, '2026-11-25'],
    ['20号', UPCOMING, '2026-12-20'],
    ['20号', LOOKING_BACK, '2026-11-20'],
    ['26日', LOOKING_BACK, '2026-10-26'],
    // A day this month lacks is no day, either way.
    ['31日', LOOKING_BACK, null],
    ['31日', UPCOMING, null],
    ['月底', UPCOMING, '2026-11-30'],
  ])('%s on Wednesday 2026-11-25 (%#)', (word, rollover, expected) => {
    expect(readDay(word, { today: '2026-11-25', rollover })).toBe(expected);
  });

  it.each([
    // The four rules at the turn of the year, each named where its families use it.
    ['UPCOMING', '2026-12-28', '1月4日', '2027-01-04'],
    ['UPCOMING', '2026-12-28', '12月31日', '2026-12-31'],
    ['UPCOMING', '2026-12-28', '10月30日', '2026-10-30'],
    ['UPCOMING', '2026-12-28', '10月28日', '2027-10-28'],
    ['UPCOMING', '2027-01-02', '12月31日', '2027-12-31'],
    ['LOOKING_BACK', '2026-01-05', '12月31日', '2025-12-31'],
    ['LOOKING_BACK', '2026-01-05', '7月5日', '2026-07-05'],
    ['LOOKING_BACK', '2026-01-05', '7月6日', '2025-07-06'],
    ['LOOKING_BACK', '2026-12-31', '1月1日', '2026-01-01'],
    ['DUE_FROM_MEETING', '2026-11-25', '1月5日', '2027-01-05'],
    ['DUE_FROM_MEETING', '2026-11-25', '10月25日', '2026-10-25'],
    ['DUE_FROM_MEETING', '2026-11-25', '10月24日', '2027-10-24'],
    ['DUE_FROM_MEETING', '2026-01-10', '12月20日', '2025-12-20'],
    ['DUE_FROM_MEETING', '2026-01-10', '12月5日', '2026-12-05'],
  ])('%s on %s: %s → %s', (rule, today, word, expected) => {
    expect(readDay(word, { today, rollover: rules[rule]! })).toBe(expected);
  });

  it('reads a day at the start of words and leaves the rest', () => {
    expect(readDayAt('12月5日 夜班 和 李秀英', { today: '2026-12-01', rollover: UPCOMING })).toEqual({ date: '2026-12-05', rest: '夜班 和 李秀英' });
    expect(readDayAt('周五和张伟', { today: '2026-12-01', rollover: UPCOMING })).toEqual({ date: '2026-12-04', rest: '和张伟' });
    expect(readDayAt('1月2日', { today: '2026-12-28', rollover: UPCOMING })).toEqual({ date: '2027-01-02', rest: '' });
    expect(readDayAt('和李秀英 12月5日', { today: '2026-12-01', rollover: UPCOMING })).toBeNull();
    expect(readDayAt('2月30日 张伟', { today: '2026-12-01', rollover: UPCOMING })).toBeNull();
  });

  it('reads a roster sheet’s dates with their year and its weekday column', () => {
    expect(['2026-12-05', '2026/12/5', '2026.12.5', '2026年12月5日'].map(readDate)).toEqual(['2026-12-05', '2026-12-05', '2026-12-05', '2026-12-05']);
    expect(['12月5日', '明天', '2026-02-30', ''].map(readDate)).toEqual([null, null, null, null]);
    expect(['周一', '星期日', '礼拜天', '三', '周八', '周1'].map(readWeekday)).toEqual([1, 7, 7, 3, null, null]);
  });
});

describe('weeks, months and holidays', () => {
  it.each([
    ['本周', '2026-11-30'],
    ['这个星期', '2026-11-30'],
    ['上周', '2026-11-23'],
    ['上上周', '2026-11-16'],
    ['下周', '2026-12-07'],
    ['下个星期', '2026-12-07'],
    ['下下周', '2026-12-14'],
    ['周三', null],
    ['本月', null],
  ])('week %s on Wednesday 2026-12-02 → Monday %s', (word, monday) => {
    expect(readWeek(word, { today: '2026-12-02' })).toBe(monday);
  });

  it('上周 in the first days of a year is in the year before', () => {
    expect(readWeek('上周', { today: '2026-01-01' })).toBe('2025-12-22');
  });

  it.each([
    ['本月', '2026-01'],
    ['这个月', '2026-01'],
    ['上月', '2025-12'],
    ['上个月', '2025-12'],
    ['下月', '2026-02'],
    ['11月', '2025-11'],
    ['1月', '2026-01'],
    ['3月份', '2026-03'],
    ['7月', '2026-07'],
    ['8月', '2025-08'],
    ['2026-01', '2026-01'],
    ['2026-1', '2026-01'],
    ['2025年12月', '2025-12'],
    ['13月', null],
    ['2026-13', null],
    ['张三', null],
  ])('month %s in January 2026, looking back → %s', (word, expected) => {
    expect(readMonth(word, { today: '2026-01-15', rollover: LOOKING_BACK })).toBe(expected);
  });

  it('a duty month not yet past: 1月 written in December is next January, 12月 is this one', () => {
    expect(readMonth('1月', { today: '2026-12-31', rollover: MONTH_NOT_PAST })).toBe('2027-01');
    expect(readMonth('12月', { today: '2026-12-31', rollover: MONTH_NOT_PAST })).toBe('2026-12');
    expect(readMonth('下个月', { today: '2026-12-31', rollover: MONTH_NOT_PAST })).toBe('2027-01');
    expect(readMonth('本月', { today: '2026-02-28', rollover: MONTH_NOT_PAST })).toBe('2026-02');
  });

  it('names holidays as the office calendar does', () => {
    expect(['元旦', '过年', '五一', '十一', '国庆节', '端午', '周末'].map(readHoliday)).toEqual(['元旦', '春节', '劳动节', '国庆', '国庆', '端午', null]);
  });
});

describe('clock times and moments (定时通知)', () => {
  it.each([
    ['9:00', null, 9 * 60],
    ['9点', null, 9 * 60],
    ['9点半', null, 9 * 60 + 30],
    ['10点30', null, 10 * 60 + 30],
    ['10点30分', null, 10 * 60 + 30],
    ['九点整', null, 9 * 60],
    ['十二点', null, 12 * 60],
    ['00:00', null, 0],
    ['23:59', null, 23 * 60 + 59],
    ['3点', '下午', 15 * 60],
    ['8点', '晚上', 20 * 60],
    ['12点', '中午', 12 * 60],
    ['1点', '中午', 13 * 60],
    ['9点', '上午', 9 * 60],
    ['24:00', null, null],
    ['9:75', null, null],
  ])('%s (%s) → %s', (clock, part, minute) => {
    expect(readClock(clock, part)).toBe(minute);
  });

  it.each([
    ['12月5日 8:00 义诊', '2026-12-02T09:00', '2026-12-05 08:00 | 义诊'],
    ['明天下午3点半 开会', '2026-12-02T09:00', '2026-12-03 15:30 | 开会'],
    ['1月2日 9:00 新年', '2026-12-02T09:00', '2027-01-02 09:00 | 新年'],
    ['12-5 8:00', '2026-12-02T09:00', '2026-12-05 08:00'],
    ['2026年12月5日 上午9点 通知', '2026-12-02T09:00', '2026-12-05 09:00 | 通知'],
    ['今晚8点 停水', '2026-12-02T09:00', '2026-12-02 20:00 | 停水'],
    ['周五 9:00', '2026-12-02T09:00', '2026-12-04 09:00'],
    // 23:59 on New Year's Eve in Shanghai is 15:59 UTC: 明天 is the new year.
    ['明天 0:00 新年好', '2026-12-31T23:59', '2027-01-01 00:00 | 新年好'],
    ['2月30日 9:00 x', '2026-12-02T09:00', 'invalid'],
    ['明天 25:00 x', '2026-12-02T09:00', 'invalid'],
    ['明天停电', '2026-12-02T09:00', null],
    ['3栋 明天 9:00', '2026-12-02T09:00', null],
  ])('%s at %s', (text, now, expected) => {
    expect(moment(text, now)).toBe(expected);
  });

  it('a moment is an instant in the office zone', () => {
    const sent = readMoment('12月5日 8:00 义诊', { now: new Date('2026-12-02T01:00:00Z'), zone, rollover: UPCOMING });
    expect(sent).toEqual({ at: new Date('2026-12-05T00:00:00Z'), rest: '义诊' });
  });
});

describe('numbers', () => {
  it('reads Chinese numerals', () => {
    expect([readNumber('三'), readNumber('十二'), readNumber('二十五'), readNumber('两'), readNumber('一半'), readNumber('半'), readNumber('1.5'), readNumber('百')]).toEqual([3, 12, 25, 2, 1.5, 0.5, 1.5, null]);
    expect(span('明天 两天', '2026-11-23T09:00')).toBe('2026-11-24 08:00 ~ 2026-11-25 16:30');
  });
});
