import { z } from 'zod';
import { loadMonthReport } from './load-report.ts';
import { findColleague, officeStaff } from '../../src/core/people.ts';
import { ATTENDANCE_READERS } from './roles.ts';
import { communityMonthText, personMonthText } from './summary-text.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { holdsAny, OFFICE_STAFF } from '../../src/core/roles.ts';
import { LOOKING_BACK, readMonth } from '../../src/time/grammar.ts';
import { officeDate } from '../../src/time/office-time.ts';

/**
 * 考勤 本月 / 考勤 张三 11月: a month of attendance in chat. Staff see their own; the attendance
 * officer and the leaders see the community (no name) or anyone in it.
 */

const attendanceArgs = z.object({ name: z.string().nullable(), month: z.string() });

export const attendanceCommand = defineCommand({
  id: 'attendance',
  names: ['考勤', '/attendance'],
  summary: 'cmd.attendance.summary',
  example: 'cmd.attendance.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  trigger: TRIGGER.bare,
  args: attendanceArgs,
  parse(rest, { now, policy }) {
    const today = officeDate(now, policy.timezone);
    const words = rest.split(/\s+/).filter(Boolean);
    if (words.length > 2) return { ok: false, error: { key: 'attendance.usage' } };
    const monthWord = words.length > 0 && readMonth(words.at(-1)!, { today, rollover: LOOKING_BACK }) ? words.pop()! : '本月';
    const name = words[0]?.replace(/^@/, '') ?? null;
    if (words.length > 1) return { ok: false, error: { key: 'attendance.usage' } };
    return { ok: true, args: { name, month: readMonth(monthWord, { today, rollover: LOOKING_BACK })! } };
  },
  async handle({ tx, sender, t, reply, now, policy }, args) {
    const reader = holdsAny(sender.roles, ATTENDANCE_READERS);
    const named = args.name && args.name !== sender.name ? args.name : null;
    if (named && !reader) return reply(t('attendance.onlyOwn'));
    if (!named && reader && args.name === null) {
      const report = await loadMonthReport(tx, policy, args.month, await officeStaff(tx, sender.communityId), now);
      return reply(communityMonthText(t, report, sender.communityName ?? '', args.month));
    }
    const person = await findColleague(tx, sender.communityId, named ?? sender.name);
    if (!person) return reply(t('attendance.noSuchPerson', { name: named ?? sender.name, community: sender.communityName ?? '' }));
    const report = await loadMonthReport(tx, policy, args.month, [person], now);
    reply(personMonthText(t, report.people[0]!, args.month));
  },
});
