import { z } from 'zod';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { defineCommand, triggerWithArgs, TRIGGER, type CommandContext } from '../../src/core/command.ts';
import { type Sender } from '../../src/core/identity.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { dayLabel, daysText, shiftLabel } from './format.ts';
import { ensureRoster } from './generate.ts';
import { loadRoster } from './roster.ts';
import { holidayBlocks } from './rules/rotation.ts';
import { DUTY_PERIOD, parseDutyPeriod } from './rules/words.ts';
import { officeDate, addDays } from '../../src/time/office-time.ts';

const periodArgs = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('default'), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('days'), from: z.string(), to: z.string() }),
  z.object({ kind: z.literal('holiday'), name: z.string() }),
]);

/** The longest span one answer shows. */
const MAX_DAYS = 62;

/** The current or next holiday block of that name, within a year. */
async function holidaySpan(context: CommandContext<Sender>, name: string): Promise<{ from: string; to: string; name: string } | null> {
  const today = officeDate(context.now, context.policy.timezone);
  const calendar = await loadCalendar(context.tx);
  const block = holidayBlocks(calendar, addDays(today, -10), addDays(today, 366)).find((b) => b.last >= today && b.name.includes(name));
  return block ? { from: block.first, to: block.last, name: block.name } : null;
}

/**
 * 值班: today's and tomorrow's duty; 值班 本周 / 下周 / 本月 / 12月 / 国庆 / 12月5日 more. In a group
 * unaddressed only the word alone or a period word runs it: 「值班，辛苦了」 is talk.
 */
export const dutyShowCommand = defineCommand({
  id: 'duty-show',
  names: ['值班', '值班表', '/duty'],
  summary: 'cmd.duty.summary',
  example: 'cmd.duty.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  trigger: triggerWithArgs(DUTY_PERIOD, true),
  args: periodArgs,
  parse(rest, { now, policy }) {
    const period = parseDutyPeriod(rest, officeDate(now, policy.timezone));
    return period ? { ok: true, args: period } : { ok: false, error: { key: 'duty.show.unknownPeriod', params: { words: rest } } };
  },
  async handle(context, period) {
    const { t, policy, tx, now } = context;
    const { communityId } = context.sender;
    let span: { from: string; to: string; title: string };
    if (period.kind === 'holiday') {
      const block = await holidaySpan(context, period.name);
      if (!block) return context.reply(t('duty.show.noHoliday', { name: period.name }));
      span = { from: block.from, to: block.to, title: t('duty.show.holidayTitle', { name: block.name }) };
    } else {
      span = { from: period.from, to: period.to, title: period.kind === 'default' ? t('duty.show.defaultTitle') : t('duty.show.title', { from: dayLabel(t, period.from), to: dayLabel(t, period.to) }) };
    }
    if (addDays(span.from, MAX_DAYS) <= span.to) span.to = addDays(span.from, MAX_DAYS - 1);
    const days = await loadRoster(tx, policy, communityId, span.from, span.to, now);
    if (days.every((d) => d.seats.length === 0 && !d.leader)) return context.reply(`${span.title}\n${t('duty.show.empty')}`);
    context.reply(`${span.title}\n${daysText(t, policy, days)}`);
  },
});

/** 我的值班: one's own next shifts, with what changed them. */
export const dutyMineCommand = defineCommand({
  id: 'duty-mine',
  names: ['我的值班', '/myduty'],
  summary: 'cmd.dutyMine.summary',
  example: 'cmd.dutyMine.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  // A fixed phrase of one's own: alone it runs; with words after it, it is talk.
  trigger: TRIGGER.alone,
  args: z.object({}),
  parse: () => ({ ok: true, args: {} }),
  async handle(context) {
    const { t, policy, tx, now, sender } = context;
    const { communityId } = sender;
    const today = officeDate(now, policy.timezone);
    await ensureRoster(tx, policy, communityId, addDays(today, -1), addDays(today, policy.duty.horizonDays), now);
    const seats = await tx.dutySeat.findMany({ where: { personId: sender.personId, role: 'duty', endAt: { gt: now } }, orderBy: { startAt: 'asc' }, take: 8 });
    if (seats.length === 0) return context.reply(t('duty.mine.none', { days: policy.duty.horizonDays }));
    const planned = await tx.person.findMany({ where: { id: { in: seats.flatMap((s) => (s.plannedPersonId && s.plannedPersonId !== s.personId ? [s.plannedPersonId] : [])) } } });
    const lines = seats.map((s) => {
      const instead = planned.find((p) => p.id === s.plannedPersonId && s.plannedPersonId !== s.personId);
      return `${dayLabel(t, s.date)} ${shiftLabel(t, policy, s)}${instead ? t('duty.mine.instead', { name: instead.name }) : ''}`;
    });
    context.reply([t('duty.mine.title'), ...lines].join('\n'));
  },
});
