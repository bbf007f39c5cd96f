import { privateTargets, toMessage } from '../../src/core/addressing.ts';
import type { Effects } from './arrival.ts';
import { shiftLabel } from './format.ts';
import { formatClock } from '../../src/time/office-time.ts';

const HOUR = 3_600_000;

/**
 * 交班: records the handover line on the sender's seat that is in progress or ended within the last
 * two hours (compare-and-set: the first line stays, a second is answered as already recorded), and
 * tells whoever takes over privately. Returns the answer for the sender.
 */
export async function handOver(e: Effects, personId: number, note: string): Promise<string> {
  const { tx, policy, t, now } = e;
  const seats = await tx.dutySeat.findMany({
    where: { personId, role: 'duty', startAt: { lte: now }, endAt: { gte: new Date(now.getTime() - 2 * HOUR) } },
    orderBy: { endAt: 'asc' },
  });
  const seat = seats.find((s) => s.handoverAt === null) ?? seats[0];
  if (!seat) return t('duty.handOver.none');
  const shift = shiftLabel(t, policy, seat);
  const text = note || t('duty.handover.noNote');
  const done = await tx.dutySeat.updateMany({ where: { id: seat.id, handoverAt: null }, data: { handoverAt: now, handoverNote: text } });
  if (done.count !== 1) return t('duty.handOver.already', { shift, time: formatClock(seat.handoverAt!, policy.timezone), note: seat.handoverNote ?? '' });
  const next = await tx.dutySeat.findMany({ where: { communityId: seat.communityId, role: 'duty', startAt: seat.endAt, personId: { not: null } } });
  const names = await tx.person.findMany({ where: { id: { in: next.map((s) => s.personId!) } }, select: { id: true, name: true } });
  const from = await tx.person.findUnique({ where: { id: personId }, select: { name: true } });
  for (const person of names) {
    const message = t('duty.handOver.toNext', { name: from?.name ?? '', shift, note: text, time: formatClock(now, policy.timezone) });
    for (const target of await privateTargets(tx, person.id)) e.out.add({ platform: target.platform, message: toMessage(target, message) });
  }
  const successors = names.map((p) => p.name).join('、');
  return t('duty.handOver.done', { shift, time: formatClock(now, policy.timezone), note: text, next: successors ? t('duty.handOver.next', { names: successors }) : '' });
}
