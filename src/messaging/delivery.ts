import { Prisma, type Db, type Tx } from '../db/client.ts';
import type { Logger } from '../log.ts';
import { RateLimiter } from './rate-limiter.ts';
import { SendError, type ChatAdapter, type OutgoingMessage, type Platform } from './types.ts';

export interface DeliveryOptions {
  /** Attempts before a message is dead-lettered: 20 retry a failing platform for about two hours. */
  maxAttempts?: number;
  /** First retry delay; doubles each attempt up to maxBackoffMs, with jitter. */
  baseBackoffMs?: number;
  maxBackoffMs?: number;
  /**
   * How long a claimed row is reserved for this instance; renewed every third of it while the send
   * is in flight, so a row claimed by a process that died is free again within this time.
   */
  leaseMs?: number;
  /** How often to look for work when nothing kicks the worker (other instances, due retries). */
  pollMs?: number;
  /** Real time in ms (tests inject one to run an outage of minutes in a moment). */
  now?: () => number;
}

/**
 * At most this many sends between two database writes, on a platform that de-duplicates by the
 * outbox row (sendsIdempotently). Elsewhere each send is recorded as soon as it returns, so a crash
 * can repeat only the send that was in flight.
 */
const BATCH = 50;

type Outcome =
  | { id: number; release: true }
  | { id: number; platformMessageId: string; attempts: number }
  | { id: number; attempts: number; dead: boolean; error: string; retryAt: Date };

/**
 * Sends committed outbox rows through their adapters: in order per chat, under each platform's
 * rate limits, retrying with backoff, holding messages while a platform is not ready.
 * Timing here is real time (options.now, setTimeout), not the office clock.
 */
export class DeliveryWorker {
  private readonly limiters = new Map<Platform, RateLimiter>();
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> | null = null;
  private again = false;
  private stopped = true;
  /** Set by stop(): a batch in flight releases what it has not sent yet. (pass() also runs unstarted, in tests.) */
  private stopping = false;
  private readonly options: Required<DeliveryOptions>;

  constructor(
    private readonly db: Db,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    private readonly log: Logger,
    options: DeliveryOptions = {},
  ) {
    this.options = { maxAttempts: 20, baseBackoffMs: 1_000, maxBackoffMs: 10 * 60_000, leaseMs: 5_000, pollMs: 1_000, now: Date.now, ...options };
    for (const [platform, adapter] of adapters) this.limiters.set(platform, new RateLimiter(adapter.limits));
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
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

  /**
   * One sweep over pending rows: pick what may go now (order per chat, readiness, backoff, rate
   * limits), claim it in one transaction, send it, record the outcomes in one transaction.
   * Returns how long until the next sweep is useful.
   */
  async pass(): Promise<number> {
    let nextWake = this.options.pollMs;
    const rows = await this.db.outboxMessage.findMany({ where: { status: 'pending' }, orderBy: { id: 'asc' }, take: 500 });
    const blocked = new Set<string>();
    const picked: { row: (typeof rows)[number]; adapter: ChatAdapter; reservedAt: number }[] = [];
    const now = this.options.now();
    for (const row of rows) {
      if (picked.length >= BATCH) break;
      const chatKey = `${row.platform}:${row.platformChatId}`;
      if (blocked.has(chatKey)) continue;
      const adapter = this.adapters.get(row.platform as Platform);
      const leased = row.lockedUntil !== null && row.lockedUntil.getTime() > now;
      const notDue = row.nextAttemptAt.getTime() > now || leased;
      const wait = adapter && adapter.isReady() && !notDue ? this.limiters.get(adapter.platform)!.waitMs(row.platformChatId, now) : 0;
      if (!adapter || !adapter.isReady() || notDue || wait > 0) {
        // Later messages to the same chat wait, so a chat never sees them out of order.
        blocked.add(chatKey);
        if (notDue) nextWake = Math.min(nextWake, Math.max(10, Math.max(row.nextAttemptAt.getTime(), leased ? row.lockedUntil!.getTime() : 0) - now));
        if (wait > 0) nextWake = Math.min(nextWake, wait);
        continue;
      }
      this.limiters.get(adapter.platform)!.record(row.platformChatId, now);
      picked.push({ row, adapter, reservedAt: now });
    }
    if (picked.length === 0) return nextWake;

    const leaseUntil = new Date(now + this.options.leaseMs);
    // One statement claims the batch; it returns the rows it took (another instance may hold some).
    const taken = await this.db.outboxMessage.updateManyAndReturn({
      where: { id: { in: picked.map(({ row }) => row.id) }, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lte: new Date(now) } }] },
      data: { lockedUntil: leaseUntil },
      select: { id: true },
    });
    const claimed = new Set(taken.map(({ id }) => id));

    const outcomes: Outcome[] = [];
    const failedChats = new Set<string>();
    const unrecorded = new Set(claimed);
    const renewal = this.renewWhileSending(unrecorded);
    try {
      for (const { row, adapter, reservedAt } of picked) {
        const chatKey = `${row.platform}:${row.platformChatId}`;
        if (!claimed.has(row.id) || failedChats.has(chatKey) || this.stopping) {
          if (claimed.has(row.id)) outcomes.push({ id: row.id, release: true });
          continue;
        }
        this.limiters.get(adapter.platform)!.restamp(row.platformChatId, reservedAt, this.options.now());
        const outcome = await this.sendOne(adapter, row.id, row.attempts, JSON.parse(row.payload) as OutgoingMessage);
        if (!('platformMessageId' in outcome)) failedChats.add(chatKey);
        if (adapter.sendsIdempotently) {
          outcomes.push(outcome);
        } else {
          await this.record([outcome]);
          unrecorded.delete(row.id);
        }
      }
      unrecorded.clear();
      await this.record(outcomes);
    } finally {
      clearInterval(renewal);
    }
    return failedChats.size > 0 ? nextWake : 0;
  }

  /** Keeps the lease of rows still in flight (claimed, not yet recorded) from running out. */
  private renewWhileSending(ids: Set<number>): NodeJS.Timeout {
    return setInterval(() => {
      if (ids.size === 0) return;
      this.db.outboxMessage
        .updateMany({ where: { id: { in: [...ids] }, status: 'pending' }, data: { lockedUntil: new Date(this.options.now() + this.options.leaseMs) } })
        .catch((error: unknown) => this.log.warn({ err: error }, 'outbox lease renewal failed'));
    }, this.options.leaseMs / 3);
  }

  private async sendOne(adapter: ChatAdapter, id: number, attempts: number, message: OutgoingMessage): Promise<Outcome> {
    try {
      const result = await adapter.send(message, { outboxId: id });
      return { id, platformMessageId: result.platformMessageId, attempts: attempts + 1 };
    } catch (error) {
      const sendError = error instanceof SendError ? error : new SendError(String((error as Error)?.message ?? error), true);
      const tries = attempts + 1;
      const dead = !sendError.retryable || tries >= this.options.maxAttempts;
      const backoff = Math.min(this.options.maxBackoffMs, this.options.baseBackoffMs * 2 ** (tries - 1));
      const delay = Math.max(sendError.retryAfterMs ?? 0, backoff * (0.75 + Math.random() * 0.5));
      const fields = { outboxId: id, platform: adapter.platform, chatId: message.chatId, attempts: tries, err: sendError.message };
      if (dead) this.log.error(fields, 'message dead-lettered');
      else this.log.warn({ ...fields, retryInMs: Math.round(delay) }, 'send failed, will retry');
      return { id, attempts: tries, dead, error: sendError.message.slice(0, 2000), retryAt: new Date(this.options.now() + (dead ? 0 : delay)) };
    }
  }

  /**
   * Writes the outcomes: the sent rows of a batch in one statement (the common case, no
   * transaction needed), failures and releases beside it in one transaction.
   */
  private async record(outcomes: Outcome[]): Promise<void> {
    const sent = outcomes.filter((o): o is Extract<Outcome, { platformMessageId: string }> => 'platformMessageId' in o);
    const released = outcomes.filter((o) => 'release' in o).map((o) => o.id);
    const failed = outcomes.filter((o): o is Extract<Outcome, { dead: boolean }> => 'dead' in o);
    const writes: ((tx: Tx) => Promise<unknown>)[] = [];
    if (sent.length > 0) {
      const ids = Prisma.join(sent.map((o) => o.id));
      const messageIds = Prisma.join(sent.map((o) => Prisma.sql`WHEN ${o.id} THEN ${o.platformMessageId}`), ' ');
      // The lease is ours, so no one else has counted an attempt of these rows meanwhile.
      writes.push((tx) =>
        tx.$executeRaw`UPDATE "OutboxMessage" SET "status" = 'sent', "platformMessageId" = CASE "id" ${messageIds} END,
          "sentAt" = ${new Date(this.options.now())}, "lockedUntil" = NULL, "attempts" = "attempts" + 1 WHERE "id" IN (${ids})`,
      );
    }
    if (released.length > 0) writes.push((tx) => tx.outboxMessage.updateMany({ where: { id: { in: released } }, data: { lockedUntil: null } }));
    for (const outcome of failed) {
      writes.push((tx) =>
        tx.outboxMessage.update({
          where: { id: outcome.id },
          data: { status: outcome.dead ? 'dead' : 'pending', attempts: outcome.attempts, lastError: outcome.error, nextAttemptAt: outcome.retryAt, lockedUntil: null },
        }),
      );
    }
    if (writes.length === 1) await writes[0]!(this.db);
    else if (writes.length > 1) {
      await this.db.$transaction(async (tx) => {
        for (const write of writes) await write(tx);
      });
    }
  }
}
