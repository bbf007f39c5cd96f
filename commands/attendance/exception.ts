import { z } from 'zod';
import { asWritten } from '../../src/core/as-written.ts';
import { findColleague } from '../../src/core/people.ts';
import { ATTENDANCE_KEEPERS } from './roles.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { type Text } from '../../src/i18n/text.ts';
import { LOOKING_BACK, readDay } from '../../src/time/grammar.ts';
import { hoursFor } from './rules/schedules.ts';
import { formatClock, officeDate } from '../../src/time/office-time.ts';

/**
 * 补记 王五 [11月20日] 上午 区里开会: the attendance officer or the secretary records why a colleague
 * could not check in. Every record is kept with who recorded it and when; nobody records their own.
 */

const exceptionArgs = z.object({
  name: z.string().min(1),
  officeDate: z.string(),
  /** The session as written (上午, 下午 or a session id); resolved against the person's own hours. */
  session: z.string().min(1),
  reason: asWritten(z.string().min(1).max(200)),
});

const usage: Text = { key: 'exception.usage' };

export const attendanceExceptionCommand = defineCommand({
  id: 'attendance-exception',
  names: ['补记', '考勤补记', '/excuse'],
  summary: 'cmd.exception.summary',
  example: 'cmd.exception.example',
  allowedRoles: ATTENDANCE_KEEPERS,
  member: 'community',
  // It changes the record: 「补记」 alone or glued (「补记一下」) is talk.
  trigger: TRIGGER.withArgs,
  args: exceptionArgs,
  parse(rest, { now, policy }) {
    const today = officeDate(now, policy.timezone);
    const [rawName, ...words] = rest.split(/\s+/).filter(Boolean);
    if (!rawName) return { ok: false, error: usage };
    const date = words[0] ? readDay(words[0], { today, rollover: LOOKING_BACK }) : null;
    if (date) words.shift();
    if (date && date > today) return { ok: false, error: { key: 'exception.future' } };
    const [session, ...reason] = words;
    if (!session || reason.length === 0) return { ok: false, error: usage };
    return { ok: true, args: exceptionArgs.parse({ name: rawName.replace(/^@/, ''), officeDate: date ?? today, session, reason: reason.join(' ').slice(0, 200) }) };
  },
  async handle({ tx, sender, t, reply, now, policy }, args) {
    const person = await findColleague(tx, sender.communityId, args.name);
    if (!person) return reply(t('attendance.noSuchPerson', { name: args.name, community: sender.communityName ?? '' }));
    if (person.id === sender.personId) return reply(t('exception.notSelf'));
    const sessions = hoursFor(policy, person).sessions;
    const session = sessions.find((s) => s.name === args.session || s.id === args.session);
    if (!session) return reply(t('exception.badSession', { session: args.session, sessions: sessions.map((s) => s.name).join('、') }));
    await tx.attendanceException.create({
      data: {
        personId: person.id,
        communityId: sender.communityId,
        officeDate: args.officeDate,
        session: session.id,
        reason: args.reason,
        recordedById: sender.personId,
        recordedAt: now,
      },
    });
    reply(t('exception.done', { name: person.name, date: args.officeDate, session: session.name, reason: args.reason, by: sender.name, time: formatClock(now, policy.timezone) }));
  },
});
