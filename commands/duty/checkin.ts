import { type CommandContext } from '../../src/core/command.ts';
import { type Sender } from '../../src/core/identity.ts';
import { enqueue } from '../../src/messaging/outbox.ts';
import { arrivalText, recordArrival, type DutySeatRow, type Effects } from './arrival.ts';

export { dutySeatsAround, dutySessionsFor, type DutySeatRow } from './arrival.ts';

/** What 签到 asks of the roster: a check-in inside a duty shift's window is also the duty's arrival. `seats`: the sender's, from dutySeatsAround. */
export async function dutyCheckIn(context: CommandContext<Sender>, seats: readonly DutySeatRow[]): Promise<string | null> {
  const { tx, policy, t, now, sender } = context;
  const e: Effects = { tx, policy, t, now, out: [] };
  const arrival = await recordArrival(e, sender, now, seats);
  await enqueue(tx, e.out, now);
  return arrival ? arrivalText(t, arrival) : null;
}
