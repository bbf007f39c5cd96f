import { DateTime } from 'luxon';
import type { Policy } from '../../../src/config/policy.ts';
import { privateTargets, roleHolders } from '../../../src/core/addressing.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { officeDate, parseHHMM } from '../../../src/time/office-time.ts';
import { financeDueDate } from '../rules/words.ts';

/**
 * 财务公开 is published monthly by the policy's day: on that day (a short month's last day for
 * 29-31) each community without this month's disclosure reminds its secretary, privately.
 */
export function financeReminderJob(policy: Policy, t: Translate): Job | null {
  const { at, day, category, to } = policy.notice.finance;
  if (at === null) return null;
  const minute = parseHHMM(at);
  return {
    name: 'notice-finance-reminder',
    cron: `${minute % 60} ${Math.floor(minute / 60)} * * *`,
    async run({ tx, dueAt, out }) {
      const today = officeDate(dueAt, policy.timezone);
      const month = today.slice(0, 7);
      const dueDate = financeDueDate(month, day);
      if (today !== dueDate) return;
      const monthStart = DateTime.fromISO(`${month}-01`, { zone: policy.timezone }).toJSDate();
      for (const community of await tx.community.findMany({ orderBy: { id: 'asc' } })) {
        const published = await tx.notice.count({ where: { communityId: community.id, category, status: { in: ['sending', 'done'] }, releasedAt: { gte: monthStart, lte: dueAt } } });
        if (published > 0) continue;
        const text = t('notice.finance.reminder', { community: community.name, month: String(Number(month.slice(5))), date: DateTime.fromISO(dueDate).toFormat('M月d日'), category });
        for (const role of to) {
          for (const person of await roleHolders(tx, role, { communityId: community.id, streetId: community.streetId })) {
            for (const target of await privateTargets(tx, person.id)) out.add({ platform: target.platform, message: { chatId: target.chatId, text } });
          }
        }
      }
    },
  };
}
