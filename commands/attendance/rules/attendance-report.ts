import type { Policy } from '../../../src/config/policy.ts';
import {
  addSession,
  classifySession,
  emptyTotals,
  isFullAttendance,
  OfficeInstants,
  score,
  type ExceptionRecord,
  type LeaveInterval,
  type Punch,
  type Score,
  type SessionResult,
  type Totals,
  type WhereaboutsRecord,
} from './attendance.ts';
import { isWorkday, type DayInfo } from '../../../src/calendar/office-calendar.ts';
import { sessionsCovered } from '../../duty/api.ts';
import { dueSessions, hoursFor } from './schedules.ts';

/** A period's attendance for a set of people: per person, per day, per session, totals and score. Pure. */

export interface ReportPerson {
  id: number;
  name: string;
  grid: string | null;
  community: string | null;
}

export interface ReportInput {
  policy: Pick<Policy, 'timezone' | 'checkIn' | 'sessions' | 'attendance'>;
  /** The days of the period, from the office calendar. */
  days: readonly DayInfo[];
  people: readonly ReportPerson[];
  punches: readonly Punch[];
  leaves: readonly LeaveInterval[];
  exceptions: readonly ExceptionRecord[];
  whereabouts: readonly WhereaboutsRecord[];
  /** The secretary's discretionary points by person id. */
  discretionary: ReadonlyMap<number, number>;
  /** Each person's duty shifts (the duty roster): due early for the sessions they cover. */
  duty?: ReadonlyMap<number, readonly { start: Date; end: Date }[]>;
  now: Date;
}

export interface PersonDay {
  date: string;
  kind: DayInfo['kind'];
  name: string | null;
  sessions: SessionResult[];
}

export interface PersonReport {
  personId: number;
  name: string;
  community: string | null;
  schedule: string | null;
  onDuty: boolean;
  days: PersonDay[];
  totals: Totals;
  fullAttendance: boolean;
  score: Score;
}

export interface AttendanceReport {
  from: string;
  to: string;
  timezone: string;
  people: PersonReport[];
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  for (const item of items) {
    const k = key(item);
    const list = map.get(k);
    if (list) list.push(item);
    else map.set(k, [item]);
  }
  return map;
}

export function buildAttendanceReport(input: ReportInput): AttendanceReport {
  const { policy, days, now } = input;
  const instants = new OfficeInstants(policy.timezone);
  // Indexes first, so the work grows linearly with people × days.
  const punches = groupBy(input.punches, (p) => `${p.personId}|${p.officeDate}`);
  const leaves = groupBy(input.leaves, (l) => String(l.personId));
  const whereabouts = groupBy(input.whereabouts, (w) => `${w.personId}|${w.officeDate}`);
  const exceptions = new Map<string, ExceptionRecord>();
  // The latest record for a session wins; earlier ones stay in the audit trail.
  for (const e of [...input.exceptions].sort((a, b) => a.recordedAt.getTime() - b.recordedAt.getTime())) {
    exceptions.set(`${e.personId}|${e.officeDate}|${e.session}`, e);
  }

  const people = input.people.map((person): PersonReport => {
    const hours = hoursFor(policy, person);
    const dutySpans = input.duty?.get(person.id) ?? [];
    let onDuty = false;
    const totals = emptyTotals();
    const personLeaves = leaves.get(String(person.id)) ?? [];
    const personDays = days.map((day): PersonDay => {
      const key = `${person.id}|${day.date}`;
      const covered = dutySpans.length > 0 ? sessionsCovered(dutySpans, day.date, hours.sessions, policy.timezone) : [];
      if (covered.length > 0) onDuty = true;
      const due = dueSessions(hours, covered);
      const sessions = hours.sessions.map((session, i) =>
        classifySession(policy, instants, {
          session,
          due: due[i]!,
          day,
          punches: punches.get(key) ?? [],
          leaves: personLeaves,
          exception: exceptions.get(`${key}|${session.id}`) ?? null,
          whereabouts: whereabouts.get(key) ?? [],
          now,
        }),
      );
      if (isWorkday(day)) totals.workdays++;
      for (const s of sessions) addSession(totals, s);
      return { date: day.date, kind: day.kind, name: day.name, sessions };
    });
    return {
      personId: person.id,
      name: person.name,
      community: person.community,
      schedule: hours.schedule,
      onDuty,
      days: personDays,
      totals,
      fullAttendance: isFullAttendance(totals),
      score: score(policy.attendance.scoring, totals, input.discretionary.get(person.id) ?? null),
    };
  });
  return { from: days[0]?.date ?? '', to: days.at(-1)?.date ?? '', timezone: policy.timezone, people };
}
