import { DateTime } from 'luxon';
import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { tellPeople, type Desk } from '../desk.ts';
import { loadLedger, summaryLines } from '../ledger/rows.ts';
import { holdersOfAll } from '../people.ts';

/**
 * The monthly numbers go to the street office with the month's attendance: on the first of the
 * month each street's section (and emergency desk) gets last month's cases per community and class,
 * with the command that exports the ledger. Fired once per month by the scheduler's claim.
 */
export function incidentMonthlyJob(policy: Policy, t: Translate): Job | null {
  const at = policy.incident.monthly.at;
  if (at === null) return null;
  const [hour, minute] = at.split(':').map(Number);
  return {
    name: 'incident-monthly',
    cron: `${minute} ${hour} 1 * *`,
    async run({ tx, dueAt, out }) {
      const desk: Desk = { tx, policy, t, now: dueAt, out };
      const month = DateTime.fromJSDate(dueAt, { zone: policy.timezone }).minus({ months: 1 }).toFormat('yyyy-MM');
      const streets = await tx.street.findMany({ include: { communities: { orderBy: { id: 'asc' } } }, orderBy: { id: 'asc' } });
      for (const street of streets) {
        const lines: string[] = [t('incident.monthly.title', { month, street: street.name })];
        for (const community of street.communities) {
          const ledger = await loadLedger(tx, policy, t, month, community.id);
          const total = ledger.summary.total;
          lines.push(t('incident.monthly.community', { community: community.name, count: total.count, closed: total.closed, satisfied: total.satisfied, unsatisfied: total.unsatisfied }));
          lines.push(...summaryLines(t, ledger).map((line) => `  ${line}`));
        }
        lines.push(t('incident.monthly.footer', { month }));
        const people = await holdersOfAll(tx, policy, t, policy.incident.monthly.to, { communityId: null, streetId: street.id }, dueAt);
        await tellPeople(desk, people, lines.join('\n'));
      }
    },
  };
}
