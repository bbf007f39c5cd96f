import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { privateTargets } from '../../../src/core/addressing.ts';
import { findApprover } from '../../../src/approval/approvers.ts';
import { pushTo } from '../../../src/approval/workflow.ts';
import { type Workflow } from '../../../src/approval/kind.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { formatDateTime } from '../../../src/time/office-time.ts';

/** A leave approved only after it ended (补假 done on the first day back) has nobody left to remind. */
function approvedBeforeItEnded(leave: { decidedAt: Date | null; endAt: Date }): boolean {
  return leave.decidedAt !== null && leave.decidedAt < leave.endAt;
}

/** No 销假 after a leave ended: the person is reminded, later the secretary. Each once, claimed by compare-and-set. */
export function leaveReturnReminderJob(policy: Policy, t: Translate): Job {
  const { remindAfterMinutes, escalateAfterMinutes } = policy.leave.return;
  return {
    name: 'leave-return-reminder',
    cron: '*/5 * * * *',
    async run({ tx, dueAt, out }) {
      const w: Workflow = { tx, policy, t, now: dueAt, out };
      const open = { status: 'approved', returnedAt: null };
      const ended = (minutes: number) => ({ ...open, endAt: { lte: new Date(dueAt.getTime() - minutes * 60_000) } });
      const toRemind = (await tx.leaveRequest.findMany({ where: { ...ended(remindAfterMinutes), returnRemindedAt: null } })).filter(approvedBeforeItEnded);
      for (const leave of toRemind) {
        const claimed = await tx.leaveRequest.updateMany({ where: { id: leave.id, ...open, returnRemindedAt: null }, data: { returnRemindedAt: dueAt } });
        if (claimed.count !== 1) continue;
        pushTo(w, await privateTargets(tx, leave.personId), t('leave.back.remind', { id: leave.id, end: formatDateTime(leave.endAt, policy.timezone) }));
      }
      const toEscalate = (
        await tx.leaveRequest.findMany({ where: { ...ended(escalateAfterMinutes), returnEscalatedAt: null }, include: { person: true } })
      ).filter(approvedBeforeItEnded);
      for (const leave of toEscalate) {
        const claimed = await tx.leaveRequest.updateMany({ where: { id: leave.id, ...open, returnEscalatedAt: null }, data: { returnEscalatedAt: dueAt } });
        if (claimed.count !== 1) continue;
        const secretary = await findApprover(tx, policy, 'secretary', { personId: leave.personId, communityId: leave.communityId, streetId: leave.streetId }, dueAt);
        if (!secretary) continue;
        const text = t('leave.back.escalate', { id: leave.id, name: leave.person.name, end: formatDateTime(leave.endAt, policy.timezone) });
        pushTo(w, await privateTargets(tx, secretary.personId), text);
      }
    },
  };
}
