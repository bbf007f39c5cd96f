import { DateTime } from 'luxon';
import { addDays, parseHHMM } from '../../../src/time/office-time.ts';
import { isWorkday, type DayInfo } from '../../../src/calendar/office-calendar.ts';

/**
 * Duty rotations as arithmetic over office dates, in the office zone. Pure: the calendar, the
 * members (already resolved to person ids) and the zone are passed in.
 * - A shift is clock times; an end at or before the start is the next day (夜班 17:30-08:00), an
 *   equal end a 24-hour shift.
 * - A cycle rotation takes turns only on the days it applies to, so a holiday or a weekend skipped
 *   never skips a person; a turn is a day or a week; each turn seats `seats` people per shift.
 * - Members join and leave on dates: a turn takes the next members active on its day, in order.
 * - A holiday rotation shares each holiday block out by load (hours of holiday duty so far), and
 *   keeps whoever did the last block of the same holiday (last Spring Festival) off this one.
 */

export type DayClass = 'workday' | 'restday' | 'holiday';

export interface CalendarView {
  day(date: string): DayInfo;
}

export interface ShiftTimes {
  id: string;
  name: string;
  start: string;
  end: string;
}

export interface Member {
  personId: number;
  name: string;
  /** First and last date (YYYY-MM-DD) the member is in the rotation. */
  from?: string | undefined;
  until?: string | undefined;
}

export interface CycleRotation {
  name: string;
  shifts: readonly ShiftTimes[];
  seats: number;
  members: readonly Member[];
  every: 'day' | 'week';
  start: string;
  days: readonly DayClass[];
}

export interface HolidayRotation {
  name: string;
  shifts: readonly ShiftTimes[];
  seats: number;
  members: readonly Member[];
  start: string;
}

export interface PlannedSeat {
  /** The office date the shift starts on. */
  date: string;
  shiftId: string;
  shiftName: string;
  seat: number;
  personId: number;
  start: Date;
  end: Date;
}

export interface HolidayBlock {
  /** The holiday's name (国庆节, 春节). */
  name: string;
  first: string;
  last: string;
}

/** The shift's start and end instants on an office date. */
export function shiftSpan(date: string, shift: Pick<ShiftTimes, 'start' | 'end'>, zone: string): { start: Date; end: Date } {
  const midnight = DateTime.fromISO(date, { zone }).startOf('day');
  const startMinute = parseHHMM(shift.start);
  const endMinute = parseHHMM(shift.end);
  const start = midnight.plus({ minutes: startMinute });
  const end = (endMinute <= startMinute ? midnight.plus({ days: 1 }) : midnight).plus({ minutes: endMinute });
  return { start: start.toJSDate(), end: end.toJSDate() };
}

/** The shift's length in hours (24 for a 24-hour shift). */
export function shiftHours(shift: Pick<ShiftTimes, 'start' | 'end'>): number {
  const length = parseHHMM(shift.end) - parseHHMM(shift.start);
  return (length <= 0 ? length + 24 * 60 : length) / 60;
}

/**
 * The holiday block a date belongs to: a run of days off that holds a statutory holiday, with the
 * weekend days next to it (a 调休 Saturday worked ends the block). Null on a workday or a plain weekend.
 */
export function blockOf(calendar: CalendarView, date: string): HolidayBlock | null {
  const day = calendar.day(date);
  if (isWorkday(day)) return null;
  let first = date;
  while (!isWorkday(calendar.day(addDays(first, -1)))) first = addDays(first, -1);
  let last = date;
  while (!isWorkday(calendar.day(addDays(last, 1)))) last = addDays(last, 1);
  let name: string | null = null;
  for (let d = first; d <= last && name === null; d = addDays(d, 1)) {
    const info = calendar.day(d);
    if (info.kind === 'holiday') name = info.name ?? '节假日';
  }
  return name === null ? null : { name, first, last };
}

/** workday (调休 Saturdays included), holiday (inside a holiday block), or restday. */
export function dayClass(calendar: CalendarView, date: string): DayClass {
  if (isWorkday(calendar.day(date))) return 'workday';
  return blockOf(calendar, date) ? 'holiday' : 'restday';
}

/** The holiday blocks with a day in [from, to], whole, in order. */
export function holidayBlocks(calendar: CalendarView, from: string, to: string): HolidayBlock[] {
  const blocks: HolidayBlock[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) {
    const block = blockOf(calendar, d);
    if (block && blocks.at(-1)?.first !== block.first) {
      blocks.push(block);
      d = block.last;
    }
  }
  return blocks;
}

const isActive = (member: Member, date: string) => (!member.from || member.from <= date) && (!member.until || date <= member.until);

/** Up to `count` members active on `date`, from `pointer` on, in order; and where the next turn starts. */
function takeMembers(members: readonly Member[], pointer: number, count: number, date: string, skip: ReadonlySet<number> = new Set()): { taken: Member[]; next: number } {
  const taken: Member[] = [];
  let next = pointer;
  for (let step = 0; step < members.length && taken.length < count; step++) {
    const index = (pointer + step) % members.length;
    const member = members[index]!;
    if (isActive(member, date) && !skip.has(member.personId)) {
      taken.push(member);
      next = (index + 1) % members.length;
    }
  }
  return { taken, next };
}

/** The Monday of the date's week, which keys a weekly rotation's turn. */
function weekStart(date: string): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).startOf('week').toISODate()!;
}

/**
 * A cycle rotation's seats on the dates from `from` to `to`. The turns are counted from the
 * rotation's start on the days it applies to (the calendar decides which), so the answer for a date
 * does not depend on the range asked.
 */
export function planCycle(rotation: CycleRotation, calendar: CalendarView, from: string, to: string, zone: string): PlannedSeat[] {
  const seats: PlannedSeat[] = [];
  if (rotation.members.length === 0 || to < rotation.start) return seats;
  const perTurn = rotation.seats * rotation.shifts.length;
  let pointer = 0;
  let turnKey: string | null = null;
  let turn: Member[] = [];
  for (let date = rotation.start; date <= to; date = addDays(date, 1)) {
    if (!rotation.days.includes(dayClass(calendar, date))) continue;
    const key = rotation.every === 'day' ? date : weekStart(date);
    if (key !== turnKey) {
      const picked = takeMembers(rotation.members, pointer, perTurn, date);
      turn = picked.taken;
      pointer = picked.next;
      turnKey = key;
    }
    if (date < from) continue;
    // A member of this week's turn who left meanwhile is replaced for the day by the next active one.
    const today = turn.filter((m) => isActive(m, date));
    if (today.length < turn.length) {
      const fill = takeMembers(rotation.members, pointer, turn.length - today.length, date, new Set(today.map((m) => m.personId)));
      today.push(...fill.taken);
    }
    rotation.shifts.forEach((shift, shiftIndex) => {
      for (let seat = 0; seat < rotation.seats; seat++) {
        const member = today[shiftIndex * rotation.seats + seat];
        if (!member) continue;
        seats.push({ date, shiftId: shift.id, shiftName: shift.name, seat, personId: member.personId, ...shiftSpan(date, shift, zone) });
      }
    });
  }
  return seats;
}

/**
 * A holiday rotation's seats from `from` to `to`. Every block since the rotation's start is shared
 * out in order: each seat goes to the active member who did not do the last block of the same
 * holiday, with the fewest hours of holiday duty so far, longest since their last holiday shift,
 * earliest in the list; nobody takes two shifts of one day while others are free. A member who
 * joins starts level with the least loaded, so a newcomer does not inherit every holiday.
 */
export function planHoliday(rotation: HolidayRotation, calendar: CalendarView, from: string, to: string, zone: string): PlannedSeat[] {
  const seats: PlannedSeat[] = [];
  if (rotation.members.length === 0 || to < rotation.start) return seats;
  const load = new Map<number, number>();
  const lastShift = new Map<number, number>();
  const lastOfHoliday = new Map<string, Set<number>>();
  let ordinal = 0;
  for (const block of holidayBlocks(calendar, rotation.start, to)) {
    const worked = new Set<number>();
    const previous = lastOfHoliday.get(block.name) ?? new Set<number>();
    for (let date = block.first < rotation.start ? rotation.start : block.first; date <= block.last; date = addDays(date, 1)) {
      const active = rotation.members.filter((m) => isActive(m, date));
      const known = active.filter((m) => load.has(m.personId)).map((m) => load.get(m.personId)!);
      const floor = known.length > 0 ? Math.min(...known) : 0;
      for (const m of active) if (!load.has(m.personId)) load.set(m.personId, floor);
      const seatedToday = new Set<number>();
      for (const shift of rotation.shifts) {
        for (let seat = 0; seat < rotation.seats; seat++) {
          const candidates = active.filter((m) => !seatedToday.has(m.personId));
          if (candidates.length === 0) continue;
          const order = (m: Member) => [previous.has(m.personId) ? 1 : 0, load.get(m.personId)!, lastShift.get(m.personId) ?? -1, rotation.members.indexOf(m)];
          candidates.sort((a, b) => {
            const x = order(a);
            const y = order(b);
            for (let i = 0; i < x.length; i++) if (x[i] !== y[i]) return x[i]! - y[i]!;
            return 0;
          });
          const chosen = candidates[0]!;
          seatedToday.add(chosen.personId);
          worked.add(chosen.personId);
          load.set(chosen.personId, load.get(chosen.personId)! + shiftHours(shift));
          lastShift.set(chosen.personId, ordinal++);
          if (date >= from) seats.push({ date, shiftId: shift.id, shiftName: shift.name, seat, personId: chosen.personId, ...shiftSpan(date, shift, zone) });
        }
      }
    }
    lastOfHoliday.set(block.name, worked);
  }
  return seats.filter((s) => s.date <= to);
}

/** Which office sessions of a date a duty shift covers the start of: its person is due early for those. */
export function sessionsCovered(
  spans: readonly { start: Date; end: Date }[],
  date: string,
  sessions: readonly { id: string; start: string }[],
  zone: string,
): string[] {
  const midnight = DateTime.fromISO(date, { zone }).startOf('day');
  return sessions
    .filter((session) => {
      const start = midnight.plus({ minutes: parseHHMM(session.start) }).toJSDate();
      return spans.some((span) => span.start <= start && start < span.end);
    })
    .map((s) => s.id);
}
