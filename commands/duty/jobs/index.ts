import type { Policy } from '../../../src/config/policy.ts';
import { privateTargets, toMessage } from '../../../src/core/addressing.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { enqueue, type OutboxEntry } from '../../../src/messaging/outbox.ts';
import type { Job, JobContext } from '../../../src/scheduler/scheduler.ts';
import { officeDate, parseHHMM, addDays } from '../../../src/time/office-time.ts';
import type { Effects } from '../arrival.ts';
import { dayLabel } from '../format.ts';
import { ensureRoster } from '../generate.ts';
import { eveningReminders, morningPosts } from './posts.ts';
import { raiseLeaveOverlaps, reportMissingCheckIns } from './watch.ts';

const at = (hhmm: string) => `${parseHHMM(hhmm) % 60} ${Math.floor(parseHHMM(hhmm) / 60)} * * *`;

function perCommunity(run: (context: JobContext, communityId: number, out: OutboxEntry[]) => Promise<void>): Job['run'] {
  return async (context) => {
    const out: OutboxEntry[] = [];
    const communities = await context.tx.community.findMany({ select: { id: true }, orderBy: { id: 'asc' } });
    for (const community of communities) await run(context, community.id, out);
    await enqueue(context.tx, out, context.dueAt);
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
      run: perCommunity(async ({ tx, dueAt }, communityId, out) => {
        const today = officeDate(dueAt, policy.timezone);
        const changes = await ensureRoster(tx, policy, communityId, addDays(today, -1), addDays(today, policy.duty.horizonDays), dueAt, 'reconcile');
        for (const change of changes) {
          for (const personId of [change.fromPersonId, change.toPersonId]) {
            if (personId === null) continue;
            const text = t(personId === change.toPersonId ? 'duty.changed.added' : 'duty.changed.removed', { date: dayLabel(t, change.date), shift: change.shiftName });
            for (const target of await privateTargets(tx, personId)) out.push({ platform: target.platform, message: toMessage(target, text) });
          }
        }
      }),
    },
    {
      name: 'duty-watch',
      cron: '* * * * *',
      async run({ tx, dueAt }) {
        const e: Effects = { tx, policy, t, now: dueAt, out: [] };
        await reportMissingCheckIns(e);
        await raiseLeaveOverlaps(e);
        await enqueue(tx, e.out, dueAt);
      },
    },
  ];
  if (post.at !== null) jobs.push({ name: 'duty-morning-post', cron: at(post.at), run: perCommunity(({ tx, dueAt }, id, out) => morningPosts(tx, policy, t, id, dueAt, out)) });
  if (post.remindAt !== null) jobs.push({ name: 'duty-evening-reminder', cron: at(post.remindAt), run: perCommunity(({ tx, dueAt }, id, out) => eveningReminders(tx, policy, t, id, dueAt, out)) });
  return jobs;
}
