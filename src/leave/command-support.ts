import { renderText, type CommandContext, type Sender, type Text } from '../core/command.ts';
import type { Prisma } from '../db/client.ts';

export function say(context: CommandContext, text: Text): void {
  context.reply(renderText(context.t, text));
}

/** One of the sender's own leaves: by number, else the latest in one of `statuses` that also matches `latest`. */
export async function ownLeave(context: CommandContext<Sender>, id: number | null, statuses: string[], latest: Prisma.LeaveRequestWhereInput = {}) {
  const { sender } = context;
  const where = id !== null ? { id } : { personId: sender.personId, status: { in: statuses }, ...latest };
  const leave = await context.tx.leaveRequest.findFirst({ where, orderBy: { id: 'desc' } });
  if (!leave) {
    say(context, id !== null ? { key: 'leave.notFound', params: { id } } : { key: 'leave.noneOpen' });
    return null;
  }
  if (leave.personId !== sender.personId && leave.filedById !== sender.personId) {
    say(context, { key: 'leave.notYours', params: { id: leave.id } });
    return null;
  }
  return leave;
}
