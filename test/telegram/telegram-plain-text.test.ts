import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';

let bot: TelegramBot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const MARKUP = '<b>急</b> *x* _y_ `z` [链接](https://evil.example) &lt;';

describe('Telegram gets plain text: no parse_mode, so nobody’s words become markup', () => {
  it('a person’s words echoed to a group, and an edit of that message, arrive exactly as given', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    expect(await bot.post({ update_id: bot.api.takeUpdateId(), ...textUpdate(USERS.zhang.id, USERS.zhang, `咨询 ${MARKUP}`) })).toBe(200);
    const post = await bot.api.waitForCall('sendMessage', (c) => c.payload.chat_id === String(WORK_GROUP) && String(c.payload.text).startsWith('【居民提问 #1】'));
    expect(post.payload.text.split('\n')[2]).toBe(MARKUP);

    await bot.app.app.db.$transaction((tx) =>
      enqueue(tx, [{ platform: 'telegram', message: { chatId: String(WORK_GROUP), text: `已答复：${MARKUP}`, replaceMessageId: String(post.result.message_id) } }], new Date()),
    );
    bot.app.app.delivery.kick();
    const edit = await bot.api.waitForCall('editMessageText');
    expect(edit.payload.text).toBe(`已答复：${MARKUP}`);

    const sends = bot.api.calls.filter((c) => ['sendMessage', 'editMessageText'].includes(c.method));
    expect(sends.length).toBeGreaterThanOrEqual(3);
    for (const call of sends) expect(Object.keys(call.payload)).not.toContain('parse_mode');
  });
});
