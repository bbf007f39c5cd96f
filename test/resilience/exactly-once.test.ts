import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { DeliveryWorker } from '../../src/messaging/delivery.ts';
import { enqueue } from '../../src/messaging/outbox.ts';
import type { ChatAdapter, OutgoingMessage, Platform, SendContext, SendResult } from '../../src/messaging/types.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDb } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';
import { startLarkBot, type LarkBot } from '../lark/lark-bot.ts';

/**
 * What a crash leaves behind after a send went out and before it was recorded: the platform has
 * the message, the row is still pending under a lease that has run out. Here the dead process's
 * send is the same adapter call the worker makes (with the row's id), its lease set to the past.
 */
async function sentThenCrashed(db: Db, adapter: ChatAdapter, rowId: number): Promise<SendResult> {
  const row = await db.outboxMessage.findUniqueOrThrow({ where: { id: rowId } });
  const result = await adapter.send(JSON.parse(row.payload) as OutgoingMessage, { outboxId: row.id });
  await db.outboxMessage.update({ where: { id: row.id }, data: { lockedUntil: new Date(Date.now() - 1) } });
  return result;
}

let app: TestApp | null = null;
let lark: LarkBot | null = null;
afterEach(async () => {
  await app?.stop();
  await lark?.stop();
  app = null;
  lark = null;
});

describe('a reply sent just before a crash goes out once where the platform takes an idempotency key', () => {
  it('the sandbox: sent again under the same outbox row, it is still one message', async () => {
    app = await startTestApp({ demo: true });
    await app.app.delivery.stop();
    const asked = await app.say('dm:wangfang', 'wangfang', '帮助');
    const row = await until('the reply in the outbox', () => app!.app.db.outboxMessage.findFirst({ where: { platformChatId: 'dm:wangfang', status: 'pending' } }));
    const first = await sentThenCrashed(app.app.db, app.app.sandbox!, row.id);

    app.app.delivery.start();
    const sent = await until('the row recorded as sent', () => app!.app.db.outboxMessage.findFirst({ where: { id: row.id, status: 'sent' } }));
    const replies = (await app.messages('dm:wangfang')).filter((m) => m.userId === 'bot');
    process.stdout.write(`exactly once (sandbox): sent before the crash as ${first.platformMessageId}, again after it as ${sent.platformMessageId}; the chat shows ${replies.length} reply\n`);
    expect(sent.platformMessageId).toBe(first.platformMessageId);
    expect(replies).toHaveLength(1);
    expect(replies[0]!.id).toBe(`out-${row.id}`);
    expect(asked).not.toBe(replies[0]!.id);
  });

  it("Lark: the retry carries the same uuid and Lark answers with the message it already has", async () => {
    lark = await startLarkBot();
    const { db, delivery, adapters } = lark.bot.app;
    await delivery.stop();
    await db!.$transaction((tx) => enqueue(tx, [{ platform: 'lark', message: { chatId: 'oc_work', text: '崩溃前发出' } }], new Date()));
    const row = await db.outboxMessage.findFirstOrThrow({ where: { payload: { contains: '崩溃前发出' } } });
    const first = await sentThenCrashed(db, adapters.get('lark')!, row.id);

    delivery.start();
    const sent = await until('the row recorded as sent', () => db.outboxMessage.findFirst({ where: { id: row.id, status: 'sent' } }));
    const sends = lark.lark.calls.filter((c) => c.method === 'POST' && c.path === '/open-apis/im/v1/messages');
    const shown = lark.lark.messages.filter((m) => JSON.stringify(m.content).includes('崩溃前发出'));
    process.stdout.write(`exactly once (Lark): ${sends.length} create calls with uuid ${sends.map((c) => c.body.uuid).join(' = ')}; the chat shows ${shown.length} message\n`);
    expect(sends).toHaveLength(2);
    expect(sends[1]!.body.uuid).toBe(sends[0]!.body.uuid);
    expect(sent.platformMessageId).toBe(first.platformMessageId);
    expect(shown).toHaveLength(1);
  });
});

/** A platform without an idempotency key (Telegram, WeChat): it looks into the outbox at each send. */
class Unkeyed implements ChatAdapter {
  readonly platform: Platform = 'telegram';
  readonly limits = { perChat: [], global: [] };
  readonly unrecordedAtSend: number[] = [];
  constructor(private readonly db: Db) {}
  async start() {}
  async stop() {}
  isReady() {
    return true;
  }
  async send(_message: OutgoingMessage, context?: SendContext): Promise<SendResult> {
    // Rows sent before this one and not yet recorded as sent: what a crash now would send twice.
    this.unrecordedAtSend.push(await this.db.outboxMessage.count({ where: { status: 'pending', id: { lt: context!.outboxId }, platformMessageId: null } }));
    return { platformMessageId: `tg-${context!.outboxId}` };
  }
}

describe('where the platform takes no idempotency key', () => {
  let db: Db | null = null;
  afterEach(async () => {
    await db?.$disconnect();
    db = null;
  });

  it('each send is recorded before the next one goes: a crash can repeat only the send in flight', async () => {
    ({ db } = await freshDb('outbox'));
    const platform = new Unkeyed(db!);
    const worker = new DeliveryWorker(db!, new Map([['telegram', platform]]), createLogger('silent'), { pollMs: 20 });
    await db!.$transaction((tx) => enqueue(tx, Array.from({ length: 20 }, (_, i) => ({ platform: 'telegram' as const, message: { chatId: `c${i % 3}`, text: `消息${i}` } })), new Date()));
    worker.start();
    await until('every row sent', async () => (await db!.outboxMessage.count({ where: { status: 'sent' } })) === 20);
    await worker.stop();
    process.stdout.write(`unkeyed platform: rows sent but unrecorded when the next send started: max ${Math.max(...platform.unrecordedAtSend)} over ${platform.unrecordedAtSend.length} sends\n`);
    expect(platform.unrecordedAtSend).toHaveLength(20);
    expect(Math.max(...platform.unrecordedAtSend)).toBe(0);
  });
});
