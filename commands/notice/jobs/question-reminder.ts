import type { Policy } from '../../../src/config/policy.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Job } from '../../../src/scheduler/scheduler.ts';
import { postToWorkGroups } from '../question/questions.ts';

const HOUR = 3_600_000;

/**
 * A question nobody answered is posted to the work groups again, once, `questions.remindAfterHours`
 * after it was asked; quoting the reminder answers it too. The claim is a compare-and-set on remindedAt.
 */
export function questionReminderJob(policy: Policy, t: Translate): Job {
  return {
    name: 'resident-question-reminder',
    cron: '* * * * *',
    async run({ tx, dueAt, out }) {
      const before = new Date(dueAt.getTime() - policy.notice.questions.remindAfterHours * HOUR);
      const idle = await tx.residentQuestion.findMany({ where: { status: 'open', remindedAt: null, askedAt: { lte: before } }, orderBy: { id: 'asc' } });
      for (const question of idle) {
        const claimed = await tx.residentQuestion.updateMany({ where: { id: question.id, status: 'open', remindedAt: null }, data: { remindedAt: dueAt } });
        if (claimed.count !== 1) continue;
        const header = t('question.remind.title', { id: question.id, hours: policy.notice.questions.remindAfterHours });
        out.add(...(await postToWorkGroups(tx, t, policy.timezone, question, header)));
      }
    },
  };
}
