import { loadDay } from '../calendar/calendar-store.ts';
import type { Policy } from '../config/policy.ts';
import type { Translate } from '../i18n/index.ts';
import { loadReport } from '../attendance/load-report.ts';
import { officeStaff } from '../core/people.ts';
import { privateTargets, roleHolders, toMessage, workGroupTargets } from '../core/addressing.ts';
import { dailyText } from '../attendance/summary-text.ts';
import { enqueue, type OutboxEntry } from '../messaging/outbox.ts';
import type { Job } from '../scheduler/scheduler.ts';
import { officeDate, parseHHMM } from '../time/office-time.ts';

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
      async run({ tx, dueAt }) {
        const date = officeDate(dueAt, policy.timezone);
        const day = await loadDay(tx, date);
        if (day.kind === 'holiday' || day.kind === 'weekend') return;
        const communities = await tx.community.findMany({ orderBy: { id: 'asc' } });
        const entries: OutboxEntry[] = [];
        for (const community of communities) {
          const people = await officeStaff(tx, community.id);
          if (people.length === 0) continue;
          const report = await loadReport(tx, policy, [day], people, dueAt);
          const text = dailyText(t, report, community.name, date);
          const targets =
            to === 'work_group'
              ? await workGroupTargets(tx, community.id)
              : (await Promise.all((await roleHolders(tx, 'secretary', { communityId: community.id, streetId: null })).map((p) => privateTargets(tx, p.id)))).flat();
          for (const target of targets) entries.push({ platform: target.platform, message: toMessage(target, text) });
        }
        await enqueue(tx, entries, dueAt);
      },
    },
  ];
}
