/**
 * The states of one target chat of a notice. queued / scheduled / retrying are on their way; the
 * others are settled: sent, failed (the platform refused, or attempts ran out), gone (the bot was
 * removed while sending), unreachable (known gone, not tried), cancelled (撤回 before it went);
 * after a recall: recalled, or unrecalled where the platform could not.
 */
export const DELIVERY_STATES = ['scheduled', 'queued', 'retrying', 'sent', 'failed', 'gone', 'unreachable', 'cancelled', 'recalled', 'unrecalled'] as const;
export type DeliveryState = (typeof DELIVERY_STATES)[number];

const ON_ITS_WAY: ReadonlySet<DeliveryState> = new Set(['scheduled', 'queued', 'retrying']);

export function isSettled(state: DeliveryState): boolean {
  return !ON_ITS_WAY.has(state);
}
