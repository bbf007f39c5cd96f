import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { blockOf } from './rules/rotation.ts';
import { datesBetween } from '../../src/time/office-time.ts';
import { ensureRoster } from './generate.ts';

/** A community's roster over some dates, as plain data for chat, posts and the ledger. */

export interface RosterSeat {
  id: number;
  shiftKey: string;
  shiftName: string;
  seat: number;
  startAt: Date;
  endAt: Date;
  source: string;
  person: { id: number; name: string } | null;
  /** Whom the plan had, when an override put someone else in the seat. */
  planned: { id: number; name: string } | null;
  checkedInAt: Date | null;
  missedReportedAt: Date | null;
  handoverAt: Date | null;
  handoverNote: string | null;
  overrides: { kind: string; from: string | null; to: string | null; by: string | null; at: Date }[];
}

export interface RosterDay {
  date: string;
  /** The holiday block's name when the date is in one. */
  holiday: string | null;
  seats: RosterSeat[];
  leader: { id: number; name: string } | null;
}

export async function loadRoster(tx: Tx, policy: Policy, communityId: number, from: string, to: string, now: Date): Promise<RosterDay[]> {
  await ensureRoster(tx, policy, communityId, from, to, now);
  const calendar = await loadCalendar(tx);
  const seats = await tx.dutySeat.findMany({ where: { communityId, date: { gte: from, lte: to } }, orderBy: [{ date: 'asc' }, { startAt: 'asc' }, { shiftKey: 'asc' }, { seat: 'asc' }] });
  const overrides = seats.length > 0 ? await tx.dutyOverride.findMany({ where: { seatId: { in: seats.filter((s) => s.overridden).map((s) => s.id) } }, orderBy: { at: 'asc' } }) : [];
  const ids = new Set<number>();
  for (const s of seats) for (const id of [s.personId, s.plannedPersonId]) if (id !== null) ids.add(id);
  for (const o of overrides) for (const id of [o.fromPersonId, o.toPersonId, o.byId]) if (id !== null) ids.add(id);
  const names = new Map((await tx.person.findMany({ where: { id: { in: [...ids] } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const person = (id: number | null) => (id === null ? null : { id, name: names.get(id) ?? '' });
  const name = (id: number | null) => (id === null ? null : (names.get(id) ?? ''));
  return datesBetween(from, to).map((date) => {
    const ofDay = seats.filter((s) => s.date === date);
    const view = ofDay.map(
      (s): RosterSeat => ({
        id: s.id,
        shiftKey: s.shiftKey,
        shiftName: s.shiftName,
        seat: s.seat,
        startAt: s.startAt,
        endAt: s.endAt,
        source: s.source,
        person: person(s.personId),
        planned: s.plannedPersonId !== s.personId ? person(s.plannedPersonId) : null,
        checkedInAt: s.checkedInAt,
        missedReportedAt: s.missedReportedAt,
        handoverAt: s.handoverAt,
        handoverNote: s.handoverNote,
        overrides: overrides.filter((o) => o.seatId === s.id).map((o) => ({ kind: o.kind, from: name(o.fromPersonId), to: name(o.toPersonId), by: name(o.byId), at: o.at })),
      }),
    );
    const leaders = view.filter((s) => s.shiftKey === 'leader' && s.person).sort((a, b) => Number(b.source === 'import') - Number(a.source === 'import'));
    return { date, holiday: blockOf(calendar, date)?.name ?? null, seats: view.filter((s) => s.shiftKey !== 'leader'), leader: leaders[0]?.person ?? null };
  });
}
