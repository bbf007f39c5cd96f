import { renderText, type CommandContext, type Sender, type Text } from '../core/command.ts';
import type { Prisma } from '../db/client.ts';
import { enqueue } from '../messaging/outbox.ts';
import type { Workflow } from './workflow.ts';

/** A leave workflow on a command's transaction; `commit` writes its messages to the outbox. */
export function workflowFor(context: CommandContext): Workflow & { commit(): Promise<void> } {
  const out: Workflow['out'] = [];
  return {
    tx: context.tx,
    policy: context.policy,
    t: context.t,
    now: context.now,
    out,
    commit: () => enqueue(context.tx, out, context.now),
  };
}

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
