import { DateTime } from 'luxon';
import { DAY, HOLIDAY, MONTH, MONTH_NOT_PAST, readDay, readDayAt, readHoliday, readMonth, readWeek, UPCOMING, WEEK } from '../../../src/time/grammar.ts';
import { addDays } from '../../../src/time/office-time.ts';

/**
 * What people write after 值班, 换班 and 代班: a period (本周, 下周, 本月, 12月, 国庆) or a day (明天,
 * 12月5日, 周五, 下周一), read by the grammar from the office date: a day is the coming one, a month
 * one not yet past. Pure.
 */

/** The arguments 值班 takes unaddressed in a group: a period word alone; anything else after 值班 is talk. */
export const DUTY_PERIOD = new RegExp(`^(?:${WEEK}|${MONTH}|${HOLIDAY}|${DAY})$`);
/**
 * A swap or cover written unaddressed has its whole form: the date, perhaps a shift, then 和/跟 or a
 * space and a name, perhaps the date back: 「换班 12月5日 和 李秀英」; 「换班，明天再说」 is talk.
 */
export const DUTY_CHANGE_FORM = new RegExp(`^${DAY}(?:\\s*\\S{1,6}班)?(?:\\s+|\\s*(?:和|跟|与|同)\\s*)@?[\\u4e00-\\u9fffA-Za-z·]{2,8}(?:\\s+${DAY})?$`);

export type DutyPeriod =
  | { kind: 'default'; from: string; to: string }
  | { kind: 'days'; from: string; to: string }
  | { kind: 'holiday'; name: string };

/** 值班 [period] on the office date `today`: today and tomorrow by default. Null when the words are not a period. */
export function parseDutyPeriod(text: string, today: string): DutyPeriod | null {
  const word = text.trim();
  if (word === '') return { kind: 'default', from: today, to: addDays(today, 1) };
  const monday = readWeek(word, { today });
  if (monday) return { kind: 'days', from: monday, to: addDays(monday, 6) };
  const month = readMonth(word, { today, rollover: MONTH_NOT_PAST });
  if (month) return { kind: 'days', from: `${month}-01`, to: DateTime.fromISO(`${month}-01`, { zone: 'UTC' }).endOf('month').toISODate()! };
  const holiday = readHoliday(word);
  if (holiday) return { kind: 'holiday', name: holiday };
  const day = readDay(word, { today, rollover: UPCOMING });
  return day ? { kind: 'days', from: day, to: day } : null;
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
 * 换班 12月5日 [夜班] 和 李秀英 [12月8日] / 代班 12月5日 [夜班] 张伟, on the office date `today`.
 * `shiftNames` are the names and ids a shift may be written as. The date is required; the colleague
 * may be missing (asked for).
 */
export function parseChangeWords(text: string, today: string, shiftNames: readonly string[]): ChangeWords | null {
  const day = readDayAt(text, { today, rollover: UPCOMING });
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
  const otherDate = more.length > 0 ? readDay(more.join(' '), { today, rollover: UPCOMING }) : null;
  if (more.length > 0 && !otherDate) return null;
  return { date: day.date, shift, colleague: colleague || null, otherDate };
}
