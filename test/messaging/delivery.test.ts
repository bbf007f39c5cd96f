import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { outboxSignal } from '../../src/db/outbox-signal.ts';
import { createLogger } from '../../src/log.ts';
import { DeliveryWorker, type DeliveryOptions } from '../../src/messaging/delivery.ts';
import { enqueue } from '../../src/messaging/outbox.ts';
import { SendError, type AdapterLimits, type ChatAdapter, type OutgoingMessage, type SendResult } from '../../src/messaging/types.ts';
import { freshDb, freshPostgresUrl } from '../helpers/database.ts';

/** A platform whose answers the test scripts: each send takes the next outcome, then succeeds. */
class ScriptedPlatform implements ChatAdapter {
  readonly platform = 'sandbox' as const;
  readonly sent: { message: OutgoingMessage; at: number }[] = [];
  readonly attempts: OutgoingMessage[] = [];
  ready = true;
  constructor(
    readonly limits: AdapterLimits = { perChat: [], global: [] },
    private readonly outcomes: (SendError | null)[] = [],
  ) {}
  async start() {}
  async stop() {}
  isReady() {
    return this.ready;
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    const at = Date.now();
    this.attempts.push(message);
    const outcome = this.outcomes.shift();
    if (outcome) throw outcome;
    this.sent.push({ message, at });
    return { platformMessageId: `p-${this.sent.length}` };
  }
}

let db: Db;
let worker: DeliveryWorker | null = null;
const log = createLogger('silent');

beforeEach(async () => {
  db = (await freshDb('outbox')).db;
});
afterEach(async () => {
  await worker?.stop();
  worker = null;
  await db.$disconnect();
});

async function queue(...messages: [chatId: string, text: string][]) {
  await db.$transaction((tx) => enqueue(tx, messages.map(([chatId, text]) => ({ platform: 'sandbox', message: { chatId, text } })), new Date()));
}

async function until(check: () => Promise<boolean> | boolean, what: string) {
  const deadline = Date.now() + 10_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe('delivery worker', () => {
  it('retries a failed send with backoff and records the platform message id', async () => {
    const platform = new ScriptedPlatform(undefined, [new SendError('502 bad gateway', true), new SendError('timeout', true)]);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { baseBackoffMs: 40, pollMs: 20 });
    await queue(['c1', 'hello']);
    worker.start();
    await until(() => platform.sent.length === 1, 'the third attempt');
    expect(platform.attempts).toHaveLength(3);
    await until(async () => (await db.outboxMessage.findFirstOrThrow()).status === 'sent', 'the row marked sent');
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'sent', attempts: 3, platformMessageId: 'p-1' });
  });

  it('honours a retry-after longer than its own backoff', async () => {
    const platform = new ScriptedPlatform(undefined, [new SendError('429', true, 400)]);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { baseBackoffMs: 10, pollMs: 10 });
    await queue(['c1', 'hello']);
    const queuedAt = Date.now();
    worker.start();
    await until(() => platform.sent.length === 1, 'the retry');
    expect(platform.sent[0]!.at - queuedAt).toBeGreaterThanOrEqual(400);
  });

  it('dead-letters a permanent failure at once and goes on with the next chat', async () => {
    const platform = new ScriptedPlatform(undefined, [new SendError('403 bot was kicked', false)]);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { pollMs: 10 });
    await queue(['gone', 'first'], ['c2', 'second']);
    worker.start();
    await until(() => platform.sent.length === 1, 'the second chat');
    // Sent first, recorded after: wait for the record.
    const recorded = async () => (await db.outboxMessage.count({ where: { status: 'pending' } })) === 0;
    await until(recorded, 'both rows recorded');
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.status, r.attempts, r.lastError])).toEqual([
      ['dead', 1, '403 bot was kicked'],
      ['sent', 1, null],
    ]);
  });

  it('gives up after maxAttempts', async () => {
    const failures = Array.from({ length: 5 }, () => new SendError('500', true));
    const platform = new ScriptedPlatform(undefined, failures);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { maxAttempts: 3, baseBackoffMs: 5, pollMs: 5 });
    await queue(['c1', 'hello']);
    worker.start();
    await until(async () => (await db.outboxMessage.findFirstOrThrow()).status === 'dead', 'dead letter');
    expect(platform.attempts).toHaveLength(3);
  });

  it('keeps the order within a chat while an earlier message waits for its retry', async () => {
    const platform = new ScriptedPlatform(undefined, [new SendError('500', true)]);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { baseBackoffMs: 50, pollMs: 10 });
    await queue(['c1', 'one'], ['c1', 'two'], ['c2', 'other']);
    worker.start();
    await until(() => platform.sent.length === 3, 'all sends');
    expect(platform.sent.map((s) => s.message.text)).toEqual(['other', 'one', 'two']);
  });

  it('keeps each chat under its rate limit', async () => {
    const platform = new ScriptedPlatform({ perChat: [{ count: 2, perMs: 300 }], global: [] });
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { pollMs: 10 });
    await queue(['c1', '1'], ['c1', '2'], ['c1', '3'], ['c1', '4'], ['c1', '5']);
    worker.start();
    await until(() => platform.sent.length === 5, 'all sends');
    const times = platform.sent.map((s) => s.at);
    for (let i = 2; i < times.length; i++) expect(times[i]! - times[i - 2]!).toBeGreaterThanOrEqual(300);
  });

  it('a chat held by its rate limit with more rows than a sweep reads does not hold up another chat', async () => {
    const platform = new ScriptedPlatform({ perChat: [{ count: 1, perMs: 2_000 }], global: [] });
    await queue(...Array.from({ length: 600 }, (_, i) => ['busy', `b${i}`] as [string, string]), ['quiet', 'q0']);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { pollMs: 10 });
    const started = Date.now();
    worker.start();
    await until(() => platform.sent.some((s) => s.message.chatId === 'quiet'), "the other chat's message");
    expect(platform.sent.find((s) => s.message.chatId === 'quiet')!.at - started).toBeLessThan(1_500);
    expect(platform.sent.filter((s) => s.message.chatId === 'busy').map((s) => s.message.text)).toEqual(['b0']);
  });

  it("a waiting chat's next message goes at once when its first one is cancelled meanwhile (a recalled notice)", async () => {
    const platform = new ScriptedPlatform(undefined, [new SendError('429', true, 60_000)]);
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { pollMs: 10 });
    await queue(['c1', 'recalled'], ['c1', 'next']);
    worker.start();
    await until(() => platform.attempts.length === 1, 'the refused first send');
    await until(async () => (await db.outboxMessage.count({ where: { attempts: 1 } })) === 1, 'the refusal recorded');
    await db.outboxMessage.updateMany({ where: { payload: { contains: 'recalled' } }, data: { status: 'cancelled' } });
    worker.kick();
    await until(() => platform.sent.length === 1, 'the next message');
    expect(platform.sent[0]!.message.text).toBe('next');
  });

  it('holds messages while the platform is not ready, and sends them when it is', async () => {
    const platform = new ScriptedPlatform();
    platform.ready = false;
    worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), log, { pollMs: 10 });
    await queue(['c1', 'held']);
    worker.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(platform.attempts).toHaveLength(0);
    expect(await db.outboxMessage.findFirstOrThrow()).toMatchObject({ status: 'pending', attempts: 0 });
    platform.ready = true;
    await until(() => platform.sent.length === 1, 'the held message');
  });

  it('two workers on one database send each message once', async () => {
    const a = new ScriptedPlatform();
    const b = new ScriptedPlatform();
    const first = new DeliveryWorker(db, new Map([['sandbox', a]]), log, { pollMs: 5 });
    const second = new DeliveryWorker(db, new Map([['sandbox', b]]), log, { pollMs: 5 });
    await queue(...Array.from({ length: 30 }, (_, i) => [`c${i % 5}`, `m${i}`] as [string, string]));
    first.start();
    second.start();
    await until(() => a.sent.length + b.sent.length >= 30, 'all sends');
    await new Promise((resolve) => setTimeout(resolve, 100));
    await first.stop();
    await second.stop();
    const texts = [...a.sent, ...b.sent].map((s) => s.message.text).sort();
    expect(texts).toEqual(Array.from({ length: 30 }, (_, i) => `m${i}`).sort());
  });
});

/**
 * Several instances on one database: one of them sends each platform's outbox (the sender lease), so
 * the platform's limits hold across them, and another takes over when it stops, dies or cannot send.
 */
describe('delivery from several instances', () => {
  const workers: DeliveryWorker[] = [];
  const extraDbs: Db[] = [];
  afterEach(async () => {
    for (const w of workers.splice(0)) await w.stop();
    for (const d of extraDbs.splice(0)) await d.$disconnect();
  });
  const start = (platform: ScriptedPlatform, options: DeliveryOptions = {}, on: Db = db) => {
    const w = new DeliveryWorker(on, new Map([['sandbox', platform]]), log, { pollMs: 10, ...options });
    workers.push(w);
    w.start();
    return w;
  };

  it("keeps a chat under its rate limit across two instances: one of them sends", async () => {
    const limits = { perChat: [{ count: 2, perMs: 300 }], global: [] };
    const a = new ScriptedPlatform(limits);
    const b = new ScriptedPlatform(limits);
    await queue(...Array.from({ length: 6 }, (_, i) => ['c1', `m${i}`] as [string, string]));
    start(a);
    start(b);
    await until(() => a.sent.length + b.sent.length === 6, 'all sends');
    expect(Math.min(a.sent.length, b.sent.length)).toBe(0);
    const sent = [...a.sent, ...b.sent];
    expect(sent.map((s) => s.message.text)).toEqual(['m0', 'm1', 'm2', 'm3', 'm4', 'm5']);
    for (let i = 2; i < sent.length; i++) expect(sent[i]!.at - sent[i - 2]!.at).toBeGreaterThanOrEqual(300);
  });

  it('takes over from a sender that died once its lease has run out, not before', async () => {
    const until_ = Date.now() + 700;
    await db.senderLease.create({ data: { platform: 'sandbox', holder: 'a-dead-instance', until: new Date(until_) } });
    const platform = new ScriptedPlatform();
    await queue(['c1', 'waited']);
    start(platform);
    await until(() => platform.sent.length === 1, 'the send');
    expect(platform.sent[0]!.at).toBeGreaterThanOrEqual(until_);
    expect(platform.sent[0]!.at).toBeLessThan(until_ + 500);
  });

  it('hands over at once when the sender stops, or when its platform is not ready there', async () => {
    const a = new ScriptedPlatform();
    const b = new ScriptedPlatform();
    const first = start(a, { leaseMs: 30_000 });
    await queue(['c1', 'one']);
    first.kick();
    await until(() => a.sent.length === 1, 'the first send');
    const second = start(b, { leaseMs: 30_000 });
    // WeChat logged out on the instance that sent: the other one sends, without waiting out the lease.
    a.ready = false;
    await queue(['c1', 'two']);
    second.kick();
    await until(() => b.sent.length === 1, 'the send after the platform went away');
    await second.stop();
    a.ready = true;
    await queue(['c1', 'three']);
    first.kick();
    await until(() => a.sent.length === 2, 'the send after the sender stopped');
    expect([...a.sent, ...b.sent].map((s) => s.message.text).sort()).toEqual(['one', 'three', 'two']);
  });

  it("a new sender counts its predecessor's sends still inside the chat's window (a hand-over, a restart)", async () => {
    const limits = { perChat: [{ count: 2, perMs: 800 }], global: [] };
    const a = new ScriptedPlatform(limits);
    const b = new ScriptedPlatform(limits);
    const first = start(a, { leaseMs: 30_000 });
    await queue(['c1', 'm0'], ['c1', 'm1']);
    first.kick();
    await until(() => a.sent.length === 2, "the first sender's two");
    await until(async () => (await db.outboxMessage.count({ where: { status: 'sent' } })) === 2, 'the two recorded');
    await first.stop();
    await queue(['c1', 'm2'], ['c2', 'elsewhere']);
    start(b, { leaseMs: 30_000 });
    await until(() => b.sent.length === 2, "the second sender's two");
    const [elsewhere, m2] = [b.sent.find((s) => s.message.text === 'elsewhere')!, b.sent.find((s) => s.message.text === 'm2')!];
    // c1 had its two sends of the window from the first sender; another chat goes at once.
    expect(m2.at - a.sent[0]!.at).toBeGreaterThanOrEqual(800);
    expect(elsewhere.at).toBeLessThan(m2.at);
  });

  it('on PostgreSQL, tells the sender at once of a reply committed on another instance', async () => {
    const url = await freshPostgresUrl();
    const [one, two] = [createDb(url), createDb(url)];
    extraDbs.push(one, two);
    const signals = [outboxSignal(url, log)!, outboxSignal(url, log)!];
    try {
      const a = new ScriptedPlatform();
      const b = new ScriptedPlatform();
      // Polls an hour apart: only the signal can bring the sender to the row in time.
      await start(a, { pollMs: 3_600_000, leaseMs: 60_000, signal: signals[0] }, one).drain();
      const other = start(b, { pollMs: 3_600_000, leaseMs: 60_000, signal: signals[1] }, two);
      await other.drain();
      expect(await one.senderLease.count()).toBe(1);
      await two.$transaction((tx) => enqueue(tx, [{ platform: 'sandbox', message: { chatId: 'c1', text: 'from the other instance' } }], new Date()));
      const committed = Date.now();
      other.kick();
      await until(() => a.sent.length === 1, 'the sender to send it');
      expect(a.sent[0]!.at - committed).toBeLessThan(2_000);
      expect(b.sent).toHaveLength(0);
    } finally {
      for (const signal of signals) await signal.close();
    }
  });
});
