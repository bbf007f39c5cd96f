import { privateTargets, roleHolders, toMessage, workGroupTargets, type Target } from '../../../src/core/addressing.ts';
import { OFFICE_STAFF } from '../../../src/core/roles.ts';
import type { Tx } from '../../../src/db/client.ts';
import { approvedLeaveIntervals } from '../../leave/api.ts';
import { formatClock, formatDateTime } from '../../../src/time/office-time.ts';
import { dueAt, type Effects } from '../arrival.ts';
import { dayLabel, shiftLabel } from '../format.ts';
import { onDutyAt } from '../on-duty.ts';
import { buttonValue, writeReference } from '../../../src/core/reference.ts';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
/** A missing check-in of a shift that started longer ago than this (the bot was down) is no news any more. */
const REPORT_WINDOW = 2 * 60 * MINUTE;

async function targetsOf(tx: Tx, people: readonly { id: number }[]): Promise<Target[]> {
  return (await Promise.all(people.map((p) => privateTargets(tx, p.id)))).flat();
}

/** The leader on call at an instant, else the secretary: privately; else the work groups. */
async function leaderOrSecretary(tx: Tx, e: Effects, communityId: number, at: Date): Promise<Target[]> {
  const { leader } = await onDutyAt(tx, e.policy, communityId, at);
  const people = leader ? [{ id: leader.personId }] : await roleHolders(tx, 'secretary', { communityId, streetId: null });
  const targets = await targetsOf(tx, people);
  return targets.length > 0 ? targets : workGroupTargets(tx, communityId);
}

function push(e: Effects, targets: readonly Target[], text: string, extra: { buttons?: { label: string; value: string }[] } = {}) {
  for (const target of targets) e.out.add({ platform: target.platform, message: toMessage(target, text, extra) });
}

/**
 * A duty check-in still missing `duty.checkIn.reportAfterMinutes` after it was due (the lead before
 * the start) goes to the leader on call, once per seat (compare-and-set on missedReportedAt).
 */
export async function reportMissingCheckIns(e: Effects): Promise<void> {
  const { tx, policy, t, now } = e;
  const lead = policy.attendance.duty.leadMinutes;
  const after = policy.duty.checkIn.reportAfterMinutes;
  const seats = await tx.dutySeat.findMany({
    where: {
      role: 'duty',
      checkedInAt: null,
      missedReportedAt: null,
      personId: { not: null },
      startAt: { lte: new Date(now.getTime() + (lead - after) * MINUTE), gt: new Date(now.getTime() - REPORT_WINDOW) },
      endAt: { gt: now },
    },
  });
  for (const seat of seats) {
    const claimed = await tx.dutySeat.updateMany({ where: { id: seat.id, checkedInAt: null, missedReportedAt: null }, data: { missedReportedAt: now } });
    if (claimed.count !== 1) continue;
    const person = await tx.person.findUnique({ where: { id: seat.personId! }, select: { name: true } });
    const text = t('duty.missed', { name: person?.name ?? '', shift: shiftLabel(t, policy, seat), due: formatClock(dueAt(policy, seat.startAt), policy.timezone), now: formatClock(now, policy.timezone) });
    push(e, await leaderOrSecretary(tx, e, seat.communityId, seat.startAt), text);
  }
}

/** Office staff of the community free for a seat: not on duty then, not on leave then; fewest duties this month first. */
async function freeToCover(tx: Tx, communityId: number, seat: { startAt: Date; endAt: Date }, exclude: number): Promise<{ id: number; name: string }[]> {
  const staff = await tx.person.findMany({ where: { communityId, id: { not: exclude }, roles: { some: { role: { in: [...OFFICE_STAFF] } } } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  const busy = await tx.dutySeat.findMany({ where: { communityId, role: 'duty', startAt: { lt: seat.endAt }, endAt: { gt: seat.startAt } }, select: { personId: true } });
  const away = await approvedLeaveIntervals(tx, { communityId, from: seat.startAt, to: seat.endAt });
  const taken = new Set([...busy.map((b) => b.personId), ...away.map((a) => a.personId)]);
  const month = await tx.dutySeat.groupBy({ by: ['personId'], where: { communityId, role: 'duty', startAt: { gte: new Date(seat.startAt.getTime() - 30 * DAY), lt: seat.startAt } }, _count: true });
  const load = new Map(month.map((m) => [m.personId, m._count]));
  return staff.filter((p) => !taken.has(p.id)).sort((a, b) => (load.get(a.id) ?? 0) - (load.get(b.id) ?? 0) || a.id - b.id);
}

/**
 * Approved leave overlapping a duty seat of the person, raised once per leave (DutyLeaveCheck, read
 * then created under its key) to the secretary, with who is free to cover and a button each.
 */
export async function raiseLeaveOverlaps(e: Effects): Promise<void> {
  const { tx, policy, t, now } = e;
  const recent = await tx.leaveRequest.findMany({ where: { status: 'approved', decidedAt: { gte: new Date(now.getTime() - 7 * DAY) }, endAt: { gt: now } }, include: { person: { select: { name: true } } } });
  if (recent.length === 0) return;
  const checked = new Set((await tx.dutyLeaveCheck.findMany({ where: { leaveId: { in: recent.map((l) => l.id) } } })).map((c) => c.leaveId));
  for (const leave of recent.filter((l) => !checked.has(l.id))) {
    const seats = await tx.dutySeat.findMany({ where: { personId: leave.personId, role: 'duty', startAt: { lt: leave.endAt }, endAt: { gt: leave.startAt > now ? leave.startAt : now } }, orderBy: { startAt: 'asc' } });
    await tx.dutyLeaveCheck.create({ data: { leaveId: leave.id, checkedAt: now, seats: seats.length } });
    if (seats.length === 0 || leave.communityId === null) continue;
    const lines: string[] = [];
    const buttons: { label: string; value: string }[] = [];
    for (const seat of seats) {
      const free = await freeToCover(tx, leave.communityId, seat, leave.personId);
      lines.push(t('duty.leave.seat', { id: seat.id, date: dayLabel(t, seat.date), shift: shiftLabel(t, policy, seat), free: free.length > 0 ? free.slice(0, 5).map((p) => p.name).join('、') : t('duty.leave.nobodyFree') }));
      if (seats.length === 1) for (const p of free.slice(0, 3)) buttons.push({ label: t('duty.leave.button', { name: p.name }), value: buttonValue('代班', writeReference(seat.id), p.name) });
    }
    const text = [
      t('duty.leave.title', { name: leave.person.name, id: leave.id, type: leave.type, from: formatDateTime(leave.startAt, policy.timezone), to: formatDateTime(leave.endAt, policy.timezone) }),
      ...lines,
      t('duty.leave.hint', { id: seats[0]!.id }),
    ].join('\n');
    const secretaries = await roleHolders(tx, 'secretary', { communityId: leave.communityId, streetId: null });
    const targets = await targetsOf(tx, secretaries);
    push(e, targets.length > 0 ? targets : await workGroupTargets(tx, leave.communityId), text, buttons.length > 0 ? { buttons } : {});
  }
}
