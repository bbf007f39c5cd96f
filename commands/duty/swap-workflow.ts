import { pushTo } from '../../src/approval/workflow.ts';
import { type StepPlan, type Workflow } from '../../src/approval/kind.ts';
import { privateTargets, workGroupTargets } from '../../src/core/addressing.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { type Text } from '../../src/i18n/text.ts';
import type { Tx } from '../../src/db/client.ts';
import { dayLabel, shiftLabel } from './format.ts';

/**
 * Swaps (换班) and covers (代班): the request, and the change of the roster once every approval
 * step said yes. The seats change by compare-and-set on who is in them, so a swap approved twice,
 * or approved after the roster changed meanwhile, changes nothing and says so.
 */

export type Seat = NonNullable<Awaited<ReturnType<Tx['dutySeat']['findUnique']>>>;

/** The person's duty seats on a date, of the named shift when one is given. */
export async function seatsOn(tx: Tx, personId: number, date: string, shift: string | null): Promise<Seat[]> {
  const seats = await tx.dutySeat.findMany({ where: { personId, date, role: 'duty' }, orderBy: { startAt: 'asc' } });
  return shift ? seats.filter((s) => s.shiftName === shift || s.shiftKey === shift) : seats;
}

/** A colleague by name in the community: office staff only. */
export async function colleagueNamed(tx: Tx, communityId: number, name: string) {
  return tx.person.findFirst({ where: { communityId, name, roles: { some: { role: { in: [...OFFICE_STAFF] } } } }, select: { id: true, name: true } });
}

/** Whether the person has another duty seat overlapping this one's span. */
export async function busyDuring(tx: Tx, personId: number, seat: { id: number; startAt: Date; endAt: Date }, except: readonly number[] = []): Promise<boolean> {
  const other = await tx.dutySeat.findFirst({ where: { personId, role: 'duty', id: { notIn: [seat.id, ...except] }, startAt: { lt: seat.endAt }, endAt: { gt: seat.startAt } } });
  return other !== null;
}

/** One seat of a person on a date, or the answer why not (none, several, already started). */
export async function oneSeat(tx: Tx, person: { personId: number; name: string }, date: string, shift: string | null, now: Date, self: boolean): Promise<{ ok: true; seat: Seat } | { ok: false; text: Text }> {
  const seats = (await seatsOn(tx, person.personId, date, shift)).filter((s) => s.endAt > now);
  const [, month, dayOfMonth] = date.split('-').map(Number);
  const day = { date: `${month}月${dayOfMonth}日` };
  if (seats.length === 0) return { ok: false, text: { key: self ? 'duty.swap.noSeatSelf' : 'duty.swap.noSeatOther', params: { name: person.name, ...day } } };
  if (seats.length > 1) return { ok: false, text: { key: 'duty.swap.whichShift', params: { ...day, shifts: seats.map((s) => s.shiftName).join('、') } } };
  return { ok: true, seat: seats[0]! };
}

/** The steps of a swap or cover: the colleague's word, then the secretary's unless the policy says peers decide. */
export function swapPlan(approval: 'secretary' | 'none', colleagueId: number): StepPlan[] {
  return approval === 'secretary' ? [{ personId: colleagueId }, { role: 'secretary' }] : [{ personId: colleagueId }];
}

export async function loadSwap(tx: Tx, id: number) {
  const swap = await tx.dutySwap.findUnique({ where: { id } });
  if (!swap) return null;
  const [requester, colleague, seat, otherSeat] = await Promise.all([
    tx.person.findUniqueOrThrow({ where: { id: swap.requesterId }, select: { id: true, name: true, communityId: true, streetId: true } }),
    tx.person.findUniqueOrThrow({ where: { id: swap.colleagueId }, select: { id: true, name: true } }),
    tx.dutySeat.findUnique({ where: { id: swap.seatId } }),
    swap.otherSeatId === null ? Promise.resolve(null) : tx.dutySeat.findUnique({ where: { id: swap.otherSeatId } }),
  ]);
  return { ...swap, requester, colleague, seat, otherSeat };
}
export type LoadedSwap = NonNullable<Awaited<ReturnType<typeof loadSwap>>>;

interface Move {
  seat: Seat;
  from: number;
  to: number;
}

/** Who goes where: a cover moves the seat to whichever of the two is not in it; a swap moves both halves. */
function swapMoves(swap: LoadedSwap): Move[] {
  const moves: Move[] = [];
  if (swap.seat) {
    const from = swap.kind === 'cover' && swap.seat.personId === swap.colleague.id ? swap.colleague.id : swap.requester.id;
    moves.push({ seat: swap.seat, from, to: from === swap.requester.id ? swap.colleague.id : swap.requester.id });
  }
  if (swap.otherSeat) moves.push({ seat: swap.otherSeat, from: swap.colleague.id, to: swap.requester.id });
  return moves;
}

/** What the swap does, a line per seat: 12月5日（周六） 白班 08:00-17:30：张伟 → 李秀英. */
export function swapLines(w: Pick<Workflow, 't' | 'policy'>, swap: LoadedSwap): string[] {
  const { t, policy } = w;
  const names = new Map([
    [swap.requester.id, swap.requester.name],
    [swap.colleague.id, swap.colleague.name],
  ]);
  return swapMoves(swap).map((m) => t('duty.swap.line', { date: dayLabel(t, m.seat.date), shift: shiftLabel(t, policy, m.seat), from: names.get(m.from) ?? '', to: names.get(m.to) ?? '' }));
}

/** Moves a seat from one person to another, compare-and-set, with the override that records who, how and when. */
export async function moveSeat(tx: Tx, seat: Seat, from: number, to: number, kind: string, by: number, now: Date, swapId: number | null = null): Promise<boolean> {
  const moved = await tx.dutySeat.updateMany({ where: { id: seat.id, personId: from }, data: { personId: to, overridden: true, remindedAt: null } });
  if (moved.count !== 1) return false;
  await tx.dutyOverride.create({ data: { seatId: seat.id, kind, fromPersonId: from, toPersonId: to, swapId, byId: by, at: now } });
  return true;
}

/**
 * Every step approved: the seats change hands. A seat that changed meanwhile (someone else covers
 * it now, or it is over) fails the swap, which is marked failed, and both are told.
 */
export async function applySwap(w: Workflow, id: number): Promise<void> {
  const { tx, t, now } = w;
  const swap = (await loadSwap(tx, id))!;
  const moves = swapMoves(swap);
  const lines = swapLines(w, swap);
  const both = [...(await privateTargets(tx, swap.requester.id)), ...(await privateTargets(tx, swap.colleague.id))];
  const possible = moves.length > 0 && moves.every((m) => m.seat.personId === m.from && m.seat.endAt > now);
  if (!possible) {
    await tx.dutySwap.updateMany({ where: { id, status: 'approved' }, data: { status: 'failed' } });
    pushTo(w, both, `${t('duty.swap.failed', { id })}\n${lines.join('\n')}`);
    return;
  }
  for (const move of moves) {
    // Checked just above in this transaction: a miss here is a concurrent change, and the whole approval is retried.
    if (!(await moveSeat(tx, move.seat, move.from, move.to, swap.kind, swap.requester.id, now, swap.id))) throw new Error(`duty swap ${id}: seat ${move.seat.id} changed meanwhile`);
  }
  pushTo(w, both, `${t(swap.kind === 'cover' ? 'duty.cover.done' : 'duty.swap.done', { id })}\n${lines.join('\n')}`);
  pushTo(w, await workGroupTargets(tx, swap.communityId), `${t('duty.swap.announce', { id })}\n${lines.join('\n')}`);
}
