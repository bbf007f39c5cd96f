import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { closePosts, currentApprover } from '../../src/approval/workflow.ts';
import { leaveApproval } from './approval.ts';
import { ownLeave, say } from './command-support.ts';
import { statusName } from './format.ts';
import { roleName } from '../../src/approval/workflow.ts';
import { parseRefArgs, refArgs } from './parse-note.ts';
import { LEAVE_SUBJECT, ownLeaveGuard } from './records.ts';
import { loadLeave } from './load.ts';
import { draftSubject, submit } from './workflow.ts';
import { formatClock } from '../../src/time/office-time.ts';
import { writeSubject } from '../../src/core/reference.ts';

/**
 * 确认 (#编号): files the draft the sender was shown; the first approver gets the note. 确认 is an
 * everyday word: in a group it acts unaddressed only with a number, or as the answer the note's
 * author gives right after it was shown (the leave note opens that question).
 */
export const leaveConfirmCommand = defineCommand({
  id: 'leave-confirm',
  names: ['确认', '确认请假', '/confirm'],
  summary: 'cmd.leaveConfirm.summary',
  example: 'cmd.leaveConfirm.example',
  allowedRoles: OFFICE_STAFF,
  trigger: TRIGGER.reference,
  args: refArgs,
  record: ownLeaveGuard,
  parse: parseRefArgs,
  async handle(context, { id }) {
    const draft = await ownLeave(context, id, ['draft']);
    if (!draft) return;
    const filed = await submit(context, draft.id);
    if (!filed.ok && filed.reason === 'no_approver') return say(context, { key: 'leave.noApprover', params: { role: roleName(context.t, filed.role) } });
    if (!filed.ok) return say(context, { key: 'leave.alreadyDecided', params: { id: draft.id, status: statusName(context.t, draft.status) } });
    await closePosts(context, draftSubject(draft.id), context.t('leave.outcome.submitted', { time: formatClock(context.now, context.policy.timezone) }));
    const leave = (await loadLeave(context.tx, draft.id))!;
    if (leave.status === 'approved') return say(context, { key: 'leave.approvedFinal', params: { id: leave.id, name: leave.person.name } });
    const approver = await currentApprover(context, leaveApproval, (await leaveApproval.load(context.tx, leave.id))!);
    const sick = leave.certificate === 'owed' ? context.t('leave.sick.owed') : '';
    // About this note: an approver who quotes it with 同意 decides the note (a platform may not show them the post).
    context.reply(`${context.t('leave.submitted', { id: leave.id, name: approver.name, role: roleName(context.t, approver.role) })}${sick}`, { subject: writeSubject(LEAVE_SUBJECT, leave.id) });
  },
});
