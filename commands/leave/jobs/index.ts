import { loadCalendar } from '../../../src/calendar/calendar-store.ts';
import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { isOfficeTime } from '../../../src/time/office-hours.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { leaveCertificateReminderJob } from './certificate-reminder.ts';
import { leaveReturnReminderJob } from './return-reminder.ts';

/** Runs a job only in office time on working days: what falls due at night goes out in the morning. */
function inOfficeTime(policy: Policy, job: Job): Job {
  return {
    ...job,
    async run(context) {
      const calendar = await loadCalendar(context.tx);
      if (isOfficeTime(policy, (date) => calendar.isWorkday(date), context.dueAt)) await job.run(context);
    },
  };
}

/** The leave family's scheduled jobs (idle approval steps are the approval family's). */
export function leaveJobs(policy: Policy, t: Translate): Job[] {
  return [leaveReturnReminderJob(policy, t), leaveCertificateReminderJob(policy, t)].map((job) => inOfficeTime(policy, job));
}
