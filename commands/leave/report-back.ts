import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { ownLeave, say } from './command-support.ts';
import { statusName } from './format.ts';
import { parseRefArgs, refArgs } from './parse-note.ts';
import { ownLeaveGuard } from './records.ts';
import { formatDateTime } from '../../src/time/office-time.ts';

/** 销假 (#编号): closes an approved leave and records when the person actually came back. */
export const leaveReportBackCommand = defineCommand({
  id: 'leave-report-back',
  names: ['销假', '/back'],
  summary: 'cmd.leaveBack.summary',
  example: 'cmd.leaveBack.example',
  allowedRoles: OFFICE_STAFF,
  // It changes the record: the word alone or with its number, nothing in passing.
  trigger: TRIGGER.exact,
  args: refArgs,
  record: ownLeaveGuard,
  parse: parseRefArgs,
  async handle(context, { id }) {
    const { tx, now, policy } = context;
    const leave = await ownLeave(context, id, ['approved'], { returnedAt: null, startAt: { lte: now } });
    if (!leave) return;
    if (leave.status !== 'approved') {
      return say(context, { key: 'leave.back.notApproved', params: { id: leave.id, status: statusName(context.t, leave.status) } });
    }
    // Reporting back before the leave began would erase it from attendance: 撤回 is the way for that.
    if (now < leave.startAt) return say(context, { key: 'leave.back.notStarted', params: { id: leave.id, start: formatDateTime(leave.startAt, policy.timezone) } });
    const closed = await tx.leaveRequest.updateMany({ where: { id: leave.id, status: 'approved', returnedAt: null }, data: { returnedAt: now } });
    if (closed.count !== 1) return say(context, { key: 'leave.back.already', params: { id: leave.id, time: formatDateTime(leave.returnedAt ?? now, policy.timezone) } });
    say(context, { key: 'leave.back.done', params: { id: leave.id, time: formatDateTime(now, policy.timezone) } });
  },
});
