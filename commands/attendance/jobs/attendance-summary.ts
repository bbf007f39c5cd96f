import { loadDay } from '../../../src/calendar/calendar-store.ts';
import { isWorkday } from '../../../src/calendar/office-calendar.ts';
import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { loadReport } from '../load-report.ts';
import { officeStaff } from '../../../src/core/people.ts';
import { privateTargets, roleHolders, toMessage, workGroupTargets } from '../../../src/core/addressing.ts';
import { dailyText } from '../summary-text.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { officeDate, parseHHMM } from '../../../src/time/office-time.ts';

/**
 * The day's attendance for each community, at `attendance.dailySummary.at` on workdays: privately to
 * the secretary's bound accounts, or to the community's work groups.
 */
export function attendanceSummaryJobs(policy: Policy, t: Translate): Job[] {
  const { at, to } = policy.attendance.dailySummary;
  if (at === null) return [];
  const minute = parseHHMM(at);
  return [
    {
      name: 'attendance-daily-summary',
      cron: `${minute % 60} ${Math.floor(minute / 60)} * * *`,
      async run({ tx, dueAt, out }) {
        const date = officeDate(dueAt, policy.timezone);
        const day = await loadDay(tx, date);
        if (!isWorkday(day)) return;
        const communities = await tx.community.findMany({ orderBy: { id: 'asc' } });
        for (const community of communities) {
          const people = await officeStaff(tx, community.id);
          if (people.length === 0) continue;
          const report = await loadReport(tx, policy, [day], people, dueAt);
          const text = dailyText(t, report, community.name, date);
          const targets =
            to === 'work_group'
              ? await workGroupTargets(tx, community.id)
              : (await Promise.all((await roleHolders(tx, 'secretary', { communityId: community.id, streetId: null })).map((p) => privateTargets(tx, p.id)))).flat();
          for (const target of targets) out.add({ platform: target.platform, message: toMessage(target, text) });
        }
      },
    },
  ];
}
