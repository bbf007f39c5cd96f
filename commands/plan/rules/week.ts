import { DateTime } from 'luxon';
import { LOOKING_BACK, readDay, readWeek } from '../../../src/time/grammar.ts';
import { parseHHMM } from '../../../src/time/office-time.ts';

/**
 * The weeks a weekly plan belongs to: ISO weeks (Monday to Sunday) of office-local dates, their
 * workdays on the office calendar (调休 Saturdays included, holidays not), the first workday and
 * the deadline day. Pure: the workday test is passed in.
 */

export type IsWorkday = (date: string) => boolean;

const day = (date: string) => DateTime.fromISO(date, { zone: 'UTC' });

/** 2026-11-30 → "2026-W49" (the ISO week-year: 2025-12-29 is in 2026-W01). */
export function weekOf(date: string): string {
  const d = day(date);
  return `${d.weekYear}-W${String(d.weekNumber).padStart(2, '0')}`;
}

/** "2026-W49" → its Monday, "2026-11-30"; null when there is no such week. */
export function weekMonday(week: string): string | null {
  const match = /^(\d{4})-?W(\d{1,2})$/i.exec(week.trim());
  if (!match) return null;
  const weekYear = Number(match[1]);
  const weekNumber = Number(match[2]);
  const monday = DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone: 'UTC' });
  if (!monday.isValid || weekNumber < 1 || weekNumber > monday.weeksInWeekYear) return null;
  return monday.toISODate();
}

function mondayOf(week: string): DateTime {
  const monday = weekMonday(week);
  if (!monday) throw new Error(`not a week: ${week}`);
  return day(monday);
}

/** The seven dates of the week, Monday first. */
export function weekDates(week: string): string[] {
  const monday = mondayOf(week);
  return Array.from({ length: 7 }, (_, i) => monday.plus({ days: i }).toISODate()!);
}

/** The week `n` weeks later (earlier when negative). */
export function shiftWeek(week: string, n: number): string {
  return weekOf(mondayOf(week).plus({ weeks: n }).toISODate()!);
}

export function workdaysOf(week: string, isWorkday: IsWorkday): string[] {
  return weekDates(week).filter(isWorkday);
}

/** Where the Monday prompt goes: the first workday (a holiday Monday moves it); null for a week with none. */
export function firstWorkday(week: string, isWorkday: IsWorkday): string | null {
  return workdaysOf(week, isWorkday)[0] ?? null;
}

/** The plan is due on the `nth` workday of the week, or on its last when it has fewer; null when it has none. */
export function deadlineDay(week: string, isWorkday: IsWorkday, nth: number): string | null {
  const days = workdaysOf(week, isWorkday);
  return days.length === 0 ? null : days[Math.min(nth, days.length) - 1]!;
}

/**
 * The week a plan posted on `date` is for: its own week, unless it is a day off after the week's
 * last workday (a plan written on Sunday evening is for the coming week).
 */
export function planWeekFor(date: string, isWorkday: IsWorkday): string {
  const week = weekOf(date);
  if (isWorkday(date) || workdaysOf(week, isWorkday).some((d) => d > date)) return week;
  return shiftWeek(week, 1);
}

/** The weeks of a month (YYYY-MM): those whose Thursday falls in it, as ISO counts them. */
export function weeksOfMonth(month: string): string[] {
  const first = day(`${month}-01`);
  const weeks: string[] = [];
  for (let d = first; d.month === first.month; d = d.plus({ days: 1 })) {
    if (d.weekday === 4) weeks.push(weekOf(d.toISODate()!));
  }
  return weeks;
}

/** "2026-W49" → 2026-11-30 00:00 to 2026-12-07 00:00 in the office zone, end excluded. */
export function weekInterval(week: string, zone: string): { from: Date; to: Date } {
  const monday = DateTime.fromISO(weekMonday(week)!, { zone });
  return { from: monday.toJSDate(), to: monday.plus({ weeks: 1 }).toJSDate() };
}

/** 本周, 上周, 下周, 2026-W49, W49, 第49周, or a date (12月7日, 2026-12-07) → its week; null when not a week. */
export function readWeekWord(word: string, today: string): string | null {
  const text = word.normalize('NFKC').trim();
  const relative = readWeek(text, { today });
  if (relative) return weekOf(relative);
  const full = /^(\d{4})-?W(\d{1,2})$/i.exec(text);
  if (full) return weekMonday(text) ? weekOf(weekMonday(text)!) : null;
  const short = /^(?:W(\d{1,2})|第(\d{1,2})周)$/i.exec(text);
  if (short) {
    const year = day(today).weekYear;
    const monday = weekMonday(`${year}-W${short[1] ?? short[2]}`);
    return monday ? weekOf(monday) : null;
  }
  const date = readDay(text, { today, rollover: LOOKING_BACK });
  return date ? weekOf(date) : null;
}

export interface Span {
  from: Date;
  to: Date;
}

/** The working sessions of these dates as instants: 08:00-11:30 and 13:00-16:30 of each, in the office zone. */
export function sessionSpans(dates: readonly string[], sessions: readonly { start: string; end: string }[], zone: string): Span[] {
  return dates.flatMap((date) => {
    const midnight = DateTime.fromISO(date, { zone });
    return sessions.map((s) => ({ from: midnight.plus({ minutes: parseHHMM(s.start) }).toJSDate(), to: midnight.plus({ minutes: parseHHMM(s.end) }).toJSDate() }));
  });
}

/** Whether every span is inside the union of the intervals (approved leave): the whole week, or the rest of a day. */
export function coveredBy(spans: readonly Span[], intervals: readonly Span[]): boolean {
  if (spans.length === 0) return false;
  const sorted = [...intervals].sort((a, b) => a.from.getTime() - b.from.getTime());
  return spans.every((span) => {
    let reached = span.from.getTime();
    for (const interval of sorted) {
      if (interval.from.getTime() > reached) break;
      reached = Math.max(reached, interval.to.getTime());
      if (reached >= span.to.getTime()) return true;
    }
    return reached >= span.to.getTime();
  });
}
