import { z } from 'zod';
import { findColleague } from '../../src/core/people.ts';
import { SCORE_GIVERS } from './roles.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { LOOKING_BACK, readMonth } from '../../src/time/grammar.ts';
import { officeDate } from '../../src/time/office-time.ts';

/** 考勤评分 张三 18 [11月]: the secretary's discretionary points of the monthly score; the latest counts. */

const scoreArgs = z.object({ name: z.string().min(1), points: z.number().int().min(0), month: z.string() });

export const attendanceScoreCommand = defineCommand({
  id: 'attendance-score',
  names: ['考勤评分', '/attendance_score'],
  summary: 'cmd.score.summary',
  example: 'cmd.score.example',
  allowedRoles: SCORE_GIVERS,
  member: 'community',
  trigger: TRIGGER.withArgs,
  args: scoreArgs,
  parse(rest, { now, policy }) {
    const max = policy.attendance.scoring.discretionaryPoints;
    const [name, points, monthWord, ...extra] = rest.split(/\s+/).filter(Boolean);
    const month = readMonth(monthWord ?? '本月', { today: officeDate(now, policy.timezone), rollover: LOOKING_BACK });
    if (!name || !points || !/^\d+$/.test(points) || !month || extra.length > 0) return { ok: false, error: { key: 'score.usage', params: { max } } };
    if (Number(points) > max) return { ok: false, error: { key: 'score.tooHigh', params: { max } } };
    return { ok: true, args: { name: name.replace(/^@/, ''), points: Number(points), month } };
  },
  async handle({ tx, sender, t, reply, now, policy }, args) {
    const person = await findColleague(tx, sender.communityId, args.name);
    if (!person) return reply(t('attendance.noSuchPerson', { name: args.name, community: sender.communityName ?? '' }));
    if (person.id === sender.personId) return reply(t('score.notSelf'));
    await tx.attendanceScore.create({ data: { personId: person.id, month: args.month, points: args.points, setById: sender.personId, setAt: now } });
    reply(t('score.done', { name: person.name, month: args.month, points: args.points, max: policy.attendance.scoring.discretionaryPoints }));
  },
});
