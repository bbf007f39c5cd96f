import type { CommandFamily } from '../../src/core/family.ts';
import { alertApproval, alertCommands } from './alert/index.ts';
import { questionCommands, questionReminderJob } from './question/index.ts';

/** Until the notice family lands: residents' questions and alerts, registered as their own family. */
export const alertsFamily: CommandFamily = {
  id: 'notice-alerts',
  commands: [...questionCommands, ...alertCommands],
  approvals: [alertApproval],
  jobs: (policy, t) => [questionReminderJob(policy, t)],
};
