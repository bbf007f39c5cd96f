import { createHash } from 'node:crypto';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import type { DutyMemberRule } from './policy.ts';
import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { planCycle, planHoliday, type CalendarView, type Member, type PlannedSeat, type ShiftTimes } from './rules/rotation.ts';
import { datesBetween } from '../../src/time/office-time.ts';
import { sql } from '../../src/db/sql.ts';

/**
 * Generates the roster ahead from the policy's rotations, idempotently: a community's date is
 * (re)planned only when it has no plan yet or the rules that made it changed (its hash). A seat
 * that started, was overridden (swap, cover, import) or came from an import is never touched; the
 * rest follows the new plan, so edits change only the future, and each changed person is reported.
 */

const LEADER_SHIFT: ShiftTimes = { id: 'leader', name: '带班领导', start: '00:00', end: '00:00' };

export interface SeatPlan extends PlannedSeat {
  role: 'duty' | 'leader';
  source: string;
}

export interface SeatChange {
  seatId: number;
  date: string;
  shiftName: string;
  fromPersonId: number | null;
  toPersonId: number | null;
  start: Date;
}

interface CommunityPlan {
  hash: string;
  plan(calendar: CalendarView, from: string, to: string): SeatPlan[];
}

async function resolveMembers(tx: Tx, communityId: number, people: 'staff' | readonly DutyMemberRule[]): Promise<Member[]> {
  if (people === 'staff') {
    const staff = await tx.person.findMany({ where: { communityId, roles: { some: { role: 'staff' } } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
    return staff.map((p) => ({ personId: p.id, name: p.name }));
  }
  const rules = people.map((m) => (typeof m === 'string' ? { name: m } : m));
  const found = await tx.person.findMany({ where: { communityId, name: { in: rules.map((r) => r.name) } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  return rules.flatMap((rule) => {
    const person = found.find((p) => p.name === rule.name);
    return person ? [{ personId: person.id, name: person.name, from: rule.from, until: rule.until }] : [];
  });
}

/** The rotations and leaders that apply to a community, with their members resolved in it. */
async function communityPlan(tx: Tx, policy: Policy, communityId: number, communityName: string): Promise<CommunityPlan> {
  const { duty, timezone } = policy;
  const applies = (rule: { community?: string | undefined }) => rule.community === undefined || rule.community === communityName;
  const shiftsOf = (ids: readonly string[]) => ids.map((id) => duty.shifts.find((s) => s.id === id)!);
  const rotations = await Promise.all(duty.rotations.filter(applies).map(async (r) => ({ ...r, shifts: shiftsOf(r.shifts), members: await resolveMembers(tx, communityId, r.people) })));
  const leaders = await Promise.all(duty.leaders.filter(applies).map(async (l) => ({ ...l, members: await resolveMembers(tx, communityId, l.people) })));
  const office = await tx.calendarDay.aggregate({ _count: true, _max: { updatedAt: true } });
  const hash = createHash('sha1')
    .update(JSON.stringify({ timezone, rotations, leaders, calendar: [office._count, office._max.updatedAt?.toISOString() ?? null] }))
    .digest('hex')
    .slice(0, 16);
  return {
    hash,
    plan(calendar, from, to) {
      const seats: SeatPlan[] = [];
      for (const r of rotations) {
        const planned =
          r.kind === 'holiday'
            ? planHoliday({ name: r.name, shifts: r.shifts, seats: r.seats, members: r.members, start: r.start }, calendar, from, to, timezone)
            : planCycle({ name: r.name, shifts: r.shifts, seats: r.seats, members: r.members, every: r.every, start: r.start, days: r.days }, calendar, from, to, timezone);
        seats.push(...planned.map((s) => ({ ...s, role: 'duty' as const, source: `${r.kind === 'holiday' ? 'holiday' : 'rotation'}:${r.name}` })));
      }
      for (const l of leaders) {
        const planned = planCycle(
          { name: 'leaders', shifts: [LEADER_SHIFT], seats: 1, members: l.members, every: l.every, start: l.start, days: ['workday', 'restday', 'holiday'] },
          calendar,
          from,
          to,
          timezone,
        );
        seats.push(...planned.map((s) => ({ ...s, role: 'leader' as const, source: 'leaders' })));
      }
      return seats;
    },
  };
}

const seatKey = (s: { date: string; shiftKey?: string; shiftId?: string; seat: number }) => `${s.date}|${s.shiftKey ?? s.shiftId}|${s.seat}`;

/**
 * Makes sure a community's dates from `from` to `to` are planned. `missing` (on demand: who is on
 * duty, a check-in) plans only dates never planned, in one query when there are none; `reconcile`
 * (the hourly job) also replans dates whose rules changed. Returns the seats whose person changed.
 */
export async function ensureRoster(tx: Tx, policy: Policy, communityId: number, from: string, to: string, now: Date, mode: 'missing' | 'reconcile' = 'missing'): Promise<SeatChange[]> {
  if (policy.duty.rotations.length === 0 && policy.duty.leaders.length === 0) return [];
  const dates = datesBetween(from, to);
  const range = { communityId, date: { gte: from, lte: to } };
  if (mode === 'missing' && (await tx.dutyDay.count({ where: range })) === dates.length) return [];
  // Two transactions generating the same days (the first check-ins of a morning on PostgreSQL, a job
  // beside them) would both insert them: the community's row lock makes the second wait for the
  // first and then find the days done. (SQLite runs one transaction at a time anyway.)
  await sql(tx).execute`UPDATE "Community" SET "id" = "id" WHERE "id" = ${communityId}`;
  if (mode === 'missing' && (await tx.dutyDay.count({ where: range })) === dates.length) return [];
  const community = await tx.community.findUnique({ where: { id: communityId } });
  if (!community) return [];
  const rules = await communityPlan(tx, policy, communityId, community.name);
  const done = await tx.dutyDay.findMany({ where: mode === 'missing' ? range : { ...range, hash: rules.hash }, select: { date: true } });
  if (done.length === dates.length) return [];
  const doneDates = new Set(done.map((d) => d.date));
  const stale = dates.filter((d) => !doneDates.has(d));
  const first = stale[0]!;
  const last = stale.at(-1)!;
  const staleSet = new Set(stale);
  const calendar = await loadCalendar(tx);
  const plan = new Map(rules.plan(calendar, first, last).filter((s) => staleSet.has(s.date)).map((s) => [seatKey(s), s]));
  const existing = await tx.dutySeat.findMany({ where: { communityId, date: { in: stale } } });
  const changes: SeatChange[] = [];
  const generated = (seat: (typeof existing)[number]) => seat.source !== 'import' && !seat.overridden && seat.startAt > now;
  for (const seat of existing) {
    const planned = plan.get(seatKey(seat));
    plan.delete(seatKey(seat));
    if (!generated(seat)) continue;
    if (!planned) {
      await tx.dutySeat.deleteMany({ where: { id: seat.id, overridden: false } });
      changes.push({ seatId: seat.id, date: seat.date, shiftName: seat.shiftName, fromPersonId: seat.personId, toPersonId: null, start: seat.startAt });
      continue;
    }
    if (planned.personId === seat.personId && planned.start.getTime() === seat.startAt.getTime() && planned.source === seat.source) continue;
    // Compare-and-set: a swap approved meanwhile marks the seat overridden, and wins.
    const moved = await tx.dutySeat.updateMany({
      where: { id: seat.id, overridden: false, personId: seat.personId },
      data: { plannedPersonId: planned.personId, personId: planned.personId, startAt: planned.start, endAt: planned.end, shiftName: planned.shiftName, source: planned.source },
    });
    if (moved.count === 1 && planned.personId !== seat.personId) {
      changes.push({ seatId: seat.id, date: seat.date, shiftName: planned.shiftName, fromPersonId: seat.personId, toPersonId: planned.personId, start: planned.start });
    }
  }
  const fresh = [...plan.values()];
  if (fresh.length > 0) {
    await tx.dutySeat.createMany({
      data: fresh.map((s) => ({
        communityId,
        date: s.date,
        shiftKey: s.shiftId,
        shiftName: s.shiftName,
        seat: s.seat,
        role: s.role,
        startAt: s.start,
        endAt: s.end,
        source: s.source,
        plannedPersonId: s.personId,
        personId: s.personId,
        createdAt: now,
      })),
    });
  }
  const known = await tx.dutyDay.findMany({ where: { communityId, date: { in: stale } }, select: { date: true } });
  const knownDates = new Set(known.map((d) => d.date));
  await tx.dutyDay.updateMany({ where: { communityId, date: { in: stale } }, data: { hash: rules.hash, generatedAt: now } });
  const missing = stale.filter((d) => !knownDates.has(d));
  if (missing.length > 0) await tx.dutyDay.createMany({ data: missing.map((date) => ({ communityId, date, hash: rules.hash, generatedAt: now })) });
  return changes;
}
