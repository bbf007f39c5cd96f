import type { CommandContext, Sender } from '../core/command.ts';
import { enqueue } from '../messaging/outbox.ts';
import { arrivalText, recordArrival, type Effects } from './arrival.ts';

export { dutySessionsFor } from './arrival.ts';

/** What 签到 asks of the roster: a check-in inside a duty shift's window is also the duty's arrival. */
export async function dutyCheckIn(context: CommandContext<Sender>): Promise<string | null> {
  const { tx, policy, t, now, sender } = context;
  const e: Effects = { tx, policy, t, now, out: [] };
  const arrival = await recordArrival(e, sender, now);
  await enqueue(tx, e.out, now);
  return arrival ? arrivalText(t, arrival) : null;
}
