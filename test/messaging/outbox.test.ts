import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { Outbox, type OutboxEntry } from '../../src/messaging/outbox.ts';
import { runJob } from '../../src/scheduler/scheduler.ts';
import { freshDb } from '../helpers/database.ts';

let db: Db;
beforeEach(async () => {
  db = (await freshDb('outbox-api')).db;
});
afterEach(async () => {
  await db.$disconnect();
});

const entry = (chatId: string, text: string, subject?: string): OutboxEntry => ({ platform: 'sandbox', message: { chatId, text }, ...(subject ? { subject } : {}) });

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
