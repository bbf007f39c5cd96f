import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { ownLeave, say } from './command-support.ts';
import { statusName } from './format.ts';
import { parseRefArgs, refArgs } from './parse-note.ts';
import { ownLeaveGuard } from './records.ts';
import { loadLeave } from './load.ts';
import { withdraw } from './workflow.ts';

/** 撤回 #编号: takes back one's own note before it is decided (a draft is simply dropped). */
export const leaveWithdrawCommand = defineCommand({
  id: 'leave-withdraw',
  names: ['撤回', '撤销请假', '取消请假', '/withdraw'],
  summary: 'cmd.leaveWithdraw.summary',
  example: 'cmd.leaveWithdraw.example',
  allowedRoles: OFFICE_STAFF,
  // 「撤回一下刚才那条」 is talk; withdrawing a note in a group needs its number (or a reply to it).
  trigger: TRIGGER.reference,
  args: refArgs,
  record: ownLeaveGuard,
  parse: parseRefArgs,
  async handle(context, { id }) {
    const found = await ownLeave(context, id, ['draft', 'pending']);
    if (!found) return;
    const leave = (await loadLeave(context.tx, found.id))!;
    if (!(await withdraw(context, leave))) {
      return say(context, { key: 'leave.cannotWithdraw', params: { id: leave.id, status: statusName(context.t, leave.status) } });
    }
    say(context, { key: 'leave.withdrawn', params: { id: leave.id } });
  },
});
