import { DateTime, type DurationLike } from 'luxon';
import type { SessionRule } from '../config/policy.ts';
import { officeDate, parseHHMM } from './office-time.ts';

/**
 * The Chinese dates and times staff write in chat, read in one place: days (今天, 周五, 下周三,
 * 12月5日, 12.5, 2026年12月5日, 27日, 月底), parts of a day (上午, 晚上, 明早, 今晚), clock times
 * (9:00, 9点, 9点半, 10点30), ranges (到/至/-/~), durations (3天, 半天, 2小时), weeks (本周, 上周),
 * months (本月, 12月, 2026-12) and holiday names (元旦, 国庆). Pure: today, the office zone and where
 * a date written without its year falls (`Rollover`) come from the caller; the calendar's 调休 is
 * not the grammar's business (a working-day test is passed in where 3天 counts working days).
 */

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

/**
 * Where a date written without its year (12月5日, 12月) or its week (周五, 27日) falls around today.
 * First today's year; then a year back when it lies more than `lastYearAfter` ahead, then a year on
 * when it lies more than `nextYearBefore` behind. Months compare month by month.
 */
export interface Rollover {
  lastYearAfter?: DurationLike;
  nextYearBefore?: DurationLike;
  /** 周五 and 27日 alone: the next one, today included ('ahead'), or the latest one ('back'). */
  toward: 'ahead' | 'back';
}

/** Days ahead (leave notes, duty days, 定时通知, a date answering the router): over 60 days past is next year's. */
export const UPCOMING: Rollover = { nextYearBefore: { days: 60 }, toward: 'ahead' };
/** Days and months looked back on (补记, 考勤 and 事件 months, plan weeks, a meeting's date): over six months ahead is last year's. */
export const LOOKING_BACK: Rollover = { lastYearAfter: { months: 6 }, toward: 'back' };
/** A task's due date from its meeting: from a month before the meeting to eleven months after. */
export const DUE_FROM_MEETING: Rollover = { lastYearAfter: { months: 6 }, nextYearBefore: { months: 1 }, toward: 'ahead' };
/** Duty months (值班 1月 written in December): a month already past is next year's. */
export const MONTH_NOT_PAST: Rollover = { nextYearBefore: { months: 0 }, toward: 'ahead' };

const RELATIVE_DAYS: Record<string, number> = { 前天: -2, 昨天: -1, 昨日: -1, 今天: 0, 今日: 0, 明天: 1, 明日: 1, 后天: 2, 大后天: 3 };
const WEEKDAYS: Record<string, number> = { 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6, 日: 7, 天: 7, '1': 1, '2': 2, '3': 3, '4': 4, '5': 5, '6': 6, '7': 7 };
const alternatives = (words: readonly string[]) => [...words].sort((a, b) => b.length - a.length).join('|');

/** The forms of a day phrase as regular-expression sources without groups, for patterns that place a date. */
export const DAY_FORMS = {
  /** 2026-12-05, 2026年12月5日, 2026.12.5, 2026/12/5 */
  dated: '\\d{4}[-/.年]\\d{1,2}[-/.月]\\d{1,2}[日号]?',
  /** 12月5日, 12月5号 */
  monthDay: '\\d{1,2}月\\d{1,2}[日号]?',
  /** 12.5, 12/5 */
  dotted: '\\d{1,2}[./]\\d{1,2}[日号]?',
  /** 12-5: not in running text, where - joins a range (11.25-11.27). */
  dashed: '\\d{1,2}-\\d{1,2}',
  /** 今天 … 大后天 */
  coming: alternatives(['今天', '今日', '明天', '明日', '后天', '大后天']),
  /** 前天, 昨天, 今天 */
  past: alternatives(['前天', '昨天', '昨日', '今天', '今日']),
  /** 周五, 星期五, 礼拜天, 本周五, 下周三, 下个星期一, 下下周一 */
  weekday: '(?:下下|下个?|本|这)?(?:周|星期|礼拜)[一二三四五六日天1-7]',
  /** 27日, 5号: in this month or the next (or the last, looking back). */
  dayOfMonth: '\\d{1,2}[日号]',
  /** 月底, 本月底 */
  monthEnd: '本?月底',
} as const;

const F = DAY_FORMS;
const RELATIVE = alternatives(Object.keys(RELATIVE_DAYS));
/** A day in running text. */
export const DAY = `(?:${F.dated}|${F.monthDay}|${F.dotted}|${RELATIVE}|${F.weekday}|${F.dayOfMonth})`;
/** 今晚8点: a day and its part in one word. */
const HALF_DAYS: Record<string, { days: number; part: string }> = { 今早: { days: 0, part: '早上' }, 今晚: { days: 0, part: '晚上' }, 明早: { days: 1, part: '早上' }, 明晚: { days: 1, part: '晚上' } };
const HALF_DAY = alternatives(Object.keys(HALF_DAYS));
const PART = '上午|下午|全天|整天|早上|中午|晚上';
const NUM = '\\d{1,2}|[一二两三四五六七八九十]{1,3}';
/** 9:00, 9点, 9点半, 10点30, 10点30分, 9点整, 9时. */
export const CLOCK = `(?:${NUM})(?:[:：]\\d{2}|点(?:半|\\d{1,2}分?|整)?|时)`;
const RANGE = '\\s*(?:到|至|-|~|～|—)\\s*';
/** 3天, 半天, 2小时, 1.5个工作日: the number and the unit are its groups. */
const DURATION = '(\\d+(?:\\.\\d+)?|[一二两三四五六七八九十]{1,3}半?|半)\\s*个?(小时|钟头|天|工作日)';

type DayWord =
  | { kind: 'date'; year: number | null; month: number; day: number }
  | { kind: 'relative'; days: number }
  /** weeks: 下 1, 下下 2, 本/这 0; null when written bare (周五). */
  | { kind: 'weekday'; weeks: number | null; weekday: number }
  | { kind: 'dayOfMonth'; day: number }
  | { kind: 'monthEnd' };

const DAY_WORD = new RegExp(
  `^(?:(?<dated>${F.dated})|(?<monthDay>${F.monthDay}|${F.dotted}|${F.dashed})|(?<relative>${RELATIVE})|(?<weekday>${F.weekday})|(?<dayOfMonth>${F.dayOfMonth})|(?<monthEnd>${F.monthEnd}))$`,
);

function dayWord(word: string): DayWord | null {
  const g = DAY_WORD.exec(word)?.groups;
  if (!g) return null;
  const n = (word.match(/\d+/g) ?? []).map(Number);
  if (g.dated) return { kind: 'date', year: n[0]!, month: n[1]!, day: n[2]! };
  if (g.monthDay) return { kind: 'date', year: null, month: n[0]!, day: n[1]! };
  if (g.relative) return { kind: 'relative', days: RELATIVE_DAYS[word]! };
  if (g.weekday) {
    const weeks = word.startsWith('下下') ? 2 : word.startsWith('下') ? 1 : /^[本这]/.test(word) ? 0 : null;
    return { kind: 'weekday', weeks, weekday: WEEKDAYS[word.at(-1)!]! };
  }
  if (g.dayOfMonth) return { kind: 'dayOfMonth', day: n[0]! };
  return { kind: 'monthEnd' };
}

const utcDay = (iso: string) => DateTime.fromISO(iso, { zone: 'UTC' });
const iso = (d: DateTime) => d.toISODate()!;

/** `date` (in today's year) moved a year back or on by the rule; `today` is a day or a month's first day. */
function roll(date: DateTime, today: DateTime, rollover: Rollover): DateTime {
  let placed = date;
  if (rollover.lastYearAfter && placed > today.plus(rollover.lastYearAfter)) placed = placed.minus({ years: 1 });
  if (rollover.nextYearBefore && placed < today.minus(rollover.nextYearBefore)) placed = placed.plus({ years: 1 });
  return placed;
}

/** 27日: in today's month, or the next one when it has passed (the last one when it is ahead, looking back). */
function dayOfMonth(today: DateTime, day: number, toward: Rollover['toward']): string | null {
  let candidate = today.set({ day: 1 }).plus({ days: day - 1 });
  if (candidate.day !== day) return null;
  if (toward === 'ahead' && candidate < today) candidate = today.set({ day: 1 }).plus({ months: 1 }).set({ day });
  if (toward === 'back' && candidate > today) candidate = today.set({ day: 1 }).minus({ months: 1 }).set({ day });
  return candidate.isValid && candidate.day === day ? iso(candidate) : null;
}

/** The date a day word names from `today`, or null when there is no such day (2月30日). */
function dateOf(word: DayWord, today: DateTime, rollover: Rollover): string | null {
  switch (word.kind) {
    case 'date': {
      const date = DateTime.fromObject({ year: word.year ?? today.year, month: word.month, day: word.day }, { zone: 'UTC' });
      if (!date.isValid) return null;
      return iso(word.year === null ? roll(date, today, rollover) : date);
    }
    case 'relative':
      return iso(today.plus({ days: word.days }));
    case 'weekday': {
      const thisWeek = today.startOf('week').plus({ weeks: word.weeks ?? 0, days: word.weekday - 1 });
      if (word.weeks !== null) return iso(thisWeek);
      if (rollover.toward === 'ahead') return iso(thisWeek < today ? thisWeek.plus({ weeks: 1 }) : thisWeek);
      return iso(thisWeek > today ? thisWeek.minus({ weeks: 1 }) : thisWeek);
    }
    case 'dayOfMonth':
      return dayOfMonth(today, word.day, rollover.toward);
    case 'monthEnd':
      return iso(today.endOf('month').startOf('day'));
  }
}

export interface DayContext {
  /** The office date the words are read from (YYYY-MM-DD): today, or a meeting's date. */
  today: string;
  rollover: Rollover;
}

/** A day word as a whole (明天, 周五, 12月5日, 12-5, 2026年12月5日, 27日, 月底) → YYYY-MM-DD; null when it is none or no such day. */
export function readDay(word: string, context: DayContext): string | null {
  const day = dayWord(word.trim());
  return day ? dateOf(day, utcDay(context.today), context.rollover) : null;
}

const DAY_AT_START = new RegExp(`^${DAY}`);

/** A day phrase at the start of the text (「12月5日 夜班 和 李秀英」) and the text after it; null when there is none. */
export function readDayAt(text: string, context: DayContext): { date: string; rest: string } | null {
  const match = DAY_AT_START.exec(text);
  const date = match ? readDay(match[0], context) : null;
  return date ? { date, rest: text.slice(match![0].length).trim() } : null;
}

/** A date with its year only (a roster sheet's 2026-12-05, 2026年12月5日, 2026/12/5) → YYYY-MM-DD. */
export function readDate(text: string): string | null {
  const day = dayWord(text.trim());
  if (day?.kind !== 'date' || day.year === null) return null;
  const date = DateTime.fromObject({ year: day.year, month: day.month, day: day.day }, { zone: 'UTC' });
  return date.isValid ? iso(date) : null;
}

/** 周一, 星期日, 礼拜天, or the bare 一 … 日 of a weekday column → 1 (Monday) … 7; null otherwise. */
export function readWeekday(word: string): number | null {
  const match = /^(?:周|星期|礼拜)?([一二三四五六日天])$/.exec(word.trim());
  return match ? WEEKDAYS[match[1]!]! : null;
}

const RELATIVE_WEEKS: Record<string, number> = {
  本周: 0, 这周: 0, 本星期: 0, 这星期: 0, 这个星期: 0, 这礼拜: 0,
  上周: -1, 上星期: -1, 上个星期: -1, 上礼拜: -1, 上个礼拜: -1,
  上上周: -2, 上上个星期: -2,
  下周: 1, 下星期: 1, 下个星期: 1, 下礼拜: 1,
  下下周: 2,
};
/** 本周, 上周, 下个星期, 下下周 … */
export const WEEK = `(?:${alternatives(Object.keys(RELATIVE_WEEKS))})`;

/** A week word → its Monday (YYYY-MM-DD); null when the word is none. */
export function readWeek(word: string, context: Pick<DayContext, 'today'>): string | null {
  const weeks = RELATIVE_WEEKS[word.trim()];
  return weeks === undefined ? null : iso(utcDay(context.today).startOf('week').plus({ weeks }));
}

const RELATIVE_MONTHS: Record<string, number> = { 本月: 0, 这个月: 0, 这月: 0, 上月: -1, 上个月: -1, 下月: 1, 下个月: 1 };
/** 本月, 上个月, 下月, 12月, 12月份, 2026-12, 2026年12月 */
export const MONTH = `(?:${alternatives(Object.keys(RELATIVE_MONTHS))}|\\d{4}[-/年]\\d{1,2}月?|\\d{1,2}月份?)`;
const MONTH_WORD = new RegExp(`^${MONTH}$`);

/** A month word → YYYY-MM; null when it is none (13月, 张三). */
export function readMonth(word: string, context: DayContext): string | null {
  const text = word.trim();
  const thisMonth = utcDay(context.today).startOf('month');
  if (text in RELATIVE_MONTHS) return thisMonth.plus({ months: RELATIVE_MONTHS[text]! }).toFormat('yyyy-MM');
  if (!MONTH_WORD.test(text)) return null;
  const n = text.match(/\d+/g)!.map(Number);
  const [year, month] = n.length === 2 ? [n[0]!, n[1]!] : [thisMonth.year, n[0]!];
  if (month < 1 || month > 12) return null;
  const first = DateTime.fromObject({ year, month, day: 1 }, { zone: 'UTC' });
  return (n.length === 2 ? first : roll(first, thisMonth, context.rollover)).toFormat('yyyy-MM');
}

/** Holiday words → the name the office calendar gives the holiday. */
const HOLIDAYS: Record<string, string> = {
  元旦: '元旦',
  春节: '春节',
  过年: '春节',
  清明: '清明',
  清明节: '清明',
  五一: '劳动节',
  劳动节: '劳动节',
  端午: '端午',
  端午节: '端午',
  中秋: '中秋',
  中秋节: '中秋',
  国庆: '国庆',
  国庆节: '国庆',
  十一: '国庆',
};
/** 元旦, 春节, 五一, 国庆 … */
export const HOLIDAY = `(?:${alternatives(Object.keys(HOLIDAYS))})`;

/** A holiday word → its calendar name (五一 → 劳动节); null otherwise. */
export function readHoliday(word: string): string | null {
  return HOLIDAYS[word.trim()] ?? null;
}

/** A clock time as minutes from midnight, shifted by the part of day written before it (下午3点 → 15:00); null when it is no time (25点, 9:75). */
export function readClock(clock: string, part: string | null = null): number | null {
  const match = /^(.+?)(?:[:：](\d{2})|点(?:(半)|(\d{1,2})分?|整)?|时)$/.exec(clock);
  const hour = match ? readNumber(match[1]!) : null;
  if (hour === null || !Number.isInteger(hour) || hour > 23) return null;
  const minute = match![3] ? 30 : Number(match![2] ?? match![4] ?? 0);
  if (minute > 59) return null;
  // 中午12点 is noon and 中午1点 one in the afternoon; 下午 and 晚上 move every hour before noon.
  const afternoon = part === '下午' || part === '晚上' ? hour < 12 : part === '中午' ? hour < 6 : false;
  return (afternoon ? hour + 12 : hour) * 60 + minute;
}

/** Midnight plus `minute`, of an office date, in the office zone. */
function at(date: string, minute: number, zone: string): DateTime {
  return DateTime.fromISO(date, { zone }).startOf('day').plus({ minutes: minute });
}

export interface TimeContext {
  /** The injected clock's time; its office date is today. */
  now: Date;
  /** The office zone: the machine's own zone never enters. */
  zone: string;
  rollover: Rollover;
}

const MOMENT = new RegExp(`^(?:(?<half>${HALF_DAY})|(?<day>${DAY}|${F.dashed})\\s*(?<part>${PART})?)\\s*(?<clock>${CLOCK})`);

/** 「12月5日 8:00 …」「明天下午3点半 …」「今晚8点 …」: a day and a clock time at the start, and the text after them. */
export function readMoment(text: string, context: TimeContext): { at: Date; rest: string } | 'invalid' | null {
  const written = text.trim();
  const match = MOMENT.exec(written);
  if (!match) return null;
  const g = match.groups!;
  const today = officeDate(context.now, context.zone);
  const half = g.half ? HALF_DAYS[g.half]! : null;
  const date = half ? iso(utcDay(today).plus({ days: half.days })) : readDay(g.day!, { today, rollover: context.rollover });
  const minute = readClock(g.clock!, half?.part ?? g.part ?? null);
  if (!date || minute === null) return 'invalid';
  return { at: at(date, minute, context.zone).toJSDate(), rest: written.slice(match[0].length).trim() };
}

export interface SpanContext extends TimeContext {
  /** The office sessions: 上午 is the morning session, 全天 all of them. */
  sessions: readonly SessionRule[];
  /** Counts 3天 as working days when given (YYYY-MM-DD → worked?). */
  isWorkday?: (date: string) => boolean;
}

export type SpanResult =
  | { ok: true; start: Date; end: Date; rest: string }
  | { ok: false; reason: 'missing'; rest: string }
  | { ok: false; reason: 'invalid' | 'order'; rest: string };

type Part = 'am' | 'pm' | 'day';
const PARTS: Record<string, Part> = { 上午: 'am', 早上: 'am', 中午: 'pm', 下午: 'pm', 晚上: 'pm', 全天: 'day', 整天: 'day' };

interface Point {
  day: DayWord | null;
  /** 明早, 今晚: a day after today, already known. */
  halfDays: number | null;
  part: Part | null;
  /** Minutes from midnight; -1 when the clock is no time. */
  minute: number | null;
  /** The hour was written without 上午/下午 and may mean the afternoon. */
  bareHour: boolean;
}

const POINT = new RegExp(`(?:(?<half>${HALF_DAY})|(?<day>${DAY})?\\s*(?<part>${PART})?)\\s*(?<clock>${CLOCK})?`, 'y');
const RANGE_AT = new RegExp(RANGE, 'y');

function pointAt(text: string, index: number): { point: Point; end: number } | null {
  POINT.lastIndex = index;
  const match = POINT.exec(text);
  if (!match || match[0].trim() === '') return null;
  const g = match.groups!;
  const half = g.half ? HALF_DAYS[g.half]! : null;
  const partWord = half?.part ?? g.part ?? null;
  const minute = g.clock ? readClock(g.clock, partWord) ?? -1 : null;
  const point: Point = { day: g.day ? dayWord(g.day) : null, halfDays: half?.days ?? null, part: partWord ? PARTS[partWord]! : null, minute, bareHour: Boolean(g.clock) && !partWord };
  return { point, end: index + match[0].length };
}

function sessionBounds(sessions: readonly SessionRule[], part: Part): { start: number; end: number } {
  const sorted = [...sessions].sort((a, b) => parseHHMM(a.start) - parseHHMM(b.start));
  const noon = 12 * 60;
  const am = sorted.filter((s) => parseHHMM(s.start) < noon);
  const pm = sorted.filter((s) => parseHHMM(s.start) >= noon);
  const pick = part === 'am' ? (am.length ? am : sorted) : part === 'pm' ? (pm.length ? pm : sorted) : sorted;
  return { start: parseHHMM(pick[0]!.start), end: parseHHMM(pick.at(-1)!.end) };
}

/** In a span of working time a bare hour before 7 (2点) is the afternoon: nobody takes leave at 2 a.m. */
function bareMinute(point: Point): number | null {
  if (point.minute === null) return null;
  return point.bareHour && point.minute < 7 * 60 ? point.minute + 12 * 60 : point.minute;
}

/** The date a point names from `today`: 'invalid' for no such day, null when it names none. */
function pointDate(point: Point, today: DateTime, rollover: Rollover): string | null {
  if (point.halfDays !== null) return iso(today.plus({ days: point.halfDays }));
  if (!point.day) return null;
  return dateOf(point.day, today, rollover) ?? 'invalid';
}

function readDuration(text: string): { match: RegExpExecArray; minutes?: number; days?: number } | 'invalid' | null {
  const match = new RegExp(DURATION).exec(text);
  if (!match) return null;
  const n = readNumber(match[1]!);
  if (n === null || n <= 0) return 'invalid';
  return /小时|钟头/.test(match[2]!) ? { match, minutes: Math.round(n * 60) } : { match, days: n };
}

/**
 * The span of working time a leave note names, anywhere in its text: 明天, 后天上午, 11月25日到27日,
 * 11.25-11.27, 今天下午2点到4点, 14:00 2小时, 3天 (working days with `isWorkday`), 半天; and the text
 * left when the dates are taken out. Without a clock a day runs over the office sessions.
 */
export function readSpan(text: string, context: SpanContext): SpanResult {
  const { zone, sessions, rollover } = context;
  const today = utcDay(officeDate(context.now, zone));
  let rest = text;

  const duration = readDuration(rest);
  if (duration === 'invalid') return { ok: false, reason: 'invalid', rest };
  if (duration) rest = `${rest.slice(0, duration.match.index)} ${rest.slice(duration.match.index + duration.match[0].length)}`;

  let first: { point: Point; end: number; index: number } | null = null;
  for (let i = 0; i < rest.length && !first; i++) {
    const found = pointAt(rest, i);
    if (found) first = { ...found, index: i };
  }
  let second: Point | null = null;
  let consumedTo = first?.end ?? 0;
  if (first) {
    RANGE_AT.lastIndex = first.end;
    if (RANGE_AT.exec(rest)) {
      const found = pointAt(rest, RANGE_AT.lastIndex);
      if (found) {
        second = found.point;
        consumedTo = found.end;
      }
    }
    rest = `${rest.slice(0, first.index)} ${rest.slice(consumedTo)}`;
  }
  rest = rest.replace(/\s+/g, ' ').trim();
  if (!first && !duration) return { ok: false, reason: 'missing', rest };

  const startPoint: Point = first?.point ?? { day: null, halfDays: null, part: null, minute: null, bareHour: false };
  const startDate = pointDate(startPoint, today, rollover) ?? iso(today);
  if (startDate === 'invalid' || startPoint.minute === -1) return { ok: false, reason: 'invalid', rest };
  let secondDate: string | null = null;
  if (second) {
    // 29日到2日: a day of the month alone at the end counts from the start.
    secondDate = second.day?.kind === 'dayOfMonth' ? (dayOfMonth(utcDay(startDate), second.day.day, 'ahead') ?? 'invalid') : pointDate(second, today, rollover);
    if (secondDate === 'invalid' || second.minute === -1) return { ok: false, reason: 'invalid', rest };
  }

  const startMinute = bareMinute(startPoint);
  const startPart: Part = startPoint.part ?? (startMinute !== null && startMinute >= 12 * 60 ? 'pm' : 'day');
  const onlyDuration = !first && duration?.minutes !== undefined;
  let start = onlyDuration ? DateTime.fromJSDate(context.now, { zone }) : at(startDate, startMinute ?? sessionBounds(sessions, startPart).start, zone);

  let end: DateTime;
  if (second) {
    const endDate = secondDate ?? startDate;
    let endMinute = bareMinute(second);
    // 下午2点到4点: the end inherits the afternoon.
    if (endMinute !== null && second.bareHour && startMinute !== null && startMinute >= 12 * 60 && endMinute < 12 * 60) endMinute += 12 * 60;
    const endPart: Part = second.part ?? (second.minute === null && startPoint.part === 'am' && secondDate === null ? 'am' : 'day');
    end = at(endDate, endMinute ?? sessionBounds(sessions, endPart).end, zone);
  } else if (duration && duration.minutes !== undefined) {
    end = start.plus({ minutes: duration.minutes });
  } else if (duration && duration.days !== undefined) {
    const whole = Math.ceil(duration.days);
    let day = utcDay(startDate);
    const counts = (d: DateTime) => !context.isWorkday || context.isWorkday(iso(d));
    // A leave counted in working days starts on a working day.
    while (!counts(day)) day = day.plus({ days: 1 });
    if (startMinute === null && !startPoint.part) start = at(iso(day), sessionBounds(sessions, 'day').start, zone);
    for (let counted = 1; counted < whole; ) {
      day = day.plus({ days: 1 });
      if (counts(day)) counted++;
    }
    const halfDay = duration.days % 1 !== 0;
    const lastPart: Part = halfDay ? (whole === 1 && startPart === 'pm' ? 'pm' : 'am') : 'day';
    end = at(iso(day), sessionBounds(sessions, lastPart).end, zone);
  } else if (startMinute !== null) {
    // 今天14:00 alone: until the end of that half of the day.
    end = at(startDate, sessionBounds(sessions, startMinute >= 12 * 60 ? 'pm' : 'am').end, zone);
  } else {
    end = at(startDate, sessionBounds(sessions, startPart).end, zone);
  }
  if (end <= start) return { ok: false, reason: 'order', rest };
  return { ok: true, start: start.toJSDate(), end: end.toJSDate(), rest };
}

/** True when the text begins with a date, time or duration phrase (明天, 11.25-11.26, 下午2点到4点, 3天). */
export function isDatePhrase(text: string, context: SpanContext): boolean {
  const first = text.split(/[\s,、;]+/)[0] ?? '';
  if (first === '') return false;
  const span = readSpan(first, context);
  return span.ok && span.rest === '';
}

/** A day ahead as written around a command word (past days and 月底 stay talk: 「请假前天说过了」). */
const COMING_DAY = `(?:${HALF_DAY}|${F.dated}|${F.monthDay}|${F.dotted}|${F.coming}|${F.weekday}|${F.dayOfMonth})`;
/** Dates written before a command word: 「明天请假」「11月25日到27日请假」 (the whole prefix, nothing else). */
export const SPAN_PREFIX = new RegExp(`^(?:${COMING_DAY}(?:${PART})?(?:${RANGE})?)+$`);
/** What may follow a command word with no separator: 「请假一天」「请假半天」「请假明天上午」. */
export const SPAN_GLUED = new RegExp(`^(?:${DURATION}|${COMING_DAY})`);
