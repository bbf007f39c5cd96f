import type { Db } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { RateLimiter } from './rate-limiter.ts';
import { SendError, type ChatAdapter, type OutgoingMessage, type Platform } from './types.ts';

export interface DeliveryOptions {
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxBackoffMs, with jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /** How long a claimed row is reserved for this instance while it sends. */
  leaseMs?: number;
  /** How often to look for work when nothing kicks the worker (other instances, due retries). */
  pollMs?: number;
}

/**
 * Sends committed outbox rows through their adapters: in order per chat, under each platform's
 * rate limits, retrying with backoff, holding messages while a platform is not ready.
 * Timing here is real time (Date.now, setTimeout), not the office clock.
 */
export class DeliveryWorker {
  private readonly limiters = new Map<Platform, RateLimiter>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  private readonly options: Required<DeliveryOptions>;

  constructor(
    private readonly db: Db,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    private readonly log: Logger,
    options: DeliveryOptions = {},
  ) {
    this.options = { maxAttempts: 8, baseBackoffMs: 1_000, maxBackoffMs: 10 * 60_000, leaseMs: 60_000, pollMs: 1_000, ...options };
    for (const [platform, adapter] of adapters) this.limiters.set(platform, new RateLimiter(adapter.limits));
  }

  start(): void {
    this.stopped = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    await this.running;
  }

  /** Look for work now (called after a commit that wrote outbox rows). */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
    this.running = this.pass()
      .catch((error: unknown) => this.log.error({ err: error }, 'delivery pass failed'))
      .then((waitMs) => {
        this.running = null;
        if (this.stopped) return;
        if (this.again) {
          this.again = false;
          this.kick();
          return;
        }
        this.timer = setTimeout(() => this.kick(), waitMs ?? this.options.pollMs);
      });
  }

  /** Waits until every pending row that can be sent now has been tried (tests, shutdown). */
  async drain(): Promise<void> {
    while (this.running) await this.running;
  }

  /** One sweep over pending rows; returns how long until the next sweep is useful. */
  async pass(): Promise<number> {
    let nextWake = this.options.pollMs;
    const rows = await this.db.outboxMessage.findMany({
      where: { status: 'pending' },
      orderBy: { id: 'asc' },
      take: 500,
    });
    const blocked = new Set<string>();
    for (const row of rows) {
      if (this.stopped) break;
      const chatKey = `${row.platform}:${row.platformChatId}`;
      if (blocked.has(chatKey)) continue;
      const now = Date.now();
      const adapter = this.adapters.get(row.platform as Platform);
      const notDue = row.nextAttemptAt.getTime() > now || (row.lockedUntil !== null && row.lockedUntil.getTime() > now);
      if (!adapter || !adapter.isReady() || notDue) {
        // Later messages to the same chat wait, so a chat never sees them out of order.
        blocked.add(chatKey);
        if (notDue) nextWake = Math.min(nextWake, Math.max(10, row.nextAttemptAt.getTime() - now));
        continue;
      }
      const limiter = this.limiters.get(adapter.platform)!;
      const wait = limiter.waitMs(row.platformChatId, now);
      if (wait > 0) {
        blocked.add(chatKey);
        nextWake = Math.min(nextWake, wait);
        continue;
      }
      const claimed = await this.db.$transaction((tx) =>
        tx.outboxMessage.updateMany({
          where: { id: row.id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lte: new Date(now) } }] },
          data: { lockedUntil: new Date(now + this.options.leaseMs) },
        }),
      );
      if (claimed.count === 0) {
        blocked.add(chatKey);
        continue;
      }
      // Recorded as late as possible, so the window measures real send times.
      limiter.record(row.platformChatId, Date.now());
      const ok = await this.sendOne(adapter, row.id, row.attempts, JSON.parse(row.payload) as OutgoingMessage);
      if (!ok) blocked.add(chatKey);
    }
    return nextWake;
  }

  private async sendOne(adapter: ChatAdapter, id: number, attempts: number, message: OutgoingMessage): Promise<boolean> {
    try {
      const result = await adapter.send(message, { outboxId: id });
      await this.db.$transaction((tx) =>
        tx.outboxMessage.update({
          where: { id },
          data: { status: 'sent', platformMessageId: result.platformMessageId, sentAt: new Date(), lockedUntil: null, attempts: attempts + 1 },
        }),
      );
      return true;
    } catch (error) {
      const sendError = error instanceof SendError ? error : new SendError(String((error as Error)?.message ?? error), true);
      const tries = attempts + 1;
      const dead = !sendError.retryable || tries >= this.options.maxAttempts;
      const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (tries - 1));
      const delay = Math.max(sendError.retryAfterMs ?? 0, backoff * (0.75 + Math.random() * 0.5));
      await this.db.$transaction((tx) =>
        tx.outboxMessage.update({
          where: { id },
          data: {
            status: dead ? 'dead' : 'pending',
            attempts: tries,
            lastError: sendError.message.slice(0, 2000),
            nextAttemptAt: new Date(Date.now() + (dead ? 0 : delay)),
            lockedUntil: null,
          },
        }),
      );
      const fields = { outboxId: id, platform: adapter.platform, chatId: message.chatId, attempts: tries, err: sendError.message };
      if (dead) this.log.error(fields, 'message dead-lettered');
      else this.log.warn({ ...fields, retryInMs: Math.round(delay) }, 'send failed, will retry');
      return false;
    }
  }
}
