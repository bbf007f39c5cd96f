import { type CommandContext } from '../../src/core/command.ts';
import { renderText, type Text } from '../../src/i18n/text.ts';
import { type Sender } from '../../src/core/identity.ts';
import type { Prisma } from '../../src/db/client.ts';
import type { LeaveStatus } from './format.ts';

export function say(context: CommandContext, text: Text): void {
  context.reply(renderText(context.t, text));
}

/**
 * The note a command acts on: the one its number names (the command's guard has made sure it is the
 * sender's), else the sender's latest in one of `statuses` that also matches `latest`.
 */
export async function ownLeave(context: CommandContext<Sender>, id: number | null, statuses: LeaveStatus[], latest: Prisma.LeaveRequestWhereInput = {}) {
  const { sender } = context;
  const where = id !== null ? { id } : { personId: sender.personId, status: { in: statuses }, ...latest };
  const leave = await context.tx.leaveRequest.findFirst({ where, orderBy: { id: 'desc' } });
  if (!leave) say(context, { key: 'leave.noneOpen' });
  return leave;
}
