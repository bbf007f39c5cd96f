import { privateTargets } from '../../src/core/addressing.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { minutesArgs, parseMinutesArgs } from './args.ts';
import { dateText, weekText } from './format.ts';
import { PLAN_PLACE } from './records.ts';
import { recordMinutes } from './store/minutes.ts';

/**
 * 例会纪要 followed by lines: the date, attendees, decisions, and tasks 「张伟 周五前 完成低保复核」.
 * Each task goes into that colleague's plan and they are told privately. A block trigger:
 * 「例会纪要谁写」「例会纪要：下午发」 are talk.
 */
export const minutesCommand = defineCommand({
  id: 'plan-minutes',
  names: ['例会纪要', '会议纪要', '/minutes'],
  summary: 'cmd.minutes.summary',
  example: 'cmd.minutes.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  where: PLAN_PLACE,
  trigger: TRIGGER.block,
  args: minutesArgs,
  parse: parseMinutesArgs,
  async handle(context, args) {
    const { tx, t, policy, now, sender } = context;
    const { text, ...minutes } = args;
    const outcome = await recordMinutes(tx, policy, { communityId: sender.communityId, recordedById: sender.personId, minutes, text, now });
    const date = dateText(t, outcome.date);
    const due = (d: string | null) => (d ? t('minutes.due', { date: dateText(t, d) }) : '');
    const lines = [
      t('minutes.recorded', { date, attendees: args.attendees.length, decisions: args.decisions.length, tasks: outcome.assigned.length }) +
        (outcome.superseded ? t('minutes.superseded') : ''),
      ...outcome.assigned.map((task) => t('minutes.task', { name: task.name, text: task.text, due: due(task.due), week: weekText(t, task.week) })),
      ...outcome.unassigned.map((task) => t('minutes.unassigned', { line: task.line })),
    ];
    context.reply(lines.join('\n'));
    for (const task of outcome.assigned) {
      if (task.personId === sender.personId || !task.added) continue;
      const notice = t('minutes.notice', { date, text: task.text, due: due(task.due), week: weekText(t, task.week) });
      for (const target of await privateTargets(tx, task.personId)) context.send(target, notice);
    }
  },
});
