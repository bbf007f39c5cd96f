import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { officeDate, addDays } from '../../src/time/office-time.ts';
import { ensureRoster } from './generate.ts';

export interface DutyPerson {
  personId: number;
  name: string;
  /** The shift's name (白班, 夜班 …), when a roster knows it. */
  shift: string | null;
  /** The shift's id in the policy (or the imported time range), its seat and its span. */
  shiftKey: string;
  seat: number;
  start: Date;
  end: Date;
  /** Whom the plan had in this seat, when an override (swap, cover) put someone else there. */
  planned: { personId: number; name: string } | null;
}

export interface OnDuty {
  people: DutyPerson[];
  /** The leader on call (带班领导), when a roster names one. */
  leader: { personId: number; name: string } | null;
}

/** Seats whose shift may cover an instant start on its office date or the day before (a night or 24-hour shift). */
function datesAround(policy: Policy, at: Date): { from: string; to: string } {
  const date = officeDate(at, policy.timezone);
  return { from: addDays(date, -1), to: date };
}

/**
 * Who is on duty in a community at an instant: the one question the incident desk and notices ask
 * of the duty roster. Any instant: mid-shift across midnight, on holidays; swaps and covers applied.
 * Dates not generated yet are generated on demand from the policy's rotations.
 */
export async function onDutyAt(tx: Tx, policy: Policy, communityId: number, at: Date): Promise<OnDuty> {
  const { from, to } = datesAround(policy, at);
  await ensureRoster(tx, policy, communityId, from, to, at);
  const seats = await tx.dutySeat.findMany({
    where: { communityId, date: { gte: from, lte: to }, startAt: { lte: at }, endAt: { gt: at }, personId: { not: null } },
    orderBy: [{ role: 'asc' }, { startAt: 'asc' }, { shiftKey: 'asc' }, { seat: 'asc' }],
  });
  const ids = [...new Set(seats.flatMap((s) => [s.personId!, ...(s.plannedPersonId ? [s.plannedPersonId] : [])]))];
  const names = new Map((await tx.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const person = (id: number) => ({ personId: id, name: names.get(id) ?? '' });
  const people = seats
    .filter((s) => s.role === 'duty')
    .map((s) => ({
      ...person(s.personId!),
      shift: s.shiftName,
      shiftKey: s.shiftKey,
      seat: s.seat,
      start: s.startAt,
      end: s.endAt,
      planned: s.plannedPersonId !== null && s.plannedPersonId !== s.personId ? person(s.plannedPersonId) : null,
    }));
  // An imported leader for the day wins over the weekly rotation's.
  const leaders = seats.filter((s) => s.role === 'leader').sort((a, b) => Number(b.source === 'import') - Number(a.source === 'import'));
  return { people, leader: leaders[0] ? person(leaders[0].personId!) : null };
}

export interface DutySpan {
  personId: number;
  start: Date;
  end: Date;
}

/**
 * The duty shifts of some people overlapping [from, to): attendance makes them due
 * `attendance.duty.leadMinutes` early for the sessions those shifts cover (the duty person opens the office).
 */
export async function dutySpans(tx: Tx, personIds: readonly number[], from: Date, to: Date): Promise<DutySpan[]> {
  const seats = await tx.dutySeat.findMany({
    where: { personId: { in: [...personIds] }, role: 'duty', startAt: { lt: to }, endAt: { gt: from } },
    select: { personId: true, startAt: true, endAt: true },
  });
  return seats.map((s) => ({ personId: s.personId!, start: s.startAt, end: s.endAt }));
}
