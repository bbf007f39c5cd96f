import { DateTime } from 'luxon';
import { z } from 'zod';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { annualBalance } from './balance.ts';
import { say } from './command-support.ts';
import { formatSpan, formatWorkTime, statusName } from './format.ts';

const registerArgs = z.object({});

/** 请假记录: the sender's own leave this year, newest first, with the annual-leave balance. */
export const leaveRegisterCommand = defineCommand({
  id: 'leave-register',
  names: ['请假记录', '我的请假', '/leaves'],
  summary: 'cmd.leaveRegister.summary',
  example: 'cmd.leaveRegister.example',
  allowedRoles: OFFICE_STAFF,
  trigger: TRIGGER.alone,
  args: registerArgs,
  parse: () => ({ ok: true, args: {} }),
  async handle(context) {
    const { tx, policy, t, now } = context;
    const { sender } = context;
    const year = DateTime.fromJSDate(now, { zone: policy.timezone }).startOf('year').toJSDate();
    const rows = await tx.leaveRequest.findMany({
      where: { personId: sender.personId, status: { not: 'draft' }, startAt: { gte: year } },
      orderBy: { startAt: 'desc' },
      take: 20,
    });
    const balance = await annualBalance(tx, policy, { id: sender.personId, name: sender.name, communityName: sender.communityName }, now);
    const footer = t('leave.register.balance', { type: policy.leave.annual.type, remaining: balance.remaining, entitled: balance.entitled });
    if (rows.length === 0) return context.reply(`${t('leave.register.empty')}\n${footer}`);
    const lines = rows.map((row) =>
      t('leave.register.line', {
        id: row.id,
        type: row.type,
        span: formatSpan(row.startAt, row.endAt, policy.timezone),
        work: formatWorkTime(t, row.workMinutes, policy),
        status: statusName(t, row.status) + (row.status === 'approved' && row.returnedAt ? t('leave.register.returned') : ''),
      }),
    );
    say(context, { key: 'leave.register.title', params: { name: sender.name } });
    context.reply([...lines, footer].join('\n'));
  },
});
