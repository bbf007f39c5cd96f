import { privateTargets, toMessage } from '../../src/core/addressing.ts';
import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { rawDate, rawOptionalDate } from '../../src/db/raw-values.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { Outbox } from '../../src/messaging/outbox.ts';
import { sessionsCovered } from './rules/rotation.ts';
import { formatClock, officeDate, addDays } from '../../src/time/office-time.ts';
import { ensureRoster } from './generate.ts';
import { onDutyAt } from './on-duty.ts';
import { shiftLabel } from './format.ts';
import { sql } from '../../src/db/sql.ts';

/**
 * Arriving on duty: a 签到 or 接班 inside a seat's check-in window (from `duty.checkIn.opensMinutesBefore`
 * before the shift until its end) records the seat's check-in, once (compare-and-set). The duty
 * person is due `attendance.duty.leadMinutes` before the start; an arrival after the leader was told
 * of a missing check-in is reported to them too.
 */

export interface Effects {
  tx: Tx;
  policy: Policy;
  t: Translate;
  now: Date;
  out: Outbox;
}

const MINUTE = 60_000;

type Person = { personId: number; communityId: number | null };

/** What a check-in needs of a duty seat. */
export interface DutySeatRow {
  id: number;
  communityId: number;
  date: string;
  shiftName: string;
  startAt: Date;
  endAt: Date;
  checkedInAt: Date | null;
  missedReportedAt: Date | null;
}
type RawSeat = Omit<DutySeatRow, 'startAt' | 'endAt' | 'checkedInAt' | 'missedReportedAt'> & Record<'startAt' | 'endAt', string | Date> & Record<'checkedInAt' | 'missedReportedAt', string | Date | null>;

/**
 * The person's duty seats dated from the day before `date` to the day after, earliest first: every
 * seat whose check-in window or session coverage can matter on that date, read once per check-in.
 */
export async function dutySeatsAround(tx: Tx, policy: Policy, person: Person, date: string, now: Date): Promise<DutySeatRow[]> {
  if (person.communityId !== null) await ensureRoster(tx, policy, person.communityId, addDays(date, -1), addDays(date, 1), now);
  const rows = await sql(tx).query<RawSeat>`
    SELECT "id", "communityId", "date", "shiftName", "startAt", "endAt", "checkedInAt", "missedReportedAt" FROM "DutySeat"
    WHERE "personId" = ${person.personId} AND "role" = 'duty' AND "date" >= ${addDays(date, -1)} AND "date" <= ${addDays(date, 1)}`;
  return rows
    .map((r) => ({ ...r, startAt: rawDate(r.startAt), endAt: rawDate(r.endAt), checkedInAt: rawOptionalDate(r.checkedInAt), missedReportedAt: rawOptionalDate(r.missedReportedAt) }))
    .sort((a, b) => a.startAt.getTime() - b.startAt.getTime());
}

/** Of those seats, the ones whose check-in window is open at `at`. */
function openSeats(policy: Policy, seats: readonly DutySeatRow[], at: Date): DutySeatRow[] {
  const opens = policy.duty.checkIn.opensMinutesBefore * MINUTE;
  return seats.filter((s) => s.startAt.getTime() <= at.getTime() + opens && s.endAt.getTime() > at.getTime());
}

export function dueAt(policy: Policy, start: Date): Date {
  return new Date(start.getTime() - policy.attendance.duty.leadMinutes * MINUTE);
}

/** The office sessions of `date` that one of the person's duty shifts (of that day or the night before) covers the start of. */
export function dutySessionsFor(policy: Policy, seats: readonly DutySeatRow[], date: string, sessions: readonly { id: string; start: string }[]): string[] {
  const covering = seats.filter((s) => s.date >= addDays(date, -1) && s.date <= date);
  if (covering.length === 0) return [];
  return sessionsCovered(covering.map((s) => ({ start: s.startAt, end: s.endAt })), date, sessions, policy.timezone);
}

export interface Arrival {
  shift: string;
  late: number;
  /** The last handover note of the seat before, for whoever takes over. */
  handover: { name: string; note: string } | null;
}

async function leaderTargets(tx: Tx, policy: Policy, communityId: number, at: Date) {
  const { leader } = await onDutyAt(tx, policy, communityId, at);
  return leader ? { leader, targets: await privateTargets(tx, leader.personId) } : null;
}

/** Records the arrival on the person's open seats; null when they have none open. `around`: their seats, when already read. */
export async function recordArrival(e: Effects, person: Person & { name: string }, at: Date, around?: readonly DutySeatRow[]): Promise<Arrival | null> {
  const { tx, policy, t } = e;
  const { name } = person;
  const seats = openSeats(policy, around ?? (await dutySeatsAround(tx, policy, person, officeDate(at, policy.timezone), at)), at);
  if (seats.length === 0) return null;
  const seat = seats.find((s) => s.checkedInAt === null) ?? seats[0]!;
  const late = Math.max(0, Math.ceil((at.getTime() - dueAt(policy, seat.startAt).getTime()) / MINUTE));
  const arrival: Arrival = { shift: shiftLabel(t, policy, seat), late, handover: null };
  const before = await tx.dutySeat.findFirst({
    where: { communityId: seat.communityId, role: 'duty', endAt: seat.startAt, handoverAt: { not: null } },
    orderBy: { handoverAt: 'desc' },
  });
  if (before?.personId) {
    const outgoing = await tx.person.findUnique({ where: { id: before.personId }, select: { name: true } });
    arrival.handover = { name: outgoing?.name ?? '', note: before.handoverNote ?? t('duty.handover.noNote') };
  }
  if (seat.checkedInAt !== null) return arrival;
  const marked = await tx.dutySeat.updateMany({ where: { id: seat.id, checkedInAt: null }, data: { checkedInAt: at } });
  if (marked.count === 1 && seat.missedReportedAt !== null) {
    const to = await leaderTargets(tx, policy, seat.communityId, at);
    const text = t('duty.missed.arrived', { name, shift: arrival.shift, time: formatClock(at, policy.timezone), minutes: late });
    for (const target of to?.targets ?? []) e.out.add({ platform: target.platform, message: toMessage(target, text) });
  }
  return arrival;
}

/** The line a check-in reply gains when it is also a duty arrival. */
export function arrivalText(t: Translate, arrival: Arrival): string {
  const status = arrival.late > 0 ? t('duty.arrival.late', { minutes: arrival.late }) : t('duty.arrival.onTime');
  const handover = arrival.handover ? `\n${t('duty.arrival.handover', arrival.handover)}` : '';
  return `${t('duty.arrival', { shift: arrival.shift, status })}${handover}`;
}
