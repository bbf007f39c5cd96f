import { type CommandContext } from '../../src/core/command.ts';
import { type Sender } from '../../src/core/identity.ts';
import { arrivalText, recordArrival, type DutySeatRow } from './arrival.ts';

export { dutySeatsAround, dutySessionsFor, type DutySeatRow } from './arrival.ts';

/** What 签到 asks of the roster: a check-in inside a duty shift's window is also the duty's arrival. `seats`: the sender's, from dutySeatsAround. */
export async function dutyCheckIn(context: CommandContext<Sender>, seats: readonly DutySeatRow[]): Promise<string | null> {
  const { t, now, sender } = context;
  const arrival = await recordArrival(context, sender, now, seats);
  return arrival ? arrivalText(t, arrival) : null;
}
