import { DateTime } from 'luxon';
import type { SessionRule } from '../config/policy.ts';
import { parseHHMM } from './office-time.ts';

/**
 * The dates and times staff write in a leave note, read in the office zone: 今天/明天/后天,
 * 下周一, 11月25日, 11.25, 上午/下午/全天, 14:00, 下午2点, ranges with 到/至/-/~, and durations
 * (2小时, 3天, 半天). Pure: the reference time and the working-day test are passed in.
 */

export interface WhenOptions {
  now: Date;
  zone: string;
  sessions: readonly SessionRule[];
  /** Counts 3天 as working days when given (YYYY-MM-DD → worked?). */
  isWorkday?: (date: string) => boolean;
}

export type WhenResult =
  | { ok: true; start: Date; end: Date; rest: string }
  | { ok: false; reason: 'missing'; rest: string }
  | { ok: false; reason: 'invalid' | 'order'; rest: string };

type Part = 'am' | 'pm' | 'day';
interface Point {
  date: string | null;
  /** Day of month only (27日): month comes from the start. */
  dayOnly: number | null;
  part: Part | null;
  minute: number | null;
  /** The hour was written without 上午/下午 and may mean the afternoon. */
  bareHour: boolean;
}

const CN_DIGITS: Record<string, number> = { 零: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };

/** 1-99 in digits or Chinese numerals (三, 十二, 二十五); 半 is 0.5. */
export function readNumber(text: string): number | null {
  if (/^\d+(\.\d+)?$/.test(text)) return Number(text);
  if (text === '半') return 0.5;
  const half = text.endsWith('半') ? 0.5 : 0;
  const body = half ? text.slice(0, -1) : text;
  const match = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/.exec(body);
  if (!match || body === '') return null;
  const [, tens, ten, ones] = match;
  if (!ten) return tens && !ones ? CN_DIGITS[tens]! + half : null;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0) + half;
}

const NUM = '\\d{1,2}|[一二两三四五六七八九十]{1,3}';
const DATE =
  `(?<iso>\\d{4}-\\d{1,2}-\\d{1,2})|(?:(?<y>\\d{4})[年./])?(?<m>\\d{1,2})[月./](?<d>\\d{1,2})[日号]?` +
  `|(?<rel>大后天|今天|今日|明天|明日|后天)|(?<wk>下下?周|下个?星期|下礼拜|本周|这周|周|星期|礼拜)(?<wd>[一二三四五六日天1-7])|(?<donly>\\d{1,2})[日号]`;
const PART = '(?<part>上午|下午|全天|整天|早上|中午|晚上)';
const TIME = `(?<h>${NUM})(?::(?<mi>\\d{2})|点(?:(?<half>半)|(?<mi2>\\d{1,2})分?|整)?|时)`;
const POINT = new RegExp(`(?:${DATE})?\\s*${PART}?\\s*(?:${TIME})?`, 'y');
const RANGE_SEP = /\s*(?:到|至|-|~|～|—)\s*/y;
const DURATION = new RegExp(`(?<n>\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3}半?|半)\\s*(?:个)?(?<u>小时|钟头|天|工作日)`);
const WEEKDAY: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7 };

function pointAt(text: string, index: number, today: DateTime): { point: Point; end: number } | null {
  POINT.lastIndex = index;
  const match = POINT.exec(text);
  if (!match || match[0].trim() === '') return null;
  const g = match.groups!;
  let date: string | null = null;
  if (g.iso) date = DateTime.fromISO(g.iso.replace(/-(\d)(?=-|$)/g, '-0$1')).toISODate();
  else if (g.m) date = monthDay(today, g.y ? Number(g.y) : null, Number(g.m), Number(g.d));
  else if (g.rel) date = today.plus({ days: { 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 }[g.rel]! }).toISODate();
  else if (g.wk) date = weekday(today, g.wk, WEEKDAY[g.wd!] ?? Number(g.wd));
  if ((g.iso || g.m) && !date) date = 'invalid';
  const part: Part | null = !g.part ? null : /上午|早上/.test(g.part) ? 'am' : /下午|晚上/.test(g.part) ? 'pm' : g.part === '中午' ? 'pm' : 'day';
  let minute: number | null = null;
  if (g.h) {
    const hour = readNumber(g.h);
    const mins = g.mi ?? g.mi2;
    minute = hour === null ? -1 : hour * 60 + (g.half ? 30 : mins ? Number(mins) : 0);
    if (hour !== null && part === 'pm' && hour < 12) minute += 12 * 60;
  }
  const point: Point = { date, dayOnly: g.donly ? Number(g.donly) : null, part, minute, bareHour: Boolean(g.h) && !g.part };
  return { point, end: index + match[0].length };
}

/** M月D日 without a year: this year, or next year when that day is long past (written in December). */
function monthDay(today: DateTime, year: number | null, month: number, day: number): string | null {
  const y = year ?? today.year;
  const candidate = DateTime.fromObject({ year: y, month, day }, { zone: today.zone });
  if (!candidate.isValid) return null;
  if (year === null && candidate < today.minus({ days: 60 })) return candidate.plus({ years: 1 }).toISODate();
  return candidate.toISODate();
}

function weekday(today: DateTime, word: string, day: number): string {
  if (word.startsWith('下下')) return today.startOf('week').plus({ weeks: 2, days: day - 1 }).toISODate()!;
  if (word.startsWith('下')) return today.startOf('week').plus({ weeks: 1, days: day - 1 }).toISODate()!;
  const thisWeek = today.startOf('week').plus({ days: day - 1 });
  if (word === '本周' || word === '这周') return thisWeek.toISODate()!;
  return (thisWeek < today.startOf('day') ? thisWeek.plus({ weeks: 1 }) : thisWeek).toISODate()!;
}

function sessionBounds(sessions: readonly SessionRule[], part: Part): { start: number; end: number } {
  const sorted = [...sessions].sort((a, b) => parseHHMM(a.start) - parseHHMM(b.start));
  const noon = 12 * 60;
  const am = sorted.filter((s) => parseHHMM(s.start) < noon);
  const pm = sorted.filter((s) => parseHHMM(s.start) >= noon);
  const pick = part === 'am' ? (am.length ? am : sorted) : part === 'pm' ? (pm.length ? pm : sorted) : sorted;
  return { start: parseHHMM(pick[0]!.start), end: parseHHMM(pick.at(-1)!.end) };
}

/** A bare hour before 7 (2点) is read as the afternoon: nobody takes leave at 2 a.m. */
function bareMinute(point: Point): number | null {
  if (point.minute === null) return null;
  return point.bareHour && point.minute < 7 * 60 ? point.minute + 12 * 60 : point.minute;
}

function at(date: string, minute: number, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf('day').plus({ minutes: minute });
}

export function parseLeaveWhen(text: string, options: WhenOptions): WhenResult {
  const { zone, sessions } = options;
  const today = DateTime.fromJSDate(options.now, { zone }).startOf('day');
  let rest = text;

  const durationMatch = DURATION.exec(rest) ?? (/半天/.exec(rest) ? Object.assign(/半天/.exec(rest)!, { groups: { n: '半', u: '天' } }) : null);
  let duration: { minutes?: number; days?: number } | null = null;
  if (durationMatch) {
    const n = readNumber(durationMatch.groups!.n!);
    if (n === null || n <= 0) return { ok: false, reason: 'invalid', rest };
    duration = /小时|钟头/.test(durationMatch.groups!.u!) ? { minutes: Math.round(n * 60) } : { days: n };
    rest = `${rest.slice(0, durationMatch.index)} ${rest.slice(durationMatch.index + durationMatch[0].length)}`;
  }

  let first: { point: Point; end: number; index: number } | null = null;
  for (let i = 0; i < rest.length && !first; i++) {
    const found = pointAt(rest, i, today);
    if (found) first = { ...found, index: i };
  }
  let second: Point | null = null;
  let consumedTo = first?.end ?? 0;
  if (first) {
    RANGE_SEP.lastIndex = first.end;
    if (RANGE_SEP.exec(rest)) {
      const found = pointAt(rest, RANGE_SEP.lastIndex, today);
      if (found) {
        second = found.point;
        consumedTo = found.end;
      }
    }
    rest = `${rest.slice(0, first.index)} ${rest.slice(consumedTo)}`;
  }
  rest = rest.replace(/\s+/g, ' ').trim();
  if (!first && !duration) return { ok: false, reason: 'missing', rest };

  const startPoint: Point = first?.point ?? { date: null, dayOnly: null, part: null, minute: null, bareHour: false };
  if (startPoint.date === 'invalid' || second?.date === 'invalid' || startPoint.minute === -1 || second?.minute === -1) return { ok: false, reason: 'invalid', rest };

  const startDate = startPoint.date ?? (startPoint.dayOnly ? dayOfMonth(today, startPoint.dayOnly, today) : today.toISODate()!);
  if (!startDate) return { ok: false, reason: 'invalid', rest };
  const startMinute = bareMinute(startPoint);
  const startPart: Part = startPoint.part ?? (startMinute !== null && startMinute >= 12 * 60 ? 'pm' : 'day');
  const onlyDuration = !first && duration?.minutes !== undefined;
  let start = onlyDuration
    ? DateTime.fromJSDate(options.now, { zone })
    : at(startDate, startMinute ?? sessionBounds(sessions, startPart).start, zone);

  let end: DateTime;
  if (second) {
    const endDate = second.date ?? (second.dayOnly ? dayOfMonth(DateTime.fromISO(startDate, { zone }), second.dayOnly, DateTime.fromISO(startDate, { zone })) : startDate);
    if (!endDate) return { ok: false, reason: 'invalid', rest };
    let endMinute = bareMinute(second);
    // 下午2点到4点: the end inherits the afternoon.
    if (endMinute !== null && second.bareHour && startMinute !== null && startMinute >= 12 * 60 && endMinute < 12 * 60) endMinute += 12 * 60;
    const endPart: Part = second.part ?? (second.minute === null && startPoint.part === 'am' && !second.date && !second.dayOnly ? 'am' : 'day');
    end = at(endDate, endMinute ?? sessionBounds(sessions, endPart).end, zone);
  } else if (duration?.minutes !== undefined) {
    end = start.plus({ minutes: duration.minutes });
  } else if (duration?.days !== undefined) {
    const whole = Math.ceil(duration.days);
    let day = DateTime.fromISO(startDate, { zone });
    const counts = (d: DateTime) => !options.isWorkday || options.isWorkday(d.toISODate()!);
    // A leave counted in working days starts on a working day.
    while (!counts(day)) day = day.plus({ days: 1 });
    if (startMinute === null && !startPoint.part) start = at(day.toISODate()!, sessionBounds(sessions, 'day').start, zone);
    for (let counted = 1; counted < whole; ) {
      day = day.plus({ days: 1 });
      if (counts(day)) counted++;
    }
    const halfDay = duration.days % 1 !== 0;
    const lastPart: Part = halfDay ? (whole === 1 && startPart === 'pm' ? 'pm' : 'am') : 'day';
    end = at(day.toISODate()!, sessionBounds(sessions, lastPart).end, zone);
  } else if (startMinute !== null) {
    // 今天14:00 alone: until the end of that half of the day.
    end = at(startDate, sessionBounds(sessions, startMinute >= 12 * 60 ? 'pm' : 'am').end, zone);
  } else {
    end = at(startDate, sessionBounds(sessions, startPart).end, zone);
  }
  if (end <= start) return { ok: false, reason: 'order', rest };
  return { ok: true, start: start.toJSDate(), end: end.toJSDate(), rest };
}

/** 27日: in the reference month, or the next month when that day has passed (29日到2日). */
function dayOfMonth(reference: DateTime, day: number, notBefore: DateTime): string | null {
  let candidate = reference.set({ day: 1 }).plus({ days: day - 1 });
  if (candidate.day !== day) return null;
  if (candidate < notBefore.startOf('day')) candidate = reference.set({ day: 1 }).plus({ months: 1 }).set({ day });
  return candidate.isValid && candidate.day === day ? candidate.toISODate() : null;
}

const DAY_TOKEN = '(?:今天|今日|明天|明日|后天|大后天|下下?周[一二三四五六日天]|(?:本|这)周[一二三四五六日天]|周[一二三四五六日天]|星期[一二三四五六日天]|\\d{1,2}月\\d{1,2}[日号]?|\\d{1,2}[./]\\d{1,2}|\\d{1,2}[日号])';
const DURATION_TOKEN = '(?:半天|(?:\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3}半?)\\s*个?(?:小时|钟头|天|工作日))';

/** Dates written before a leave word: 「明天请假」「11月25日到27日请假」 (the whole prefix, nothing else). */
export const WHEN_PREFIX = new RegExp(`^(?:${DAY_TOKEN}(?:上午|下午|全天|整天)?(?:\\s*(?:到|至|-|~)\\s*)?)+$`);
/** What may follow a leave word with no separator: 「请假一天」「请假半天」「请假明天上午」. */
export const WHEN_GLUED = new RegExp(`^(?:${DURATION_TOKEN}|${DAY_TOKEN})`);

/** True when the text begins with a date, time or duration phrase (明天, 11.25-11.26, 下午2点到4点, 3天). */
export function isDatePhrase(text: string, options: WhenOptions): boolean {
  const first = text.split(/[\s,、;]+/)[0] ?? '';
  if (first === '') return false;
  const when = parseLeaveWhen(first, options);
  return when.ok && when.rest === '';
}
