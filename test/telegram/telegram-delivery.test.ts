import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { RateLimiter } from '../../src/messaging/rate-limiter.ts';
import { DROP_CONNECTION, refusal } from './fake-bot-api.ts';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';
import { until } from '../helpers/until.ts';

let bot: TelegramBot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function queue(t: TelegramBot, ...messages: { chatId: string; text: string }[]): Promise<void> {
  await t.app.app.db.$transaction((tx) => enqueue(tx, messages.map((message) => ({ platform: 'telegram' as const, message })), new Date()));
  t.app.app.delivery.kick();
}

/** Waits until the outbox row whose text contains `text` has settled (sent or dead), and returns it. */
const settled = (t: TelegramBot, text: string) =>
  until(`"${text}" settled`, () => t.app.app.db.outboxMessage.findFirst({ where: { platform: 'telegram', payload: { contains: text }, status: { in: ['sent', 'dead'] } } }));

const sentTexts = (t: TelegramBot, chatId: string) => t.api.callsOf('sendMessage').filter((c) => c.payload.chat_id === chatId && c.result).map((c) => c.payload.text as string);

describe('Telegram delivery', () => {
  it('a 429 is honoured with its retry_after for that chat while other chats go on', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    bot.api.refuseNext('sendMessage', refusal(429, 'Too Many Requests: retry after 1', { retry_after: 1 }));
    await queue(bot, { chatId: String(WORK_GROUP), text: 'first' }, { chatId: '-2001', text: 'other chat' });
    await until('the retried message', async () => sentTexts(bot!, String(WORK_GROUP)).length === 1);
    const [refused, retried] = bot.api.callsOf('sendMessage').filter((c) => c.payload.text === 'first');
    expect(refused!.result).toBeUndefined();
    expect(retried!.at - refused!.at).toBeGreaterThanOrEqual(1_000);
    const other = bot.api.callsOf('sendMessage').find((c) => c.payload.text === 'other chat')!;
    expect(other.at).toBeLessThan(retried!.at);
    expect(await settled(bot, 'first')).toMatchObject({ status: 'sent', attempts: 2 });
  });

  it('a 500 is retried with backoff and delivered once', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    bot.api.refuseNext('sendMessage', { status: 502, body: 'Bad Gateway' }, refusal(500, 'Internal Server Error'));
    await queue(bot, { chatId: String(WORK_GROUP), text: 'after two failures' });
    await until('the message', async () => sentTexts(bot!, String(WORK_GROUP)).length === 1);
    expect(bot.api.callsOf('sendMessage')).toHaveLength(3);
    expect(await settled(bot, 'after two failures')).toMatchObject({ status: 'sent', attempts: 3 });
  });

  it('a dropped connection is retried', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    bot.api.refuseNext('sendMessage', DROP_CONNECTION);
    await queue(bot, { chatId: String(WORK_GROUP), text: 'through a bad network' });
    const row = await settled(bot, 'through a bad network');
    expect(row).toMatchObject({ status: 'sent', attempts: 2 });
    expect(row.lastError).toMatch(/^telegram unreachable/);
  });

  it('a 400 is dead-lettered at once and later messages to the chat still go', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    bot.api.refuseNext('sendMessage', refusal(400, 'Bad Request: message text is empty'));
    await queue(bot, { chatId: String(WORK_GROUP), text: 'refused' }, { chatId: String(WORK_GROUP), text: 'fine' });
    await until('the next message', async () => sentTexts(bot!, String(WORK_GROUP)).includes('fine'));
    const dead = await settled(bot, 'refused');
    expect(dead).toMatchObject({ status: 'dead', attempts: 1 });
    expect(dead.lastError).toContain('telegram 400: Bad Request: message text is empty');
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(bot.api.callsOf('sendMessage').filter((c) => c.payload.text === 'refused')).toHaveLength(1);
  });

  it('a group upgraded to a supergroup keeps its purpose and its queued messages', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const supergroup = -1009876543210;
    await bot.app.app.delivery.stop();
    await queue(bot, { chatId: String(WORK_GROUP), text: 'queued before the upgrade' });
    const oldChat = { id: WORK_GROUP, type: 'group', title: '幸福社区工作群' };
    expect(await bot.post({ update_id: bot.api.takeUpdateId(), message: { message_id: 9, date: 0, chat: oldChat, from: USERS.wang, migrate_to_chat_id: supergroup } })).toBe(200);
    const newChat = { id: supergroup, type: 'supergroup', title: '幸福社区工作群' };
    expect(await bot.post({ update_id: bot.api.takeUpdateId(), message: { message_id: 1, date: 0, chat: newChat, from: USERS.wang, migrate_from_chat_id: WORK_GROUP } })).toBe(200);

    const chats = await bot.app.app.db.chat.findMany({ where: { platform: 'telegram' } });
    expect(chats.map((c) => [c.platformChatId, c.purpose])).toEqual([[String(supergroup), 'work']]);
    const queued = await bot.app.app.db.outboxMessage.findFirstOrThrow({ where: { platform: 'telegram' } });
    expect(queued.platformChatId).toBe(String(supergroup));
    expect(JSON.parse(queued.payload).chatId).toBe(String(supergroup));

    bot.app.app.delivery.start();
    await until('the queued message in the supergroup', async () => sentTexts(bot!, String(supergroup)).includes('queued before the upgrade'));
    await bot.post({ update_id: bot.api.takeUpdateId(), ...textUpdate(supergroup, USERS.zhang, '签到') });
    await until('the check-in reply', async () => sentTexts(bot!, String(supergroup)).includes('@张伟 已签到 07:55（上午）准时'));
  });

  it('a send refused because the group moved goes to the new supergroup', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const supergroup = -1001234567;
    bot.api.refuseNext('sendMessage', refusal(400, 'Bad Request: group chat was upgraded to a supergroup chat', { migrate_to_chat_id: supergroup }));
    await queue(bot, { chatId: String(WORK_GROUP), text: 'to the group' });
    await until('the message in the supergroup', async () => sentTexts(bot!, String(supergroup)).includes('to the group'));
    const chat = await bot.app.app.db.chat.findFirstOrThrow({ where: { platform: 'telegram' } });
    expect(chat).toMatchObject({ platformChatId: String(supergroup), purpose: 'work' });
  });

  it('a broadcast to many groups stays under 30 messages a second and 1 a second per chat', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const groups = Array.from({ length: 45 }, (_, i) => ({ chatId: String(-3000 - i), text: `通知 ${i}` }));
    const repeated = [1, 2, 3].map((n) => ({ chatId: String(WORK_GROUP), text: `工作群通知 ${n}` }));
    await queue(bot, ...repeated, ...groups);
    await until('every message', async () => bot!.api.callsOf('sendMessage').length === 48, 20_000);
    const times = bot.api.callsOf('sendMessage').map((c) => c.at);
    // Arrival at the fake can lag the worker's own clock on a busy machine, hence the margin.
    const busiestSecond = Math.max(...times.map((start) => times.filter((t) => t >= start && t < start + 800).length));
    expect(busiestSecond).toBeLessThanOrEqual(30);
    const work = bot.api.callsOf('sendMessage').filter((c) => c.payload.chat_id === String(WORK_GROUP));
    expect(work.map((c) => c.payload.text)).toEqual(['工作群通知 1', '工作群通知 2', '工作群通知 3']);
    for (let i = 1; i < work.length; i += 1) expect(work[i]!.at - work[i - 1]!.at).toBeGreaterThanOrEqual(800);
  });

  it('declares at most 20 messages a minute to one group', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const limiter = new RateLimiter(bot.adapter.limits);
    let now = 0;
    for (let n = 0; n < 20; n += 1) {
      now += limiter.waitMs('-100', now);
      limiter.record('-100', now);
    }
    expect(now).toBe(19_000);
    expect(limiter.waitMs('-100', now)).toBe(41_000);
    expect(limiter.waitMs('-200', now)).toBe(0);
  });
});
