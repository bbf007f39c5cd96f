import { randomUUID } from 'node:crypto';
import { Prisma, type Db, type Tx } from '../db/client.ts';
import { rawDate, rawOptionalDate } from '../db/raw-values.ts';
import type { Logger } from '../log.ts';
import { RateLimiter } from './rate-limiter.ts';
import { SendError, type ChatAdapter, type OutgoingMessage, type Platform } from './types.ts';
import { sql } from '../db/sql.ts';
import { Outbox } from './outbox.ts';
import { SenderLeases } from './sender-lease.ts';

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
  /** Real time in ms (tests inject one to run an outage of minutes in a moment): leases, backoff, rate limits. */
  now?: () => number;
  /** The office's time (the bot's clock, which the sandbox may move): what the watchers record a send at. */
  officeNow?: () => Date;
  /** Told what became of each send, in the transaction that records it (a family's ledger, unreachable chats). */
  watchers?: readonly DeliveryWatcher[];
  /** This instance's name in the sender leases (INSTANCE_ID); unique per worker by default. */
  instanceId?: string;
  /** How instances on one database tell a platform's sender that rows were committed; without it, the sender polls. */
  signal?: OutboxSignal;
}

/** Between instances on one database: "outbox rows of this platform were committed". */
export interface OutboxSignal {
  notify(platform: Platform): void;
  onSignal(listener: (platform: Platform) => void): void;
  close(): Promise<void>;
}

/** What became of one outbox row's send: sent, to be retried, or given up (dead); `gone`: the bot can no longer write to the chat. */
export interface DeliveryResult {
  outboxId: number;
  platform: Platform;
  chatId: string;
  subject: string | null;
  status: 'sent' | 'retrying' | 'dead';
  attempts: number;
  platformMessageId?: string;
  error?: string;
  gone: boolean;
}

/**
 * Told the results it watches, inside the transaction that records them; what it writes commits with
 * them, and what it sends it adds to `out`, written once after every watcher. `watches` keeps the
 * common send (a reply nobody follows) to one statement, no transaction.
 */
export interface DeliveryWatcher {
  watches(result: DeliveryResult): boolean;
  /** `at`: the office time the sends are recorded at. */
  record(tx: Tx, results: readonly DeliveryResult[], out: Outbox, at: Date): Promise<void>;
}

/** The error of a recall on a platform that has none: not retried, and said as such to whoever asked. */
export const RECALL_UNSUPPORTED = 'recall not supported';

/**
 * At most this many sends between two database writes, on a platform that de-duplicates by the
 * outbox row (sendsIdempotently). Elsewhere each send is recorded as soon as it returns, so a crash
 * can repeat only the send that was in flight.
 */
const BATCH = 50;
/** Pending rows one sweep reads. */
const PENDING_LIMIT = 500;

type Outcome =
  | { id: number; release: true }
  | { id: number; platformMessageId: string; attempts: number }
  | { id: number; attempts: number; dead: boolean; gone: boolean; error: string; retryAt: Date };

/**
 * Sends committed outbox rows through their adapters: in order per chat, under each platform's
 * rate limits, retrying with backoff, holding messages while a platform is not ready.
 * Timing here is real time (options.now, setTimeout), not the office clock.
 */
export class DeliveryWorker {
  private readonly limiters = new Map<Platform, RateLimiter>();
  /** One sending loop per platform, so one platform's pacing (WeChat's gaps) never holds up another's sends. */
  private readonly lanes = new Map<Platform, { timer: NodeJS.Timeout | null; running: Promise<void> | null; again: boolean }>();
  private stopped = true;
  /** Set by stop(): a batch in flight releases what it has not sent yet. (pass() also runs unstarted, in tests.) */
  private stopping = false;
  private readonly options: Required<Omit<DeliveryOptions, 'signal'>> & Pick<DeliveryOptions, 'signal'>;
  private readonly leases: SenderLeases;
  /**
   * Chats whose first pending row (`headId`) cannot go before a time (its backoff, its lease, the
   * chat's rate limit), by chat key: the sweeps leave the chat's rows unread until then, or until that
   * row is no longer pending (a recalled notice), so a chat with more rows waiting than one sweep reads
   * does not hide every other chat's rows behind it.
   */
  private readonly waitingChats = new Map<string, WaitingChat>();

  constructor(
    private readonly db: Db,
    private readonly adapters: ReadonlyMap<Platform, ChatAdapter>,
    private readonly log: Logger,
    options: DeliveryOptions = {},
  ) {
    const now = options.now ?? (() => Date.now());
    this.options = { maxAttempts: 20, baseBackoffMs: 1_000, maxBackoffMs: 10 * 60_000, leaseMs: 5_000, pollMs: 1_000, now, officeNow: () => new Date(now()), watchers: [], instanceId: randomUUID(), ...options };
    this.leases = new SenderLeases(db, this.options.instanceId, this.options.leaseMs, this.options.pollMs, this.options.now);
    this.options.signal?.onSignal((platform) => {
      if (this.lanes.has(platform)) this.kickLane(platform);
    });
    for (const [platform, adapter] of adapters) {
      this.limiters.set(platform, new RateLimiter(adapter.limits));
      this.lanes.set(platform, { timer: null, running: null, again: false });
    }
  }

  start(): void {
    this.stopped = false;
    this.stopping = false;
    this.kick();
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping = true;
    for (const lane of this.lanes.values()) {
      if (lane.timer) clearTimeout(lane.timer);
      lane.timer = null;
    }
    await Promise.all([...this.lanes.values()].map((lane) => lane.running));
    for (const platform of this.lanes.keys()) await this.leases.release(platform).catch((error: unknown) => this.log.warn({ err: error, platform }, 'sender lease release failed'));
  }

  /** Look for work now (called after a commit that wrote outbox rows); where another instance sends, tell it. */
  kick(): void {
    for (const platform of this.lanes.keys()) {
      if (this.leases.heldElsewhere(platform)) this.options.signal?.notify(platform);
      this.kickLane(platform);
    }
  }

  private kickLane(platform: Platform): void {
    const lane = this.lanes.get(platform)!;
    if (this.stopped) return;
    if (lane.running) {
      lane.again = true;
      return;
    }
    if (lane.timer) clearTimeout(lane.timer);
    lane.timer = null;
    lane.running = this.pass(platform)
      .catch((error: unknown) => this.log.error({ err: error, platform }, 'delivery pass failed'))
      .then((waitMs) => {
        lane.running = null;
        if (this.stopped) return;
        if (lane.again) {
          lane.again = false;
          this.kickLane(platform);
          return;
        }
        lane.timer = setTimeout(() => this.kickLane(platform), waitMs ?? this.options.pollMs);
      });
  }

  /** Waits until every pending row that can be sent now has been tried (tests, shutdown). */
  async drain(): Promise<void> {
    for (;;) {
      const running = [...this.lanes.values()].flatMap((lane) => (lane.running ? [lane.running] : []));
      if (running.length === 0) return;
      await Promise.all(running);
    }
  }

  /**
   * One sweep over pending rows (of one platform, or all): pick what may go now (order per chat, readiness, backoff, rate
   * limits), claim it in one transaction, send it, record the outcomes in one transaction.
   * Returns how long until the next sweep is useful.
   */
  async pass(platform?: Platform): Promise<number> {
    let nextWake = this.options.pollMs;
    const ours = new Set<Platform>();
    for (const [name, adapter] of this.adapters) {
      if (platform && name !== platform) continue;
      // A platform not ready here (WeChat logged in on another instance) is left to whoever can send.
      if (!adapter.isReady()) {
        await this.leases.release(name);
        continue;
      }
      const lease = await this.leases.hold(name);
      if (lease.held && lease.taken) await this.countRecentSends(name);
      if (lease.held) ours.add(name);
      else nextWake = Math.min(nextWake, Math.max(10, lease.askAgainAt - this.options.now()));
    }
    if (ours.size === 0) return nextWake;
    const skipped = this.chatsStillWaiting([...ours]);
    for (const { until } of skipped) nextWake = Math.min(nextWake, Math.max(10, until - this.options.now()));
    const rows = await pendingRows(this.db, platform, skipped);
    const blocked = new Set<string>();
    const picked: { row: (typeof rows)[number]; adapter: ChatAdapter; reservedAt: number }[] = [];
    const now = this.options.now();
    for (const row of rows) {
      if (picked.length >= BATCH) break;
      const chatKey = `${row.platform}:${row.platformChatId}`;
      if (blocked.has(chatKey) || !ours.has(row.platform as Platform)) continue;
      const adapter = this.adapters.get(row.platform as Platform);
      const leased = row.lockedUntil !== null && row.lockedUntil.getTime() > now;
      const notDue = row.nextAttemptAt.getTime() > now || leased;
      const wait = adapter && adapter.isReady() && !notDue ? this.limiters.get(adapter.platform)!.waitMs(row.platformChatId, now) : 0;
      if (!adapter || !adapter.isReady() || notDue || wait > 0) {
        // Later messages to the same chat wait, so a chat never sees them out of order.
        blocked.add(chatKey);
        const until = notDue ? Math.max(row.nextAttemptAt.getTime(), leased ? row.lockedUntil!.getTime() : 0) : now + wait;
        if (adapter?.isReady() && until > now) {
          this.waitingChats.set(chatKey, { platform: adapter.platform, headId: row.id, until });
          nextWake = Math.min(nextWake, Math.max(10, until - now));
        }
        continue;
      }
      this.limiters.get(adapter.platform)!.record(row.platformChatId, now);
      picked.push({ row, adapter, reservedAt: now });
    }
    if (picked.length === 0) return nextWake;

    const leaseUntil = new Date(now + this.options.leaseMs);
    // One statement claims the batch; it returns the rows it took (another instance may hold some).
    // The payload as claimed: a pending row may be rewritten until it is claimed (a notice's progress becoming its result).
    const taken = await sql(this.db).query<{ id: number; payload: string }>`
      UPDATE "OutboxMessage" SET "lockedUntil" = ${leaseUntil}
      WHERE "id" IN (${Prisma.join(picked.map(({ row }) => row.id))}) AND "status" = 'pending' AND ("lockedUntil" IS NULL OR "lockedUntil" <= ${new Date(now)})
      RETURNING "id", "payload"`;
    const claimed = new Map(taken.map(({ id, payload }) => [id, payload]));

    const outcomes: Outcome[] = [];
    const failedChats = new Set<string>();
    const delivered = new Map(picked.map(({ row }) => [row.id, row]));
    const unrecorded = new Set(claimed.keys());
    const renewal = this.renewWhileSending(unrecorded, ours);
    try {
      for (const { row, adapter, reservedAt } of picked) {
        const chatKey = `${row.platform}:${row.platformChatId}`;
        if (!claimed.has(row.id) || failedChats.has(chatKey) || this.stopping) {
          if (claimed.has(row.id)) outcomes.push({ id: row.id, release: true });
          continue;
        }
        const outcome = await this.sendOne(adapter, row.id, row.attempts, JSON.parse(claimed.get(row.id)!) as OutgoingMessage);
        // Counted from when the platform answered: it has the message by then, so the next window never opens early on its clock.
        this.limiters.get(adapter.platform)!.restamp(row.platformChatId, reservedAt, this.options.now());
        if (!('platformMessageId' in outcome)) {
          failedChats.add(chatKey);
          if ('retryAt' in outcome && !outcome.dead) this.waitingChats.set(chatKey, { platform: adapter.platform, headId: row.id, until: outcome.retryAt.getTime() });
        }
        if (adapter.sendsIdempotently) {
          outcomes.push(outcome);
        } else {
          await this.record([outcome], delivered);
          unrecorded.delete(row.id);
        }
      }
      unrecorded.clear();
      await this.record(outcomes, delivered);
    } finally {
      clearInterval(renewal);
    }
    // Rows committed meanwhile kick the lane again; another sweep at once is needed only when this one
    // left some behind (a chat that failed now waits among the skipped, so it is not tried again at once).
    return picked.length >= BATCH || rows.length >= PENDING_LIMIT ? 0 : nextWake;
  }

  /** The chats of these platforms still waiting, forgetting those whose time has come. */
  private chatsStillWaiting(platforms: readonly Platform[]): WaitingChat[] {
    const now = this.options.now();
    const waiting: WaitingChat[] = [];
    for (const [key, chat] of this.waitingChats) {
      if (chat.until <= now) this.waitingChats.delete(key);
      else if (platforms.includes(chat.platform)) waiting.push(chat);
    }
    return waiting;
  }

  /**
   * On becoming a platform's sender (a start, a hand-over), its limiter counts the platform's sends
   * still inside its windows, whoever made them, so the new sender does not send a chat's or the
   * bot's quota a second time.
   */
  private async countRecentSends(platform: Platform): Promise<void> {
    const limiter = this.limiters.get(platform)!;
    const since = new Date(this.options.now() - limiter.windowMs);
    const sends = await sql(this.db).query<{ chatId: string; sentAt: string | Date }>`
      SELECT "platformChatId" AS "chatId", "sentAt" FROM "OutboxMessage"
      WHERE "platform" = ${platform} AND "sentAt" > ${since} ORDER BY "sentAt"`;
    limiter.replace(sends.map((send) => ({ chatId: send.chatId, at: rawDate(send.sentAt).getTime() })));
  }

  /** Keeps the leases of rows still in flight (claimed, not yet recorded) and of their platforms from running out. */
  private renewWhileSending(ids: Set<number>, platforms: ReadonlySet<Platform>): NodeJS.Timeout {
    return setInterval(() => {
      if (ids.size === 0) return;
      for (const platform of platforms) this.leases.hold(platform).catch((error: unknown) => this.log.warn({ err: error, platform }, 'sender lease renewal failed'));
      this.db.outboxMessage
        .updateMany({ where: { id: { in: [...ids] }, status: 'pending' }, data: { lockedUntil: new Date(this.options.now() + this.options.leaseMs) } })
        .catch((error: unknown) => this.log.warn({ err: error }, 'outbox lease renewal failed'));
    }, this.options.leaseMs / 3);
  }

  private async sendOne(adapter: ChatAdapter, id: number, attempts: number, message: OutgoingMessage): Promise<Outcome> {
    try {
      const result = message.recallMessageId ? await this.recall(adapter, message.chatId, message.recallMessageId) : await adapter.send(message, { outboxId: id });
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
      return { id, attempts: tries, dead, gone: sendError.gone, error: sendError.message.slice(0, 2000), retryAt: new Date(this.options.now() + (dead ? 0 : delay)) };
    }
  }

  /** A recall goes through the outbox like a send; a platform without recall refuses it for good. */
  private async recall(adapter: ChatAdapter, chatId: string, platformMessageId: string): Promise<{ platformMessageId: string }> {
    if (!adapter.recall) throw new SendError(`${RECALL_UNSUPPORTED} on ${adapter.platform}`, false);
    await adapter.recall(chatId, platformMessageId);
    return { platformMessageId };
  }

  /**
   * Writes the outcomes: the sent rows of a batch in one statement (the common case, no
   * transaction needed), failures, releases and the watchers' writes beside it in one transaction.
   */
  private async record(outcomes: Outcome[], rows: ReadonlyMap<number, DeliveredRow>): Promise<void> {
    const sent = outcomes.filter((o): o is Extract<Outcome, { platformMessageId: string }> => 'platformMessageId' in o);
    const released = outcomes.filter((o) => 'release' in o).map((o) => o.id);
    const failed = outcomes.filter((o): o is Extract<Outcome, { dead: boolean }> => 'dead' in o);
    const writes: ((tx: Tx) => Promise<unknown>)[] = [];
    if (sent.length > 0) {
      const ids = Prisma.join(sent.map((o) => o.id));
      const messageIds = Prisma.join(sent.map((o) => Prisma.sql`WHEN ${o.id} THEN ${o.platformMessageId}`), ' ');
      // The lease is ours, so no one else has counted an attempt of these rows meanwhile.
      writes.push((tx) =>
        sql(tx).execute`UPDATE "OutboxMessage" SET "status" = 'sent', "platformMessageId" = CASE "id" ${messageIds} END,
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
    const results = this.options.watchers.length === 0 ? [] : deliveryResults(outcomes, rows);
    const watched = this.options.watchers.map((watcher) => ({ watcher, results: results.filter((r) => watcher.watches(r)) })).filter((w) => w.results.length > 0);
    if (watched.length > 0) {
      writes.push(async (tx) => {
        const out = new Outbox();
        const at = this.options.officeNow();
        for (const { watcher, results } of watched) await watcher.record(tx, results, out, at);
        await out.write(tx, at);
      });
    }
    if (writes.length === 1 && watched.length === 0) await writes[0]!(this.db);
    else if (writes.length > 0) {
      await this.db.$transaction(async (tx) => {
        for (const write of writes) await write(tx);
      });
    }
  }
}

interface PendingRow {
  id: number;
  platform: string;
  platformChatId: string;
  subject: string | null;
  attempts: number;
  nextAttemptAt: Date;
  lockedUntil: Date | null;
}

/** A chat the sweeps skip: its first pending row, and until when it waits. */
interface WaitingChat {
  platform: Platform;
  headId: number;
  until: number;
}

/**
 * The pending rows (of one platform, or all), urgent first and then oldest first, without the rows of
 * the chats skipped (their first row and every row that sorts after it, while it is pending): so an
 * urgent row goes before the ordinary rows waiting in its chat and for the platform's limit, and rows
 * of one priority keep their order. Raw, like the claim and the record: a pass runs for every few
 * replies, and a compiled query costs about four times as much.
 */
async function pendingRows(db: Db, platform: Platform | undefined, skipped: readonly WaitingChat[]): Promise<PendingRow[]> {
  const skip =
    skipped.length > 0
      ? Prisma.sql`LEFT JOIN "OutboxMessage" h ON h."id" IN (${Prisma.join(skipped.map((chat) => chat.headId))}) AND h."status" = 'pending'
          AND h."platform" = o."platform" AND h."platformChatId" = o."platformChatId"
          AND (o."priority" < h."priority" OR (o."priority" = h."priority" AND o."id" >= h."id"))`
      : Prisma.empty;
  const rows = await sql(db).query<Omit<PendingRow, 'nextAttemptAt' | 'lockedUntil'> & { nextAttemptAt: string | Date; lockedUntil: string | Date | null }>`
    SELECT o."id", o."platform", o."platformChatId", o."subject", o."attempts", o."nextAttemptAt", o."lockedUntil" FROM "OutboxMessage" o ${skip}
    WHERE o."status" = 'pending' ${platform ? Prisma.sql`AND o."platform" = ${platform}` : Prisma.empty} ${skipped.length > 0 ? Prisma.sql`AND h."id" IS NULL` : Prisma.empty}
    ORDER BY o."priority" DESC, o."id" LIMIT ${PENDING_LIMIT}`;
  return rows.map((r) => ({ ...r, nextAttemptAt: rawDate(r.nextAttemptAt), lockedUntil: rawOptionalDate(r.lockedUntil) }));
}

/** What the watchers need of a recorded row. */
type DeliveredRow = { platform: string; platformChatId: string; subject: string | null };

function deliveryResults(outcomes: readonly Outcome[], rows: ReadonlyMap<number, DeliveredRow>): DeliveryResult[] {
  return outcomes.flatMap((outcome): DeliveryResult[] => {
    if ('release' in outcome) return [];
    const row = rows.get(outcome.id)!;
    const base = { outboxId: outcome.id, platform: row.platform as Platform, chatId: row.platformChatId, subject: row.subject, attempts: outcome.attempts };
    if ('platformMessageId' in outcome) return [{ ...base, status: 'sent', platformMessageId: outcome.platformMessageId, gone: false }];
    return [{ ...base, status: outcome.dead ? 'dead' : 'retrying', error: outcome.error, gone: outcome.gone }];
  });
}
