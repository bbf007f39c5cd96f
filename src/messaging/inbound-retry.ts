import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.ts';
import type { InboundMessage } from './types.ts';

const FIRST_DELAY_MS = 500;
const MAX_DELAY_MS = 30_000;

/**
 * For a platform that does not deliver an event again (WeChat, Telegram by long polling): runs the
 * hand-over to the sink until it succeeds, waiting 0.5 s doubling to 30 s in between. The sink throws
 * only when it could not store the event (the database is unavailable), and the inbox dedupes by
 * event id, so handing it over again is safe. Resolves false when `signal` (the adapter stopping)
 * ends the wait first.
 */
export async function retryUntilStored(
  handOver: () => Promise<unknown>,
  event: Pick<InboundMessage, 'platform' | 'eventId'>,
  { log, signal }: { log: Logger; signal: AbortSignal },
): Promise<boolean> {
  const where = { platform: event.platform, eventId: event.eventId };
  for (let attempt = 1, delayMs = FIRST_DELAY_MS; ; attempt += 1, delayMs = Math.min(delayMs * 2, MAX_DELAY_MS)) {
    try {
      await handOver();
      return true;
    } catch (error) {
      log.warn({ err: error, ...where, attempt, delayMs }, 'inbound event not stored yet, handing it over again');
    }
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      log.error({ ...where, attempt }, 'inbound event not stored before the adapter stopped; it is lost');
      return false;
    }
  }
}
