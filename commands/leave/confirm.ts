import { z } from 'zod';
import { defineCommand } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { stepApprover } from '../../src/leave/approvers.ts';
import { ownLeave, say, workflowFor } from '../../src/leave/command-support.ts';
import { roleName } from '../../src/leave/format.ts';
import { leaveRef } from '../../src/leave/parse-note.ts';
import { leaveIdFromSubject, loadLeave, submit } from '../../src/leave/workflow.ts';

const confirmArgs = z.object({ id: z.number().int().nullable() });

/** 确认 (#编号): files the draft the sender was shown; the first approver gets the note. */
export const leaveConfirmCommand = defineCommand({
  id: 'leave-confirm',
  names: ['确认', '确认请假', '/confirm'],
  summary: 'cmd.leaveConfirm.summary',
  example: 'cmd.leaveConfirm.example',
  allowedRoles: OFFICE_STAFF,
  args: confirmArgs,
  parse: (rest, { quotedSubject }) => ({ ok: true, args: { id: leaveRef(rest, leaveIdFromSubject(quotedSubject)).id } }),
  async handle(context, { id }) {
    const draft = await ownLeave(context, id, ['draft']);
    if (!draft) return;
    const w = workflowFor(context);
    if (!(await submit(w, draft.id))) return say(context, { key: 'leave.alreadyDecided', params: { id: draft.id, status: context.t(`leave.status.${draft.status}` as never) } });
    await w.commit();
    const leave = (await loadLeave(context.tx, draft.id))!;
    if (leave.status === 'approved') return say(context, { key: 'leave.approvedFinal', params: { id: leave.id, name: leave.person.name } });
    const approver = await stepApprover(context.tx, context.policy, leave.steps[leave.currentStep]!);
    const sick = leave.certificate === 'owed' ? context.t('leave.sick.owed') : '';
    context.reply(`${context.t('leave.submitted', { id: leave.id, name: approver.name, role: roleName(context.t, approver.role) })}${sick}`);
  },
});
