import { DateTime } from 'luxon';
import type { SessionRule } from '../../../src/config/policy.ts';
import { parseLeaveWhen } from '../../../src/time/date-phrases.ts';

/**
 * What people write after 值班, 换班 and 代班: periods (本周, 下周, 本月, 12月, 国庆) and dates
 * (明天, 12月5日, 周五, 下周一), read against the office date. Pure.
 */

const DAY = '(?:今天|今日|明天|明日|后天|大后天|下下?周[一二三四五六日天]|(?:本|这)周[一二三四五六日天]|周[一二三四五六日天]|星期[一二三四五六日天]|\\d{4}-\\d{1,2}-\\d{1,2}|(?:\\d{4}年)?\\d{1,2}月\\d{1,2}[日号]?|\\d{1,2}[./]\\d{1,2}|\\d{1,2}[日号])';
const HOLIDAY_WORDS: Record<string, string> = {
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
const WEEK = '(?:本周|这周|本星期|这个?星期|下周|下个?星期|下下周)';
const MONTH = '(?:本月|这个月|下月|下个月|\\d{1,2}月份?|\\d{4}-\\d{1,2})';
const HOLIDAY = `(?:${Object.keys(HOLIDAY_WORDS).sort((a, b) => b.length - a.length).join('|')})`;

/** The arguments 值班 takes unaddressed in a group: a period word alone; anything else after 值班 is talk. */
export const DUTY_PERIOD = new RegExp(`^(?:${WEEK}|${MONTH}|${HOLIDAY}|${DAY})$`);
/** A date phrase at the start of the words. */
export const DUTY_DATE_FIRST = new RegExp(`^${DAY}`);
/**
 * A swap or cover written unaddressed has its whole form: the date, perhaps a shift, then 和/跟 or a
 * space and a name, perhaps the date back: 「换班 12月5日 和 李秀英」; 「换班，明天再说」 is talk.
 */
export const DUTY_CHANGE_FORM = new RegExp(`^${DAY}(?:\\s*\\S{1,6}班)?(?:\\s+|\\s*(?:和|跟|与|同)\\s*)@?[\\u4e00-\\u9fffA-Za-z·]{2,8}(?:\\s+${DAY})?$`);

export type DutyPeriod =
  | { kind: 'default'; from: string; to: string }
  | { kind: 'days'; from: string; to: string }
  | { kind: 'holiday'; name: string };

export interface WordOptions {
  now: Date;
  zone: string;
  sessions: readonly SessionRule[];
}

/** A single date phrase (明天, 12月5日, 周五); null when the text is not one. */
export function parseDutyDate(text: string, options: WordOptions): { date: string; rest: string } | null {
  const first = DUTY_DATE_FIRST.exec(text);
  if (!first) return null;
  const when = parseLeaveWhen(first[0], options);
  if (!when.ok) return null;
  return { date: DateTime.fromJSDate(when.start, { zone: options.zone }).toISODate()!, rest: text.slice(first[0].length).trim() };
}

/** 值班 [period]: today and tomorrow by default. Null when the words are not a period. */
export function parseDutyPeriod(text: string, options: WordOptions): DutyPeriod | null {
  const today = DateTime.fromJSDate(options.now, { zone: options.zone }).startOf('day');
  const iso = (d: DateTime) => d.toISODate()!;
  const word = text.trim();
  if (word === '') return { kind: 'default', from: iso(today), to: iso(today.plus({ days: 1 })) };
  if (new RegExp(`^${WEEK}$`).test(word)) {
    const weeks = word.startsWith('下下') ? 2 : word.startsWith('下') ? 1 : 0;
    const monday = today.startOf('week').plus({ weeks });
    return { kind: 'days', from: iso(monday), to: iso(monday.plus({ days: 6 })) };
  }
  if (new RegExp(`^${MONTH}$`).test(word)) {
    let month: DateTime;
    if (/^(本月|这个月)$/.test(word)) month = today.startOf('month');
    else if (/^(下月|下个月)$/.test(word)) month = today.startOf('month').plus({ months: 1 });
    else if (/^\d{4}-\d{1,2}$/.test(word)) month = DateTime.fromObject({ year: Number(word.slice(0, 4)), month: Number(word.slice(5)), day: 1 }, { zone: options.zone });
    else {
      month = today.set({ month: Number(/\d+/.exec(word)![0]), day: 1 });
      // A month already past this year means next year's (written in December: 1月).
      if (month < today.startOf('month')) month = month.plus({ years: 1 });
    }
    if (!month.isValid) return null;
    return { kind: 'days', from: iso(month), to: iso(month.endOf('month')) };
  }
  if (HOLIDAY_WORDS[word]) return { kind: 'holiday', name: HOLIDAY_WORDS[word] };
  const day = parseDutyDate(word, options);
  return day && day.rest === '' ? { kind: 'days', from: day.date, to: day.date } : null;
}

export interface ChangeWords {
  date: string;
  /** A shift named after the date (夜班), when the person has several that day. */
  shift: string | null;
  colleague: string | null;
  /** 换班 … 和 李秀英 12月8日: the colleague's date taken in exchange. */
  otherDate: string | null;
}

/**
 * 换班 12月5日 [夜班] 和 李秀英 [12月8日] / 代班 12月5日 [夜班] 张伟. `shiftNames` are the names and
 * ids a shift may be written as. The date is required; the colleague may be missing (asked for).
 */
export function parseChangeWords(text: string, options: WordOptions, shiftNames: readonly string[]): ChangeWords | null {
  const day = parseDutyDate(text, options);
  if (!day) return null;
  let rest = day.rest.replace(/^[,、，]\s*/, '');
  let shift: string | null = null;
  for (const name of [...shiftNames].sort((a, b) => b.length - a.length)) {
    if (rest.startsWith(name)) {
      shift = name;
      rest = rest.slice(name.length).trim();
      break;
    }
  }
  rest = rest.replace(/^(?:和|跟|与|同|找|请|让)\s*/, '').replace(/(?:换班|换|代班|代)$/, '').trim();
  const [colleague = '', ...more] = rest.replace(/^@/, '').split(/[\s,，、]+/).filter(Boolean);
  const other = more.length > 0 ? parseDutyDate(more.join(' '), options) : null;
  if (more.length > 0 && (!other || other.rest !== '')) return null;
  return { date: day.date, shift, colleague: colleague || null, otherDate: other?.date ?? null };
}
