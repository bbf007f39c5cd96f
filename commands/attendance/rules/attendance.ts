import { DateTime } from 'luxon';
import type { Policy, SessionRule } from '../../../src/config/policy.ts';
import { isWorkday, type DayInfo } from '../../../src/calendar/office-calendar.ts';

/**
 * Attendance as the regulation defines it, per person, day and session. Pure, over plain data, in
 * the office time zone; every time is an absolute instant, so the machine's zone never enters.
 *
 * - 正常 normal: checked in by start + grace (the duty lead moves the start earlier).
 * - 迟到 late: checked in after that, unless leave covers the start or an exception is recorded.
 * - 旷工 absent: no check-in by the end of the session, no leave overlapping it, no exception.
 * - 早退 early / 脱岗 off_post: checked out before the end with neither leave nor an 外出/走访/开会
 *   status in force at that moment: 早退 within `offPostMinutes` of the end, 脱岗 earlier. A 休息
 *   status set during the session without leave is 脱岗 too.
 * - 外出/走访 out: checked in, and an 外出/走访/开会 status is in force at the early check-out or at the end.
 * - 请假 leave: an approved leave interval overlaps the session and there is no check-in.
 * - 已补记 excused: the attendance officer recorded why the check-in was missing or late.
 * - pending: the session has not ended and there is no check-in yet.
 * - 休息日 / 节假日: the calendar says the day is not worked.
 * Going straight to a meeting is no excuse (domain): a status alone never replaces a check-in.
 */

export type SessionStatus = 'normal' | 'late' | 'early' | 'off_post' | 'absent' | 'out' | 'leave' | 'excused' | 'pending' | 'rest' | 'holiday';
export const WHEREABOUTS_STATUSES = ['at_post', 'meeting', 'out', 'visit', 'rest'] as const;
export type WhereaboutsStatus = (typeof WHEREABOUTS_STATUSES)[number];

export interface LeaveInterval {
  personId: number;
  from: Date;
  to: Date;
  type: string;
}

export interface Punch {
  personId: number;
  /** Office-local date, YYYY-MM-DD. */
  officeDate: string;
  kind: 'in' | 'out';
  /** When the message was sent (InboundMessage.sentAt), not when it arrived. */
  at: Date;
  outsideGeofence?: boolean;
}

export interface ExceptionRecord {
  personId: number;
  officeDate: string;
  /** Session id of the person's hours. */
  session: string;
  reason: string;
  recordedBy: string;
  recordedAt: Date;
}

export interface WhereaboutsRecord {
  personId: number;
  officeDate: string;
  status: WhereaboutsStatus;
  note: string | null;
  setAt: Date;
}

export interface SessionResult {
  session: string;
  sessionName: string;
  status: SessionStatus;
  minutesLate: number;
  minutesEarly: number;
  checkIn: Date | null;
  checkOut: Date | null;
  outsideGeofence: boolean;
  leaveType: string | null;
  exception: string | null;
  whereabouts: WhereaboutsStatus | null;
}

export interface SessionInput {
  session: SessionRule;
  /** The session as due for this person (the duty lead applied to its start). */
  due: SessionRule;
  day: DayInfo;
  punches: readonly Punch[];
  leaves: readonly LeaveInterval[];
  exception: ExceptionRecord | null;
  whereabouts: readonly WhereaboutsRecord[];
  now: Date;
}

export type AttendanceRules = Pick<Policy, 'timezone' | 'checkIn'> & { attendance: Pick<Policy['attendance'], 'offPostMinutes'> };

const OUT_STATUSES: ReadonlySet<WhereaboutsStatus> = new Set(['out', 'visit', 'meeting']);
const MINUTE = 60_000;

/** Instants of local times, cached: a month's report asks for the same few thousands of times. */
export class OfficeInstants {
  private readonly cache = new Map<string, number>();
  constructor(private readonly zone: string) {}

  at(date: string, hhmm: string): number {
    const key = `${date}T${hhmm}`;
    let ms = this.cache.get(key);
    if (ms === undefined) {
      ms = DateTime.fromISO(key, { zone: this.zone }).toMillis();
      this.cache.set(key, ms);
    }
    return ms;
  }
}

function statusInForce(whereabouts: readonly WhereaboutsRecord[], at: number): WhereaboutsRecord | null {
  let found: WhereaboutsRecord | null = null;
  for (const w of whereabouts) if (w.setAt.getTime() <= at && (!found || w.setAt >= found.setAt)) found = w;
  return found;
}

function covered(leaves: readonly LeaveInterval[], from: number, to: number): LeaveInterval | undefined {
  return leaves.find((l) => l.from.getTime() <= from && l.to.getTime() >= to);
}

/** The check-in and check-out that belong to a session, by the windows of the check-in rules. */
export function sessionPunches(
  rules: AttendanceRules,
  instants: OfficeInstants,
  date: string,
  due: SessionRule,
  punches: readonly Punch[],
): { checkIn: Punch | null; checkOut: Punch | null } {
  const start = instants.at(date, due.start);
  const end = instants.at(date, due.end);
  const opens = start - rules.checkIn.opensMinutesBefore * MINUTE;
  const closes = end + rules.checkIn.checkOutClosesMinutesAfter * MINUTE;
  let checkIn: Punch | null = null;
  let checkOut: Punch | null = null;
  for (const p of punches) {
    const t = p.at.getTime();
    // The first check-in and the last check-out count.
    if (p.kind === 'in' && t >= opens && t < end && (!checkIn || p.at < checkIn.at)) checkIn = p;
    if (p.kind === 'out' && t >= start && t < closes && (!checkOut || p.at > checkOut.at)) checkOut = p;
  }
  return { checkIn, checkOut };
}

export function classifySession(rules: AttendanceRules, instants: OfficeInstants, input: SessionInput): SessionResult {
  const { session, due, day, leaves, exception, whereabouts, now } = input;
  const result: SessionResult = {
    session: session.id,
    sessionName: session.name,
    status: 'normal',
    minutesLate: 0,
    minutesEarly: 0,
    checkIn: null,
    checkOut: null,
    outsideGeofence: false,
    leaveType: null,
    exception: exception?.reason ?? null,
    whereabouts: null,
  };
  if (!isWorkday(day)) return { ...result, status: day.kind === 'holiday' ? 'holiday' : 'rest' };

  const start = instants.at(day.date, due.start);
  const end = instants.at(day.date, due.end);
  const { checkIn, checkOut } = sessionPunches(rules, instants, day.date, due, input.punches);
  result.checkIn = checkIn?.at ?? null;
  result.checkOut = checkOut?.at ?? null;
  result.outsideGeofence = Boolean(checkIn?.outsideGeofence || checkOut?.outsideGeofence);

  const overlapping = leaves.find((l) => l.from.getTime() < end && l.to.getTime() > start);
  if (!checkIn) {
    if (overlapping) return { ...result, status: 'leave', leaveType: overlapping.type };
    if (exception) return { ...result, status: 'excused' };
    return { ...result, status: now.getTime() < end ? 'pending' : 'absent' };
  }

  const arrived = checkIn.at.getTime();
  if (arrived > start + rules.checkIn.graceMinutes * MINUTE) {
    const leaveAtStart = covered(leaves, start, arrived);
    if (leaveAtStart) result.leaveType = leaveAtStart.type;
    else if (exception) result.status = 'excused';
    else {
      result.status = 'late';
      result.minutesLate = Math.ceil((arrived - start) / MINUTE);
    }
  }

  const sessionStatuses = whereabouts.filter((w) => w.setAt.getTime() >= arrived && w.setAt.getTime() < end);
  const resting = sessionStatuses.find((w) => w.status === 'rest' && !covered(leaves, w.setAt.getTime(), end));
  if (checkOut && checkOut.at.getTime() < end) {
    const left = checkOut.at.getTime();
    const leaveAtEnd = covered(leaves, left, end);
    const status = statusInForce(whereabouts, left);
    if (leaveAtEnd) {
      result.leaveType = leaveAtEnd.type;
    } else if (status && OUT_STATUSES.has(status.status)) {
      result.whereabouts = status.status;
      if (result.status === 'normal') result.status = 'out';
    } else {
      result.minutesEarly = Math.ceil((end - left) / MINUTE);
      result.status = end - left > rules.attendance.offPostMinutes * MINUTE ? 'off_post' : 'early';
      result.whereabouts = status?.status ?? null;
    }
    return result;
  }
  if (resting) return { ...result, status: 'off_post', whereabouts: 'rest' };
  const atEnd = statusInForce(sessionStatuses, Math.min(end, now.getTime()));
  if (atEnd) {
    result.whereabouts = atEnd.status;
    if (result.status === 'normal' && OUT_STATUSES.has(atEnd.status)) result.status = 'out';
  }
  return result;
}

/** Statuses that break full attendance (全勤) and cost points. */
export const FAULTS = ['late', 'early', 'off_post', 'absent'] as const;

export interface Totals {
  workdays: number;
  sessions: number;
  normal: number;
  late: number;
  early: number;
  off_post: number;
  absent: number;
  out: number;
  leave: number;
  excused: number;
  pending: number;
  /** Sessions checked in from outside the geofence. */
  outsideGeofence: number;
}

export function emptyTotals(): Totals {
  return { workdays: 0, sessions: 0, normal: 0, late: 0, early: 0, off_post: 0, absent: 0, out: 0, leave: 0, excused: 0, pending: 0, outsideGeofence: 0 };
}

/** Adds one session to the totals; a late arrival that also left early counts in both. */
export function addSession(totals: Totals, result: SessionResult): void {
  if (result.status === 'rest' || result.status === 'holiday') return;
  totals.sessions++;
  totals[result.status]++;
  if (result.minutesLate > 0 && result.status !== 'late') totals.late++;
  if (result.outsideGeofence) totals.outsideGeofence++;
}

export function isFullAttendance(totals: Totals): boolean {
  return FAULTS.every((fault) => totals[fault] === 0);
}

export interface Score {
  /** Points left of the rule part (100 minus the discretionary points) after deductions, never below 0. */
  rulePoints: number;
  deductions: number;
  /** The secretary's points (考勤评分); null when not entered yet, counted as full. */
  discretionary: number | null;
  total: number;
}

/** The 100-point score: (100 - discretionary share - deductions, at least 0) + the secretary's points. */
export function score(scoring: Policy['attendance']['scoring'], totals: Totals, discretionary: number | null): Score {
  const deductions = totals.late * scoring.late + totals.early * scoring.early + totals.off_post * scoring.offPost + totals.absent * scoring.absent;
  const rulePoints = Math.max(0, 100 - scoring.discretionaryPoints - deductions);
  const given = discretionary ?? scoring.discretionaryPoints;
  return { rulePoints, deductions, discretionary, total: rulePoints + given };
}
