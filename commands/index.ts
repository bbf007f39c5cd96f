import type { CommandSpec } from '../src/core/command.ts';
import { attendanceCommand } from './attendance.ts';
import { attendanceExceptionCommand } from './attendance-exception.ts';
import { attendanceScoreCommand } from './attendance-score.ts';
import { bindCommand } from './bind.ts';
import { chatPurposeCommand } from './chat-purpose.ts';
import { checkInCommand, checkOutCommand } from './checkin.ts';
import { helpCommand } from './help.ts';
import { whereaboutsBoardCommand, whereaboutsCommands } from './whereabouts.ts';

/** Every command the bot knows, in the order 帮助 lists them. */
export function allCommands(botName: string): CommandSpec[] {
  const commands: CommandSpec[] = [];
  commands.push(
    helpCommand(() => commands, botName) as CommandSpec,
    bindCommand as CommandSpec,
    checkInCommand as CommandSpec,
    checkOutCommand as CommandSpec,
    chatPurposeCommand as CommandSpec,
    ...(whereaboutsCommands as CommandSpec[]),
    whereaboutsBoardCommand as CommandSpec,
    attendanceCommand as CommandSpec,
    attendanceExceptionCommand as CommandSpec,
    attendanceScoreCommand as CommandSpec,
  );
  return commands;
}
