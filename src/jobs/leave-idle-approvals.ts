import type { Policy } from '../config/policy.ts';
import type { Role } from '../core/roles.ts';
import type { Translate } from '../i18n/index.ts';
import { privateTargets } from '../core/addressing.ts';
import { findDeputy, stepApprover } from '../leave/approvers.ts';
import { roleName } from '../leave/format.ts';
import { advance, loadLeave, postStep, pushTo, type Workflow } from '../leave/workflow.ts';
import { enqueue } from '../messaging/outbox.ts';
import type { Job } from '../scheduler/scheduler.ts';

const HOUR = 3_600_000;

/**
 * Idle approvals: after `remindAfterHours` the approver gets the note again; after
 * `escalateAfterHours` the step goes to the deputy role, else to the next step (the last step
 * without a deputy keeps waiting). The applicant is told of both.
 */
export function leaveIdleApprovalsJob(policy: Policy, t: Translate): Job {
  const { remindAfterHours, escalateAfterHours } = policy.leave.approval;
  return {
    name: 'leave-idle-approvals',
    cron: '*/5 * * * *',
    async run({ tx, dueAt }) {
      const w: Workflow = { tx, policy, t, now: dueAt, out: [] };
      const before = (hours: number) => new Date(dueAt.getTime() - hours * HOUR);

      const idle = await tx.leaveStep.findMany({ where: { status: 'pending', escalatedAt: null, activatedAt: { lte: before(escalateAfterHours) } } });
      for (const step of idle) {
        const claimed = await tx.leaveStep.updateMany({ where: { id: step.id, status: 'pending', escalatedAt: null }, data: { escalatedAt: dueAt } });
        if (claimed.count !== 1) continue;
        const leave = (await loadLeave(tx, step.requestId))!;
        const applicant = { personId: leave.personId, communityId: leave.communityId, streetId: leave.streetId };
        const previous = step.approverId ? await tx.person.findUnique({ where: { id: step.approverId } }) : null;
        const deputy = await findDeputy(tx, policy, step.role as Role, applicant, [leave.personId, step.approverId ?? -1]);
        if (deputy) {
          await tx.leaveStep.update({ where: { id: step.id }, data: { approverId: deputy.personId, activatedAt: dueAt, remindedAt: null } });
          await postStep(w, leave, step.index, deputy, t('leave.post.escalated', { id: leave.id, from: previous?.name ?? roleName(t, step.role) }));
          pushTo(w, await privateTargets(tx, leave.personId), t('leave.escalated.applicant', { id: leave.id, name: deputy.name, role: roleName(t, deputy.role) }));
          continue;
        }
        if (step.index + 1 >= leave.steps.length) continue;
        await tx.leaveStep.update({ where: { id: step.id }, data: { status: 'skipped', actedAt: dueAt, comment: `escalated: ${previous?.name ?? step.role} did not answer` } });
        await advance(w, leave, step.index);
        const next = await stepApprover(tx, policy, (await loadLeave(tx, leave.id))!.steps[step.index + 1]!);
        pushTo(w, await privateTargets(tx, leave.personId), t('leave.escalated.applicant', { id: leave.id, name: next.name, role: roleName(t, next.role) }));
      }

      const slow = await tx.leaveStep.findMany({ where: { status: 'pending', remindedAt: null, escalatedAt: null, activatedAt: { lte: before(remindAfterHours) } } });
      for (const step of slow) {
        const claimed = await tx.leaveStep.updateMany({ where: { id: step.id, status: 'pending', remindedAt: null }, data: { remindedAt: dueAt } });
        if (claimed.count !== 1 || step.approverId === null) continue;
        const leave = (await loadLeave(tx, step.requestId))!;
        const approver = await stepApprover(tx, policy, step);
        await postStep(w, leave, step.index, { personId: step.approverId, ...approver }, t('leave.post.reminder', { id: leave.id }));
        pushTo(w, await privateTargets(tx, leave.personId), t('leave.remind.applicant', { id: leave.id, name: approver.name, role: roleName(t, approver.role) }));
      }
      await enqueue(tx, w.out, dueAt);
    },
  };
}
