import { afterEach, describe, expect, it } from 'vitest';
import { SECRET, startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';

let bot: TelegramBot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('Telegram webhook', () => {
  it('sets the webhook with its secret, refuses requests without it, and checks in from a group', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const setWebhook = bot.api.callsOf('setWebhook')[0]!;
    expect(setWebhook.payload).toMatchObject({ url: 'https://bot.example.org/webhooks/telegram', secret_token: SECRET });

    const update = { update_id: bot.api.takeUpdateId(), ...textUpdate(WORK_GROUP, USERS.zhang, '签到') };
    expect(await bot.post(update, null)).toBe(403);
    expect(await bot.post(update, 'wrong-secret-token-000000')).toBe(403);
    expect(await bot.app.app.db.inboxEvent.count()).toBe(0);

    expect(await bot.post(update)).toBe(200);
    // Acknowledged only once stored.
    expect(await bot.app.app.db.inboxEvent.count()).toBe(1);
    const reply = await bot.api.waitForCall('sendMessage');
    expect(reply.payload).toMatchObject({ chat_id: String(WORK_GROUP), text: '@张伟 已签到 07:55（上午）准时' });
    expect(reply.payload.entities).toEqual([{ type: 'text_mention', offset: 0, length: 3, user: { id: USERS.zhang.id, is_bot: false, first_name: '张伟' } }]);
    expect(await bot.app.app.db.checkIn.count()).toBe(1);
  });
});
