import { DateTime } from 'luxon';
import { loadCalendar } from '../../../src/calendar/calendar-store.ts';
import { privateTargets, toMessage, workGroupTargets } from '../../../src/core/addressing.ts';
import type { Policy } from '../../../src/config/policy.ts';
import { insertUnlessDuplicate, type Tx } from '../../../src/db/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Outbox } from '../../../src/messaging/outbox.ts';
import { holidayBlocks } from '../rules/rotation.ts';
import { officeDate, addDays } from '../../../src/time/office-time.ts';
import { dayLabel, daysText, shiftLabel } from '../format.ts';
import { loadRoster, type RosterDay } from '../roster.ts';

/**
 * The roster's posts: the day's duty to the work groups at `duty.post.at` (the week on Mondays), the
 * whole holiday roster before a holiday block, and the evening reminder to each person on duty
 * tomorrow. Each post is claimed once per community and key (DutyPost, created under its unique
 * key), each reminder once per seat (compare-and-set), so a restart, a catch-up at a
 * later minute or a second instance never sends one twice.
 */

async function claimPost(tx: Tx, communityId: number, kind: string, key: string, now: Date): Promise<boolean> {
  return (await insertUnlessDuplicate(tx, () => tx.dutyPost.create({ data: { communityId, kind, key, sentAt: now } }))) !== null;
}

/** Posts `text` to the community's work groups, with @ before each person bound on that group's platform. */
async function postToWorkGroups(tx: Tx, t: Translate, policy: Policy, communityId: number, title: string, days: RosterDay[], out: Outbox): Promise<void> {
  const groups = await workGroupTargets(tx, communityId);
  if (groups.length === 0) return;
  const ids = new Set<number>();
  for (const day of days) {
    for (const seat of day.seats) if (seat.person) ids.add(seat.person.id);
    if (day.leader) ids.add(day.leader.id);
  }
  const bindings = await tx.binding.findMany({ where: { personId: { in: [...ids] } }, select: { personId: true, platform: true } });
  for (const group of groups) {
    const bound = new Set(bindings.filter((b) => b.platform === group.platform).map((b) => b.personId));
    out.add({ platform: group.platform, message: toMessage(group, `${title}\n${daysText(t, policy, days, (id) => bound.has(id))}`) });
  }
}

const hasDuty = (days: readonly RosterDay[]) => days.some((d) => d.seats.length > 0 || d.leader);

/** The morning post of one community: today (the week on Mondays), and the holiday roster before a block. */
export async function morningPosts(tx: Tx, policy: Policy, t: Translate, communityId: number, now: Date, out: Outbox): Promise<void> {
  const today = officeDate(now, policy.timezone);
  const monday = DateTime.fromISO(today, { zone: 'UTC' }).weekday === 1 && policy.duty.post.weekOnMonday;
  const to = monday ? addDays(today, 6) : today;
  const days = await loadRoster(tx, policy, communityId, today, to, now);
  if (hasDuty(days) && (await claimPost(tx, communityId, monday ? 'week' : 'day', today, now))) {
    const title = monday ? t('duty.post.week', { from: dayLabel(t, today), to: dayLabel(t, to) }) : t('duty.post.day', { date: dayLabel(t, today) });
    await postToWorkGroups(tx, t, policy, communityId, title, days, out);
  }
  const calendar = await loadCalendar(tx);
  const ahead = addDays(today, policy.duty.post.holidayDaysBefore);
  const block = holidayBlocks(calendar, ahead, ahead).find((b) => b.first === ahead);
  if (!block) return;
  const holiday = await loadRoster(tx, policy, communityId, block.first, block.last, now);
  if (hasDuty(holiday) && (await claimPost(tx, communityId, 'holiday', block.first, now))) {
    await postToWorkGroups(tx, t, policy, communityId, t('duty.post.holiday', { name: block.name, from: dayLabel(t, block.first), to: dayLabel(t, block.last) }), holiday, out);
  }
}

/** The evening before: each person on duty tomorrow, privately, once per seat. */
export async function eveningReminders(tx: Tx, policy: Policy, t: Translate, communityId: number, now: Date, out: Outbox): Promise<void> {
  const tomorrow = addDays(officeDate(now, policy.timezone), 1);
  await loadRoster(tx, policy, communityId, tomorrow, tomorrow, now);
  const seats = await tx.dutySeat.findMany({ where: { communityId, date: tomorrow, role: 'duty', remindedAt: null, personId: { not: null } }, orderBy: { startAt: 'asc' } });
  for (const seat of seats) {
    const claimed = await tx.dutySeat.updateMany({ where: { id: seat.id, remindedAt: null }, data: { remindedAt: now } });
    if (claimed.count !== 1) continue;
    const partners = await tx.dutySeat.findMany({ where: { communityId, date: tomorrow, shiftKey: seat.shiftKey, role: 'duty', id: { not: seat.id }, personId: { not: null } } });
    const names = await tx.person.findMany({ where: { id: { in: partners.map((p) => p.personId!) } }, select: { name: true } });
    const due = DateTime.fromJSDate(seat.startAt).minus({ minutes: policy.attendance.duty.leadMinutes }).toJSDate();
    const text = t('duty.remind', {
      date: dayLabel(t, tomorrow),
      shift: shiftLabel(t, policy, seat),
      due: DateTime.fromJSDate(due, { zone: policy.timezone }).toFormat('HH:mm'),
      partners: names.length > 0 ? t('duty.remind.partners', { names: names.map((n) => n.name).join('、') }) : '',
    });
    for (const target of await privateTargets(tx, seat.personId!)) out.add({ platform: target.platform, message: toMessage(target, text) });
  }
}
