import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { privateTargets } from '../../../src/core/addressing.ts';
import { pushTo } from '../../../src/approval/workflow.ts';
import { type Workflow } from '../../../src/approval/kind.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';

/** A sick leave whose hospital certificate is owed: the person is reminded every `certificateReminderHours`. */
export function leaveCertificateReminderJob(policy: Policy, t: Translate): Job {
  const every = policy.leave.sick.certificateReminderHours * 3_600_000;
  return {
    name: 'leave-certificate-reminder',
    cron: '*/5 * * * *',
    async run({ tx, dueAt, out }) {
      const w: Workflow = { tx, policy, t, now: dueAt, out };
      const due = new Date(dueAt.getTime() - every);
      const owed = await tx.leaveRequest.findMany({
        where: { certificate: 'owed', status: { in: ['pending', 'approved'] }, submittedAt: { lte: due }, OR: [{ certificateRemindedAt: null }, { certificateRemindedAt: { lte: due } }] },
      });
      for (const leave of owed) {
        const claimed = await tx.leaveRequest.updateMany({
          where: { id: leave.id, certificate: 'owed', certificateRemindedAt: leave.certificateRemindedAt },
          data: { certificateRemindedAt: dueAt },
        });
        if (claimed.count === 1) pushTo(w, await privateTargets(tx, leave.personId), t('leave.certificate.remind', { id: leave.id }));
      }
    },
  };
}
