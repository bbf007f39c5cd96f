import { DateTime } from 'luxon';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import type { WhereaboutsStatus } from './rules/attendance.ts';
import { buildAttendanceReport, type AttendanceReport } from './rules/attendance-report.ts';
import type { DayInfo } from '../../src/calendar/office-calendar.ts';
import { approvedLeaveIntervals } from '../leave/api.ts';
import { dutySpans } from '../duty/api.ts';
import type { Colleague } from '../../src/core/people.ts';

/** The database bounds the parameters of one query (Prisma's SQLite limit is 999): ask for people in chunks. */
const CHUNK = 500;

async function byPeople<T>(ids: readonly number[], query: (chunk: number[]) => Promise<T[]>): Promise<T[]> {
  const results: T[] = [];
  for (let i = 0; i < ids.length; i += CHUNK) results.push(...(await query(ids.slice(i, i + CHUNK))));
  return results;
}

/** Reads the attendance data of some people over some days and hands it, as plain data, to the pure report. */
export async function loadReport(tx: Tx, policy: Policy, days: readonly DayInfo[], people: readonly Colleague[], now: Date, month?: string): Promise<AttendanceReport> {
  const from = days[0]!.date;
  const to = days.at(-1)!.date;
  const ids = people.map((p) => p.id);
  const inPeriod = (chunk: number[]) => ({ personId: { in: chunk }, officeDate: { gte: from, lte: to } });
  const zone = policy.timezone;
  const periodStart = DateTime.fromISO(from, { zone }).toJSDate();
  const periodEnd = DateTime.fromISO(to, { zone }).plus({ days: 1 }).toJSDate();
  const [punches, exceptions, whereabouts, scores, leaves, duty] = await Promise.all([
    byPeople(ids, (chunk) => tx.checkIn.findMany({ where: inPeriod(chunk), select: { personId: true, officeDate: true, kind: true, at: true, outsideGeofence: true } })),
    byPeople(ids, (chunk) => tx.attendanceException.findMany({ where: inPeriod(chunk), include: { recordedBy: { select: { name: true } } } })),
    byPeople(ids, (chunk) => tx.whereabouts.findMany({ where: inPeriod(chunk), select: { personId: true, officeDate: true, status: true, note: true, setAt: true } })),
    month ? byPeople(ids, (chunk) => tx.attendanceScore.findMany({ where: { personId: { in: chunk }, month }, orderBy: { setAt: 'asc' } })) : Promise.resolve([]),
    byPeople(ids, (chunk) =>
      approvedLeaveIntervals(tx, { personIds: chunk, from: periodStart, to: periodEnd }),
    ),
    byPeople(ids, (chunk) => dutySpans(tx, chunk, periodStart, periodEnd)),
  ]);
  const dutyByPerson = new Map<number, { start: Date; end: Date }[]>();
  for (const span of duty) dutyByPerson.set(span.personId, [...(dutyByPerson.get(span.personId) ?? []), span]);
  return buildAttendanceReport({
    policy,
    days,
    people,
    punches: punches.map((p) => ({ ...p, kind: p.kind as 'in' | 'out' })),
    leaves,
    exceptions: exceptions.map((e) => ({ ...e, recordedBy: e.recordedBy.name })),
    whereabouts: whereabouts.map((w) => ({ ...w, status: w.status as WhereaboutsStatus })),
    // The latest points for the month win.
    discretionary: new Map(scores.map((s) => [s.personId, s.points])),
    duty: dutyByPerson,
    now,
  });
}

export async function loadMonthReport(tx: Tx, policy: Policy, month: string, people: readonly Colleague[], now: Date): Promise<AttendanceReport> {
  const calendar = await loadCalendar(tx);
  return loadReport(tx, policy, calendar.month(month), people, now, month);
}
