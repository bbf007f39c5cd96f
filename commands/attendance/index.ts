import { attendanceLedger } from './ledger/ledger.ts';
import type { CommandFamily } from '../../src/core/family.ts';
import { attendanceSummaryJobs } from './jobs/attendance-summary.ts';
import { checkInReminderJobs } from './jobs/checkin-reminder.ts';
import { checkInCommand, checkOutCommand } from './checkin.ts';
import { attendanceExceptionCommand } from './exception.ts';
import { attendanceCommand } from './month.ts';
import { attendanceScoreCommand } from './score.ts';
import { whereaboutsBoardCommand, whereaboutsCommands } from './whereabouts.ts';
import { attendancePolicy } from './policy.ts';
import { attendanceTexts } from './texts.ts';

/** Check-in and attendance: 签到/签退, the whereabouts board, the month in chat, exceptions and the score. */
export const attendanceFamily: CommandFamily = {
  id: 'attendance',
  policy: attendancePolicy,
  texts: attendanceTexts,
  commands: [checkInCommand, checkOutCommand, ...whereaboutsCommands, whereaboutsBoardCommand, attendanceCommand, attendanceExceptionCommand, attendanceScoreCommand],
  jobs: (policy, t) => [...checkInReminderJobs(policy, t), ...attendanceSummaryJobs(policy, t)],
  ledgers: [attendanceLedger],
};
