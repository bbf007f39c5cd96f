import type { CommandFamily } from '../../src/core/family.ts';
import { noticeAckCommand } from './ack.ts';
import { alertApproval, alertCommands } from './alert/index.ts';
import { noticeConfirmCommand } from './confirm.ts';
import { financeReminderJob } from './jobs/finance-reminder.ts';
import { questionReminderJob } from './jobs/question-reminder.ts';
import { noticeReleaseJob } from './jobs/release.ts';
import { noticeWordCommand } from './notice.ts';
import { noticePolicy } from './policy.ts';
import { noticePublishCommand, noticeScheduleCommand } from './publish.ts';
import { questionCommands } from './question/index.ts';
import { noticeLedger } from './report.ts';
import { noticeTexts } from './texts.ts';
import { noticeWatcher } from './watch.ts';
import { noticeWithdrawCommand } from './withdraw.ts';

/**
 * Notices to residents (居务公开): drafted and previewed, confirmed into one delivery row per resident
 * group, sent through the outbox (now or at their time), followed group by group, recalled where
 * the platform allows; residents' 收到 counted; the monthly finance disclosure reminded. Alerts
 * (预警信息) are notices that go out only once approved; residents' questions are answered by staff (首问责任).
 */
export const noticeFamily: CommandFamily = {
  id: 'notice',
  policy: noticePolicy,
  texts: noticeTexts,
  commands: [noticePublishCommand, noticeScheduleCommand, noticeWordCommand, noticeConfirmCommand, noticeWithdrawCommand, noticeAckCommand, ...alertCommands, ...questionCommands],
  jobs: (policy, t) => [noticeReleaseJob(t), financeReminderJob(policy, t), questionReminderJob(policy, t)].filter((job) => job !== null),
  ledgers: [noticeLedger],
  approvals: [alertApproval],
  watchers: (policy, t) => [noticeWatcher(t, policy.notice.progressEverySeconds * 1000)],
};
