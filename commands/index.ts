import type { CommandSpec } from '../src/core/command.ts';
import { attendanceCommand } from './attendance.ts';
import { attendanceExceptionCommand } from './attendance-exception.ts';
import { attendanceScoreCommand } from './attendance-score.ts';
import { bindCommand } from './bind.ts';
import { chatPurposeCommand } from './chat-purpose.ts';
import { checkInCommand, checkOutCommand } from './checkin.ts';
import { helpCommand } from './help.ts';
import { leaveCertificateCommand } from './leave/certificate.ts';
import { leaveConfirmCommand } from './leave/confirm.ts';
import { leaveApproveCommand, leaveRejectCommand } from './leave/decide.ts';
import { leaveEmergencyCommand } from './leave/emergency.ts';
import { leaveRegisterCommand } from './leave/register.ts';
import { leaveReportBackCommand } from './leave/report-back.ts';
import { leaveRequestCommand } from './leave/request.ts';
import { leaveWithdrawCommand } from './leave/withdraw.ts';
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
    leaveRequestCommand as CommandSpec,
    leaveConfirmCommand as CommandSpec,
    leaveApproveCommand as CommandSpec,
    leaveRejectCommand as CommandSpec,
    leaveWithdrawCommand as CommandSpec,
    leaveReportBackCommand as CommandSpec,
    leaveEmergencyCommand as CommandSpec,
    leaveCertificateCommand as CommandSpec,
    leaveRegisterCommand as CommandSpec,
    ...(whereaboutsCommands as CommandSpec[]),
    whereaboutsBoardCommand as CommandSpec,
    attendanceCommand as CommandSpec,
    attendanceExceptionCommand as CommandSpec,
    attendanceScoreCommand as CommandSpec,
  );
  return commands;
}
