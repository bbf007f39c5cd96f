import type { CommandFamily } from '../../src/core/family.ts';
import { incidentLedger } from './ledger/ledger.ts';
import { incidentMonthlyJob } from './jobs/monthly.ts';
import { incidentTimersJob } from './jobs/timers.ts';
import { incidentMediationCommand, incidentMergeCommand, incidentVisitCommand } from './closing.ts';
import { incidentFollowUpCommand } from './followup.ts';
import { incidentCloseCommand, incidentEscalateCommand, incidentLevelCommand, incidentOnSiteCommand, incidentReturnCommand, incidentTakeCommand, incidentTransferCommand } from './handling.ts';
import { incidentReportCommand, incidentReportWordCommand } from './report.ts';
import { incidentShowCommand } from './show.ts';
import { incidentPolicy } from './policy.ts';
import { incidentTexts } from './texts.ts';

/** Incidents (突发事件): the report, its follow-ups, who takes it, the timers that escalate, 办结, 回访 and the ledger. */
export const incidentFamily: CommandFamily = {
  id: 'incident',
  policy: incidentPolicy,
  commands: [
    incidentReportCommand,
    incidentReportWordCommand,
    incidentFollowUpCommand,
    incidentTakeCommand,
    incidentTransferCommand,
    incidentOnSiteCommand,
    incidentCloseCommand,
    incidentReturnCommand,
    incidentMergeCommand,
    incidentEscalateCommand,
    incidentLevelCommand,
    incidentMediationCommand,
    incidentVisitCommand,
    incidentShowCommand,
  ],
  jobs: (policy, t) => [incidentTimersJob(policy, t), incidentMonthlyJob(policy, t)].filter((job) => job !== null),
  ledgers: [incidentLedger],
  texts: incidentTexts,
};
