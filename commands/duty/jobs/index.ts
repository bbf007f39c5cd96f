import type { Policy } from '../../../src/config/policy.ts';
import { privateTargets, toMessage } from '../../../src/core/addressing.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Job, JobContext } from '../../../src/scheduler/scheduler.ts';
import { officeDate, parseHHMM, addDays } from '../../../src/time/office-time.ts';
import type { Effects } from '../arrival.ts';
import { dayLabel } from '../format.ts';
import { ensureRoster } from '../generate.ts';
import { eveningReminders, morningPosts } from './posts.ts';
import { raiseLeaveOverlaps, reportMissingCheckIns } from './watch.ts';

const at = (hhmm: string) => `${parseHHMM(hhmm) % 60} ${Math.floor(parseHHMM(hhmm) / 60)} * * *`;

function perCommunity(run: (context: JobContext, communityId: number) => Promise<void>): Job['run'] {
  return async (context) => {
    const communities = await context.tx.community.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    for (const community of communities) await run(context, community.id);
  };
}

/**
 * The duty family's jobs: the roster generated ahead (hourly; people whose future seat changed are
 * told), the morning post, the evening reminder, and a minute watch for missing duty check-ins and
 * approved leave overlapping a shift. Each fire is the scheduler's once; each record inside it once.
 */
export function dutyJobs(policy: Policy, t: Translate): Job[] {
  const { post } = policy.duty;
  const jobs: Job[] = [
    {
      name: 'duty-generate',
      cron: '5 * * * *',
      run: perCommunity(async ({ tx, dueAt, out }, communityId) => {
        const today = officeDate(dueAt, policy.timezone);
        const changes = await ensureRoster(tx, policy, communityId, addDays(today, -1), addDays(today, policy.duty.horizonDays), dueAt, 'reconcile');
        for (const change of changes) {
          for (const personId of [change.fromPersonId, change.toPersonId]) {
            if (personId === null) continue;
            const text = t(personId === change.toPersonId ? 'duty.changed.added' : 'duty.changed.removed', { date: dayLabel(t, change.date), shift: change.shiftName });
            for (const target of await privateTargets(tx, personId)) out.add({ platform: target.platform, message: toMessage(target, text) });
          }
        }
      }),
    },
    {
      name: 'duty-watch',
      cron: '* * * * *',
      async run({ tx, dueAt, out }) {
        const e: Effects = { tx, policy, t, now: dueAt, out };
        await reportMissingCheckIns(e);
        await raiseLeaveOverlaps(e);
      },
    },
  ];
  if (post.at !== null) jobs.push({ name: 'duty-morning-post', cron: at(post.at), run: perCommunity(({ tx, dueAt, out }, id) => morningPosts(tx, policy, t, id, dueAt, out)) });
  if (post.remindAt !== null) jobs.push({ name: 'duty-evening-reminder', cron: at(post.remindAt), run: perCommunity(({ tx, dueAt, out }, id) => eveningReminders(tx, policy, t, id, dueAt, out)) });
  return jobs;
}
