import { setTimeout as sleep } from 'node:timers/promises';
import type { Logger } from '../log.ts';
import type { InboundMessage, InboundSink } from './types.ts';

export interface HandOverOptions {
  log: Logger;
  /** Aborted when the adapter stops: the wait ends and the event is given up. */
  signal: AbortSignal;
  firstDelayMs?: number;
  maxDelayMs?: number;
}

/**
 * For a platform that does not deliver an event again (WeChat, Telegram by long polling): hands the
 * event to the sink until it is stored. The sink throws only when it could not store the event (the
 * database is unavailable), and the inbox dedupes by event id, so handing it over again is safe.
 * Resolves false when the adapter stopped first.
 */
export async function handOverUntilStored(sink: InboundSink, message: InboundMessage, options: HandOverOptions): Promise<boolean> {
  return retryUntilStored(() => sink(message), message, options);
}

/** The same for a hand-over that reads the bot's records first (WeChat's menu look-up), which fails the same way. */
export async function retryUntilStored(handOver: () => Promise<unknown>, message: Pick<InboundMessage, 'platform' | 'eventId'>, options: HandOverOptions): Promise<boolean> {
  const { log, signal } = options;
  const maxDelayMs = options.maxDelayMs ?? 30_000;
  let delayMs = options.firstDelayMs ?? 500;
  for (let attempt = 1; ; attempt += 1) {
    try {
      await handOver();
      return true;
    } catch (error) {
      if (signal.aborted) {
        log.error({ err: error, platform: message.platform, eventId: message.eventId, attempt }, 'inbound event not stored before the adapter stopped; it is lost');
        return false;
      }
      log.warn({ err: error, platform: message.platform, eventId: message.eventId, attempt, delayMs }, 'inbound event not stored yet, handing it over again');
    }
    try {
      await sleep(delayMs, undefined, { signal });
    } catch {
      log.error({ platform: message.platform, eventId: message.eventId, attempt }, 'inbound event not stored before the adapter stopped; it is lost');
      return false;
    }
    delayMs = Math.min(delayMs * 2, maxDelayMs);
  }
}
