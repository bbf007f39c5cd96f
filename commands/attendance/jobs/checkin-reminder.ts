import { loadDay } from '../../../src/calendar/calendar-store.ts';
import { isWorkday } from '../../../src/calendar/office-calendar.ts';
import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { groupTargets, toMessage } from '../../../src/core/addressing.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { officeDate, parseHHMM } from '../../../src/time/office-time.ts';

/**
 * Before each session, a reminder to every work group to check in, on workdays by the office
 * calendar (调休 included); once the session has started it is not sent late.
 */
export function checkInReminderJobs(policy: Policy, t: Translate): Job[] {
  const lead = policy.checkIn.reminderMinutesBefore;
  if (lead === 0) return [];
  return policy.sessions.map((session) => {
    const at = parseHHMM(session.start) - lead;
    return {
      name: `checkin-reminder-${session.id}`,
      cron: `${at % 60} ${Math.floor(at / 60)} * * *`,
      usefulForMinutes: lead - 1,
      async run({ tx, dueAt, out }) {
        const day = await loadDay(tx, officeDate(dueAt, policy.timezone));
        if (!isWorkday(day)) return;
        const text = t('checkin.reminder', { session: session.name, start: session.start });
        const groups = await groupTargets(tx, 'work', undefined);
        for (const target of groups) out.add({ platform: target.platform, message: toMessage(target, text) });
      },
    };
  });
}
