import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { DeliveryWorker } from '../../src/messaging/delivery.ts';
import { cancelPending, Outbox, pendingAbout, retargetChat, rewritePending, type OutboxEntry } from '../../src/messaging/outbox.ts';
import type { AdapterLimits, ChatAdapter, OutgoingMessage, SendResult } from '../../src/messaging/types.ts';
import { runJob } from '../../src/scheduler/scheduler.ts';
import { freshDb } from '../helpers/database.ts';

/** A platform whose send waits until the test lets it answer: a row stays claimed, in flight, meanwhile. */
class HeldPlatform implements ChatAdapter {
  readonly platform = 'sandbox' as const;
  readonly limits: AdapterLimits = { perChat: [], global: [] };
  readonly sent: OutgoingMessage[] = [];
  private release: () => void = () => undefined;
  private readonly released = new Promise<void>((resolve) => (this.release = resolve));
  started = false;
  async start() {}
  async stop() {}
  isReady() {
    return true;
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    this.started = true;
    await this.released;
    this.sent.push(message);
    return { platformMessageId: `p-${this.sent.length}` };
  }
  answer(): void {
    this.release();
  }
}

let db: Db;
beforeEach(async () => {
  db = (await freshDb('outbox-api')).db;
});
afterEach(async () => {
  await db.$disconnect();
});

const entry = (chatId: string, text: string, subject?: string): OutboxEntry => ({ platform: 'sandbox', message: { chatId, text }, ...(subject ? { subject } : {}) });

async function queueOne(message: OutboxEntry): Promise<number> {
  let id = 0;
  await db.$transaction(async (tx) => {
    const out = new Outbox();
    out.addFollowed(message, async (written) => (id = written));
    await out.write(tx, new Date());
  });
  return id;
}

async function until(check: () => boolean): Promise<void> {
  while (!check()) await new Promise((resolve) => setTimeout(resolve, 5));
}

describe('the outbox of a transaction', () => {
  it('writes what was added, in order, once; a ledger that follows a row gets its id in the same transaction', async () => {
    const at = new Date('2026-11-23T08:00:00+08:00');
    const followed: number[] = [];
    const out = new Outbox();
    await db.$transaction(async (tx) => {
      out.add(entry('g-work', '一'), entry('g-work', '二'));
      out.addFollowed(entry('g-residents', '通知', 'notice:1'), async (id) => {
        followed.push(id);
        // Inside the writing transaction: the row is there to be linked to.
        expect(await tx.outboxMessage.findUnique({ where: { id }, select: { subject: true } })).toEqual({ subject: 'notice:1' });
      });
      out.add(entry('g-work', '三'));
      await out.write(tx, at);
    });
    const rows = await db.outboxMessage.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.platformChatId, JSON.parse(r.payload).text, r.createdAt.toISOString()])).toEqual([
      ['g-work', '一', at.toISOString()],
      ['g-work', '二', at.toISOString()],
      ['g-residents', '通知', at.toISOString()],
      ['g-work', '三', at.toISOString()],
    ]);
    expect(followed).toEqual([rows[2]!.id]);
    // Added after the write, a message would be lost: it is refused, and nothing is written twice.
    expect(() => out.add(entry('g-work', '四'))).toThrow(/written already/);
    await expect(db.$transaction((tx) => out.write(tx, at))).rejects.toThrow(/written already/);
    expect(await db.outboxMessage.count()).toBe(4);
  });

  it('is written by the scheduler after the job, in the job’s transaction, at the minute it was due', async () => {
    const dueAt = new Date('2026-11-23T07:50:00+08:00');
    let late: Outbox | null = null;
    const job = {
      name: 'reminder',
      cron: '* * * * *',
      async run({ out }: { out: Outbox }) {
        out.add(entry('g-work', '上午签到开始了'));
        late = out;
      },
    };
    await db.$transaction((tx) => runJob(tx, job, dueAt));
    expect((await db.outboxMessage.findMany()).map((r) => [JSON.parse(r.payload).text, r.createdAt.toISOString()])).toEqual([['上午签到开始了', dueAt.toISOString()]]);
    expect(() => late!.add(entry('g-work', '迟到的消息'))).toThrow(/written already/);

    // A job that fails writes nothing.
    const failing = { ...job, async run({ out }: { out: Outbox }) {
      out.add(entry('g-work', '不该发出'));
      throw new Error('job failed');
    } };
    await expect(db.$transaction((tx) => runJob(tx, failing, dueAt))).rejects.toThrow('job failed');
    expect(await db.outboxMessage.count()).toBe(1);
  });
});

describe('unsent messages, changed by the outbox module only', () => {
  it('are taken back or rewritten before a sender claims them, never while one is sending them, nor once sent', async () => {
    const queued = await queueOne(entry('g-b3', '停水通知', 'notice:1'));
    const progress = await queueOne(entry('dm:wang', '已发送 0/2 群', 'notice-progress:1'));
    expect(await pendingAbout(db, 'notice-progress:1')).toEqual({ id: progress, sending: false });
    expect(await db.$transaction((tx) => rewritePending(tx, progress, { chatId: 'dm:wang', text: '结果：2/2 群' }, 'notice-result:1'))).toBe(true);
    expect(await db.$transaction((tx) => cancelPending(tx, queued))).toBe(true);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: queued } })).toMatchObject({ status: 'cancelled' });
    expect(await pendingAbout(db, 'notice-progress:1')).toBeNull();
    const rewritten = await db.outboxMessage.findUniqueOrThrow({ where: { id: progress } });
    expect([rewritten.subject, JSON.parse(rewritten.payload)]).toEqual(['notice-result:1', { chatId: 'dm:wang', text: '结果：2/2 群' }]);

    // In flight: the sender holds the row while the platform has not answered.
    const platform = new HeldPlatform();
    const worker = new DeliveryWorker(db, new Map([['sandbox', platform]]), createLogger('silent'), { pollMs: 60_000 });
    const sending = await queueOne(entry('g-b5', '停水通知', 'notice:2'));
    const pass = worker.pass();
    await until(() => platform.started);
    expect(await pendingAbout(db, 'notice:2')).toEqual({ id: sending, sending: true });
    expect(await db.$transaction((tx) => cancelPending(tx, sending))).toBe(false);
    expect(await db.$transaction((tx) => rewritePending(tx, sending, { chatId: 'g-b5', text: '改了' }, 'notice:2'))).toBe(false);
    platform.answer();
    await pass;
    // The rewritten progress message goes out as the result; the row being sent went out as it was.
    expect(platform.sent.map((m) => m.text)).toEqual(['结果：2/2 群', '停水通知']);
    expect(await db.$transaction((tx) => cancelPending(tx, sending))).toBe(false);
    expect(await db.outboxMessage.findUniqueOrThrow({ where: { id: sending } })).toMatchObject({ status: 'sent' });
  });

  it('follow their chat to its new id; sent ones only when asked', async () => {
    const sent = await queueOne(entry('old', '已发出'));
    await db.outboxMessage.update({ where: { id: sent }, data: { status: 'sent', platformMessageId: 'm1' } });
    const waiting = await queueOne(entry('old', '还在排队'));
    await db.$transaction((tx) => retargetChat(tx, 'sandbox', 'old', 'new', { sent: false }));
    const rows = async () => (await db.outboxMessage.findMany({ orderBy: { id: 'asc' } })).map((r) => [r.id, r.platformChatId, JSON.parse(r.payload).chatId]);
    expect(await rows()).toEqual([
      [sent, 'old', 'old'],
      [waiting, 'new', 'new'],
    ]);
    await db.$transaction((tx) => retargetChat(tx, 'sandbox', 'old', 'new', { sent: true }));
    expect((await rows())[0]).toEqual([sent, 'new', 'old']);
  });
});
