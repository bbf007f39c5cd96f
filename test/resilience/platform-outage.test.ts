import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { DeliveryWorker } from '../../src/messaging/delivery.ts';
import { enqueue } from '../../src/messaging/outbox.ts';
import { SendError, type ChatAdapter, type OutgoingMessage, type SendResult } from '../../src/messaging/types.ts';
import { freshDb } from '../helpers/database.ts';

const MINUTE = 60_000;
const OUTAGE_MS = 10 * MINUTE;
const BAD = 'g-bad';
const GOOD = ['g-ok-0', 'g-ok-1', 'g-ok-2'];

/** A platform that answers 500 and 429 (retry after 30 s) for one chat while `failing()`, and takes everything else. */
class OutagePlatform implements ChatAdapter {
  readonly platform = 'telegram' as const;
  readonly limits = { perChat: [], global: [] };
  readonly sent: { chatId: string; text: string; at: number }[] = [];
  refusals = 0;
  constructor(
    private readonly now: () => number,
    private readonly failing: () => boolean,
  ) {}
  async start() {}
  async stop() {}
  isReady() {
    return true;
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    if (message.chatId === BAD && this.failing()) {
      this.refusals++;
      throw this.refusals % 2 === 1 ? new SendError('500 Internal Server Error', true) : new SendError('429 Too Many Requests', true, 30_000);
    }
    this.sent.push({ chatId: message.chatId, text: message.text, at: this.now() });
    return { platformMessageId: `p-${this.sent.length}` };
  }
}

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

describe('a platform answering 5xx and 429 for one chat for ten minutes (injected clock)', () => {
  it('loses nothing, keeps the order in that chat, and the other chats go on as if nothing happened', async () => {
    ({ db } = await freshDb('outage'));
    const start = Date.now();
    let clock = start;
    const now = () => clock;
    const platform = new OutagePlatform(now, () => clock < start + OUTAGE_MS);
    const worker = new DeliveryWorker(db, new Map([['telegram', platform]]), createLogger('silent'), { now, pollMs: 1_000 });
    const queuedAt = new Map<string, number>();
    let sequence = 0;
    const queue = async () => {
      const entries = [BAD, ...GOOD].map((chatId) => ({ platform: 'telegram' as const, message: { chatId, text: `${chatId}#${String(sequence).padStart(4, '0')}` } }));
      sequence++;
      await db!.$transaction((tx) => enqueue(tx, entries, new Date(clock)));
      for (const entry of entries) queuedAt.set(entry.message.text, clock);
    };

    // Two messages per chat every simulated minute during the outage; the worker runs on the injected clock.
    let nextQueue = start;
    let passes = 0;
    for (;;) {
      if (clock >= nextQueue && clock < start + OUTAGE_MS) {
        await queue();
        await queue();
        nextQueue += MINUTE;
      }
      const wait = await worker.pass();
      passes++;
      const pending = await db.outboxMessage.count({ where: { status: 'pending' } });
      if (clock >= start + OUTAGE_MS && pending === 0) break;
      clock += Math.max(wait, 1);
      if (clock > start + 60 * MINUTE) throw new Error('still not delivered an hour after the outage began');
    }

    const total = sequence * (GOOD.length + 1);
    const byChat = (chatId: string) => platform.sent.filter((m) => m.chatId === chatId).map((m) => m.text);
    const goodDelays = platform.sent.filter((m) => m.chatId !== BAD).map((m) => m.at - queuedAt.get(m.text)!);
    const badSent = platform.sent.filter((m) => m.chatId === BAD);
    const caughtUpMs = Math.max(...badSent.map((m) => m.at)) - (start + OUTAGE_MS);
    const rows = await db.outboxMessage.groupBy({ by: ['status'], _count: true });
    process.stdout.write(
      `platform outage (10 min injected, ${passes} passes): ${total} messages, ${platform.sent.length} delivered, ${platform.refusals} refusals (500/429) in ${BAD}; ` +
        `other chats: max delay ${Math.max(...goodDelays)} ms; ${BAD} caught up ${(caughtUpMs / 1000).toFixed(0)} s after the platform recovered; rows ${JSON.stringify(rows.map((r) => [r.status, r._count]))}\n`,
    );
    expect(platform.sent).toHaveLength(total);
    expect(new Set(platform.sent.map((m) => m.text)).size).toBe(total);
    for (const chatId of [BAD, ...GOOD]) {
      const texts = byChat(chatId);
      expect(texts).toEqual([...texts].sort());
      expect(texts).toHaveLength(sequence);
    }
    expect(platform.refusals).toBeGreaterThan(5);
    // Each message to a healthy chat went out in the pass after it was queued.
    expect(Math.max(...goodDelays)).toBeLessThanOrEqual(1_000);
    expect(rows.map((r) => r.status)).toEqual(['sent']);
  }, 60_000);

  it('a refused chat with more messages waiting than a sweep reads does not hold up the other chats', async () => {
    ({ db } = await freshDb('backlog'));
    const start = Date.now();
    let clock = start;
    const now = () => clock;
    const platform = new OutagePlatform(now, () => clock < start + OUTAGE_MS);
    const worker = new DeliveryWorker(db, new Map([['telegram', platform]]), createLogger('silent'), { now, pollMs: 1_000 });
    // A notice's worth for the refused chat, queued first: more rows than one sweep reads (500).
    const backlog = Array.from({ length: 1_200 }, (_, i) => ({ platform: 'telegram' as const, message: { chatId: BAD, text: `${BAD}#${String(i).padStart(4, '0')}` } }));
    await db.$transaction((tx) => enqueue(tx, backlog, new Date(clock)));
    await worker.pass();
    clock += 5_000;
    await db.$transaction((tx) => enqueue(tx, GOOD.map((chatId) => ({ platform: 'telegram' as const, message: { chatId, text: `${chatId} after the backlog` } })), new Date(clock)));
    const queuedAt = clock;
    const others = () => platform.sent.filter((m) => m.chatId !== BAD);
    while (others().length < GOOD.length && clock < start + OUTAGE_MS) clock += Math.max(await worker.pass(), 1);
    const waited = Math.max(...others().map((m) => m.at)) - queuedAt;
    process.stdout.write(`refused chat with ${backlog.length} waiting: the other chats' messages went out ${waited} ms (injected) after they were queued\n`);
    expect(others().map((m) => m.chatId).sort()).toEqual([...GOOD].sort());
    expect(waited).toBeLessThanOrEqual(1_000);
  });
});
