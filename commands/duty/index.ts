import type { CommandFamily } from '../../src/core/family.ts';
import { dutyJobs } from './jobs/index.ts';
import { dutyHandOverCommand, dutyTakeOverCommand } from './handover.ts';
import { dutyMineCommand, dutyShowCommand } from './show.ts';
import { dutyCoverCommand, dutySwapCommand } from './swap.ts';
import { dutySwapApproval } from './swap-approval.ts';
import { dutyPolicy } from './policy.ts';
import { dutyTexts } from './texts.ts';
import { addRosterCommands } from './cli.ts';

/** Duty rosters (值班表): who is on duty, the posts, swaps and covers (approved through the shared workflow), 接班 and 交班. */
export const dutyFamily: CommandFamily = {
  id: 'duty',
  policy: dutyPolicy,
  texts: dutyTexts,
  cli: addRosterCommands,
  commands: [dutyShowCommand, dutyMineCommand, dutySwapCommand, dutyCoverCommand, dutyTakeOverCommand, dutyHandOverCommand],
  jobs: dutyJobs,
  approvals: [dutySwapApproval],
};
