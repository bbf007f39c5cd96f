import type { Policy } from '../config/policy.ts';
import type { Translate } from '../i18n/index.ts';
import type { Job } from '../scheduler/scheduler.ts';
import { leaveCertificateReminderJob } from './leave-certificate-reminder.ts';
import { leaveIdleApprovalsJob } from './leave-idle-approvals.ts';
import { leaveReturnReminderJob } from './leave-return-reminder.ts';

/** The leave family's scheduled jobs. */
export function leaveJobs(policy: Policy, t: Translate): Job[] {
  return [leaveIdleApprovalsJob(policy, t), leaveReturnReminderJob(policy, t), leaveCertificateReminderJob(policy, t)];
}
