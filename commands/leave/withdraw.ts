import { z } from 'zod';
import { defineCommand } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { ownLeave, say, workflowFor } from '../../src/leave/command-support.ts';
import { leaveRef } from '../../src/leave/parse-note.ts';
import { leaveIdFromSubject, loadLeave, withdraw } from '../../src/leave/workflow.ts';

const withdrawArgs = z.object({ id: z.number().int().nullable() });

/** 撤回 #编号: takes back one's own note before it is decided (a draft is simply dropped). */
export const leaveWithdrawCommand = defineCommand({
  id: 'leave-withdraw',
  names: ['撤回', '撤销请假', '取消请假', '/withdraw'],
  summary: 'cmd.leaveWithdraw.summary',
  example: 'cmd.leaveWithdraw.example',
  allowedRoles: OFFICE_STAFF,
  args: withdrawArgs,
  parse: (rest, { quotedSubject }) => ({ ok: true, args: { id: leaveRef(rest, leaveIdFromSubject(quotedSubject)).id } }),
  async handle(context, { id }) {
    const found = await ownLeave(context, id, ['draft', 'pending']);
    if (!found) return;
    const leave = (await loadLeave(context.tx, found.id))!;
    const w = workflowFor(context);
    if (!(await withdraw(w, leave))) {
      return say(context, { key: 'leave.cannotWithdraw', params: { id: leave.id, status: context.t(`leave.status.${leave.status}` as never) } });
    }
    await w.commit();
    say(context, { key: 'leave.withdrawn', params: { id: leave.id } });
  },
});
