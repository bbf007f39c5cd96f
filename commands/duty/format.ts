import { DateTime } from 'luxon';
import type { Policy } from '../../src/config/policy.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import { formatClock, officeDate } from '../../src/time/office-time.ts';
import type { RosterDay, RosterSeat } from './roster.ts';

/** How the roster reads in chat: dates, shifts, names. */

const WEEKDAYS = ['一', '二', '三', '四', '五', '六', '日'];

/** How a seat changed hands after the roster was made, as its override row keeps it. */
export type OverrideKind = 'import' | 'swap' | 'cover' | 'assign';

export const OVERRIDE_TEXT = {
  import: 'duty.override.import',
  swap: 'duty.override.swap',
  cover: 'duty.override.cover',
  assign: 'duty.override.assign',
} as const satisfies Record<OverrideKind, MessageKey>;

/** 12月5日（周六） */
export function dayLabel(t: Translate, date: string): string {
  const d = DateTime.fromISO(date, { zone: 'UTC' });
  return t('duty.day', { month: d.month, day: d.day, weekday: WEEKDAYS[d.weekday - 1]! });
}

/** 周六 */
export function weekdayLabel(t: Translate, date: string): string {
  return t('duty.weekday', { weekday: WEEKDAYS[DateTime.fromISO(date, { zone: 'UTC' }).weekday - 1]! });
}

/** 08:00-17:30, 17:30-次日08:00 */
export function spanText(t: Translate, policy: Policy, start: Date, end: Date): string {
  const nextDay = officeDate(end, policy.timezone) !== officeDate(start, policy.timezone);
  return `${formatClock(start, policy.timezone)}-${nextDay ? t('duty.nextDay') : ''}${formatClock(end, policy.timezone)}`;
}

export function shiftLabel(t: Translate, policy: Policy, seat: { shiftName: string; startAt: Date; endAt: Date }): string {
  return `${seat.shiftName} ${spanText(t, policy, seat.startAt, seat.endAt)}`;
}

/** 张伟 or 李秀英（替张伟）; `mention` writes @ before people bound on the platform the post goes to. */
function personText(t: Translate, seat: RosterSeat, mention: (personId: number) => boolean): string {
  if (!seat.person) return t('duty.vacant');
  const name = `${mention(seat.person.id) ? '@' : ''}${seat.person.name}`;
  return seat.planned ? t('duty.instead', { name, planned: seat.planned.name }) : name;
}

/** One line per shift: 白班 08:00-17:30：张伟、刘洋 */
export function shiftLines(t: Translate, policy: Policy, day: RosterDay, mention: (personId: number) => boolean = () => false): string[] {
  const byShift = new Map<string, RosterSeat[]>();
  for (const seat of day.seats) byShift.set(seat.shiftKey, [...(byShift.get(seat.shiftKey) ?? []), seat]);
  const lines = [...byShift.values()].map((seats) => `${shiftLabel(t, policy, seats[0]!)}：${seats.map((s) => personText(t, s, mention)).join('、')}`);
  if (day.leader) lines.push(t('duty.leaderLine', { name: `${mention(day.leader.id) ? '@' : ''}${day.leader.name}` }));
  return lines;
}

/** A day's roster with its date as the first line. */
export function dayText(t: Translate, policy: Policy, day: RosterDay, mention?: (personId: number) => boolean): string {
  const holiday = day.holiday ? t('duty.holidayTag', { name: day.holiday }) : '';
  const lines = shiftLines(t, policy, day, mention);
  return [`${dayLabel(t, day.date)}${holiday}`, ...(lines.length > 0 ? lines.map((l) => `  ${l}`) : [`  ${t('duty.noneThatDay')}`])].join('\n');
}

export function daysText(t: Translate, policy: Policy, days: readonly RosterDay[], mention?: (personId: number) => boolean): string {
  return days.map((d) => dayText(t, policy, d, mention)).join('\n');
}
