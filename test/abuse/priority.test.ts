import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { createLogger } from '../../src/log.ts';
import { DeliveryWorker } from '../../src/messaging/delivery.ts';
import { enqueue, type OutboxEntry } from '../../src/messaging/outbox.ts';
import { SendError, type AdapterLimits, type ChatAdapter, type OutgoingMessage, type SendResult } from '../../src/messaging/types.ts';
import { freshDb } from '../helpers/database.ts';

/** Telegram's pace (adapters/telegram/adapter.ts): a chat one message a second and twenty a minute, the bot thirty a second. */
const TELEGRAM: AdapterLimits = {
  perChat: [
    { count: 1, perMs: 1_000 },
    { count: 20, perMs: 60_000 },
  ],
  global: [{ count: 30, perMs: 1_000 }],
};

/** A platform that records what it was sent (edits and recalls too), and refuses a chat while told to. */
class RecordingPlatform implements ChatAdapter {
  readonly platform = 'telegram' as const;
  readonly sent: { chatId: string; text: string; at: number }[] = [];
  refusing = new Set<string>();
  constructor(
    readonly limits: AdapterLimits,
    private readonly now: () => number,
  ) {}
  async start() {}
  async stop() {}
  isReady() {
    return true;
  }
  async send(message: OutgoingMessage): Promise<SendResult> {
    if (this.refusing.has(message.chatId)) throw new SendError('500 Internal Server Error', true);
    this.sent.push({ chatId: message.chatId, text: message.replaceMessageId ? `edit ${message.replaceMessageId}: ${message.text}` : message.text, at: this.now() });
    return { platformMessageId: message.replaceMessageId ?? `${message.chatId}/${message.text}` };
  }
  async recall(chatId: string, platformMessageId: string): Promise<void> {
    this.sent.push({ chatId, text: `recall ${platformMessageId}`, at: this.now() });
  }
}

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

/** A worker on an injected clock an hour ahead of the real one (rows are written due at the real time). */
async function setUp(limits: AdapterLimits) {
  ({ db } = await freshDb('priority'));
  let clock = Date.now() + 3_600_000;
  const platform = new RecordingPlatform(limits, () => clock);
  const worker = new DeliveryWorker(db, new Map([['telegram', platform]]), createLogger('silent'), { now: () => clock, pollMs: 1_000 });
  const queue = (...entries: (Omit<OutboxEntry, 'platform'> & { chatId?: string })[]) =>
    db!.$transaction((tx) => enqueue(tx, entries.map(({ chatId: _chatId, ...entry }) => ({ platform: 'telegram' as const, ...entry })), new Date(clock)));
  /** Passes on the injected clock until `done`, at most `limitMs` of it. */
  const run = async (done: () => boolean, limitMs = 10 * 60_000) => {
    const start = clock;
    for (;;) {
      const wait = await worker.pass();
      if (done()) return;
      clock += Math.max(wait, 1);
      if (clock - start > limitMs) throw new Error('not done in time');
    }
  };
  return { platform, queue, run, now: () => clock, advance: (ms: number) => (clock += ms) };
}

const text = (chatId: string, body: string): { message: OutgoingMessage } => ({ message: { chatId, text: body } });

describe('urgent outbox rows (injected clock, Telegram pace)', () => {
  it('an urgent row goes before the ordinary rows already waiting in its chat, and those keep their order', async () => {
    const { platform, queue, run, now } = await setUp(TELEGRAM);
    await queue(...Array.from({ length: 30 }, (_, i) => text('g-work', `normal ${String(i).padStart(2, '0')}`)));
    await run(() => platform.sent.length >= 3);
    const queuedAt = now();
    await queue({ ...text('g-work', 'page: fire in building 5'), urgent: true });
    await run(() => platform.sent.some((m) => m.text.startsWith('page')));
    const waited = platform.sent.find((m) => m.text.startsWith('page'))!.at - queuedAt;
    await run(() => platform.sent.length === 31);
    const texts = platform.sent.map((m) => m.text);
    console.log(`priority: the page went out ${waited} ms (injected) after it was queued, behind ${texts.indexOf('page: fire in building 5')} of 30 ordinary rows`);
    expect(waited).toBeLessThanOrEqual(1_000);
    expect(texts.indexOf('page: fire in building 5')).toBeLessThanOrEqual(4);
    const ordinary = texts.filter((t) => t.startsWith('normal'));
    expect(ordinary).toEqual([...ordinary].sort());
  });

  it('everything to an emergency group is urgent, and goes before other chats waiting for the bot-wide limit', async () => {
    const { platform, queue, run, now } = await setUp(TELEGRAM);
    await db!.chat.create({ data: { platform: 'telegram', platformChatId: 'g-emergency', kind: 'group', purpose: 'emergency' } });
    // Two hundred chats, each with a reply waiting: the bot-wide thirty a second holds them for seven seconds.
    await queue(...Array.from({ length: 200 }, (_, i) => text(`dm:${i}`, `reply ${i}`)));
    const queuedAt = now();
    await queue(text('g-emergency', 'notice #1'));
    await run(() => platform.sent.some((m) => m.chatId === 'g-emergency'));
    expect(platform.sent.find((m) => m.chatId === 'g-emergency')!.at).toBe(queuedAt);
    expect(platform.sent.findIndex((m) => m.chatId === 'g-emergency')).toBe(0);
    expect((await db!.outboxMessage.findFirstOrThrow({ where: { platformChatId: 'g-emergency' } })).priority).toBe(1);
  });

  it('an edit or a recall keeps its place after its message and earlier edits, whatever is urgent around it', async () => {
    const { platform, queue, run, advance } = await setUp({ perChat: [{ count: 1, perMs: 1_000 }], global: [] });
    await queue(text('g-work', 'leave note #1'));
    await queue({ ...text('dm:duty', 'notice #7'), urgent: true });
    await run(() => platform.sent.length === 2);
    const [note, notice] = ['g-work/leave note #1', 'dm:duty/notice #7'];
    advance(5_000);
    // In the work group: an ordinary row, the note's first edit, an urgent row, the note's second edit.
    await queue(text('g-work', 'ordinary'));
    await queue({ message: { chatId: 'g-work', text: 'approved', replaceMessageId: note } });
    await queue({ ...text('g-work', 'urgent'), urgent: true });
    await queue({ message: { chatId: 'g-work', text: 'approved, filed', replaceMessageId: note } });
    await queue({ message: { chatId: 'g-work', text: '', recallMessageId: note } });
    // In the page's chat: ordinary rows wait while the page is edited twice; the edits take the page's priority.
    await queue(text('dm:duty', 'reminder'));
    await queue({ message: { chatId: 'dm:duty', text: 'taken by 张伟', replaceMessageId: notice } });
    await queue({ message: { chatId: 'dm:duty', text: 'closed', replaceMessageId: notice } });
    await run(() => platform.sent.length === 10);
    const inChat = (chatId: string) => platform.sent.filter((m) => m.chatId === chatId).map((m) => m.text);
    expect(inChat('g-work')).toEqual(['leave note #1', 'urgent', 'ordinary', `edit ${note}: approved`, `edit ${note}: approved, filed`, `recall ${note}`]);
    expect(inChat('dm:duty')).toEqual(['notice #7', `edit ${notice}: taken by 张伟`, `edit ${notice}: closed`, 'reminder']);
  });

  it('an urgent row that fails holds the ordinary rows of its chat behind it; an ordinary row that fails does not hold an urgent one', async () => {
    const { platform, queue, run } = await setUp({ perChat: [], global: [] });
    platform.refusing.add('g-work');
    await queue({ ...text('g-work', 'urgent first'), urgent: true });
    await queue(text('g-work', 'ordinary after'));
    await run(() => false, 30_000).catch(() => undefined);
    expect(platform.sent).toEqual([]);
    platform.refusing.clear();
    await run(() => platform.sent.length === 2);
    expect(platform.sent.map((m) => m.text)).toEqual(['urgent first', 'ordinary after']);

    platform.refusing.add('dm:a');
    await queue(text('dm:a', 'ordinary failing'));
    await run(() => false, 3_000).catch(() => undefined);
    await queue({ ...text('dm:a', 'urgent later'), urgent: true });
    platform.refusing.clear();
    await run(() => platform.sent.length === 4);
    expect(platform.sent.slice(2).map((m) => m.text)).toEqual(['urgent later', 'ordinary failing']);
  });
});
