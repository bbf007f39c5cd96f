import type { CommandFamily } from '../../src/core/family.ts';
import { dutyJobs } from '../../src/duty/jobs.ts';
import { dutyHandOverCommand, dutyTakeOverCommand } from './handover.ts';
import { dutyMineCommand, dutyShowCommand } from './show.ts';

/** Duty rosters (值班表): who is on duty, the posts, 接班 and 交班. */
export const dutyFamily: CommandFamily = {
  id: 'duty',
  commands: [dutyShowCommand, dutyMineCommand, dutyTakeOverCommand, dutyHandOverCommand],
  jobs: dutyJobs,
};
