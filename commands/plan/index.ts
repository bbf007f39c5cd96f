import type { CommandFamily } from '../../src/core/family.ts';
import { planJobs } from './jobs/weekly.ts';
import { planLedger } from './ledger/archive.ts';
import { minutesCommand } from './minutes.ts';
import { planCommand } from './plan.ts';
import { planPolicy } from './policy.ts';
import { planResultsCommand } from './results.ts';
import { planTexts } from './texts.ts';

/** Weekly plans and office meetings (周工作计划 / 例会): posts, last week's results, carry-over, minutes, reminders, the archive. */
export const planFamily: CommandFamily = {
  id: 'plan',
  policy: planPolicy,
  commands: [planCommand, planResultsCommand, minutesCommand],
  jobs: planJobs,
  ledgers: [planLedger],
  texts: planTexts,
};
