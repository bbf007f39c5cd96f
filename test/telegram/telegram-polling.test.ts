import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';
import { until } from '../helpers/until.ts';

let bot: TelegramBot | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await bot?.stop();
  bot = null;
});

const checkInReply = (name: string) => (c: { payload: Record<string, any> }) => c.payload.text === `@${name} 已签到 07:55（上午）准时`;

describe('Telegram long polling', () => {
  it('removes any webhook, takes updates from getUpdates and acknowledges them only after storing', async () => {
    bot = await startTelegramBot({ mode: 'polling' });
    expect(bot.api.callsOf('deleteWebhook')).toHaveLength(1);
    expect(bot.api.callsOf('setWebhook')).toHaveLength(0);
    const update = bot.api.queueUpdate(textUpdate(WORK_GROUP, USERS.zhang, '签到'));
    await bot.api.waitForCall('sendMessage', checkInReply('张伟'));
    expect(await bot.app.app.db.checkIn.count()).toBe(1);
    await until('the acknowledging getUpdates', async () => bot!.api.offsets.includes(update.update_id + 1));
    const event = await bot.app.app.db.inboxEvent.findFirstOrThrow({ where: { platform: 'telegram' } });
    expect(event.eventId).toBe(String(update.update_id));
  });

  it('an update not stored yet holds the later ones back until it is, and polling goes on', async () => {
    bot = await startTelegramBot({ mode: 'polling' });
    const receive = bot.app.app.dispatcher.receive.bind(bot.app.app.dispatcher);
    let refusals = 3;
    const refused = new Set<string>();
    vi.spyOn(bot.app.app.dispatcher, 'receive').mockImplementation(async (message: InboundMessage) => {
      if (refused.has(message.eventId) && refusals-- > 0) throw new Error('database is locked');
      return receive(message);
    });
    const first = bot.api.queueUpdate(textUpdate(WORK_GROUP, USERS.wang, '签到'));
    refused.add(String(first.update_id));
    bot.api.queueUpdate({ message: { message_id: 3, chat: null } });
    bot.api.queueUpdate(textUpdate(WORK_GROUP, USERS.zhang, '签到'));
    await bot.api.waitForCall('sendMessage', checkInReply('张伟'));
    const people = await bot.app.app.db.checkIn.findMany({ include: { person: true }, orderBy: { id: 'asc' } });
    expect(people.map((c) => c.person.name)).toEqual(['王芳', '张伟']);
    expect(vi.mocked(bot.app.app.dispatcher.receive).mock.calls.filter(([m]) => m.eventId === String(first.update_id))).toHaveLength(4);

    const answered = bot.api.callsOf('sendMessage').length;
    bot.api.queueUpdate(textUpdate(WORK_GROUP, USERS.zhang, '签退'));
    await until('an answer to the next update', async () => bot!.api.callsOf('sendMessage').length > answered);
    // The same poller went on: telegraf's loop never ended and was never restarted.
    expect(bot.api.callsOf('deleteWebhook')).toHaveLength(1);
  });

  it('a store that fails once is retried before the update is acknowledged', async () => {
    bot = await startTelegramBot({ mode: 'polling' });
    vi.spyOn(bot.app.app.dispatcher, 'receive').mockRejectedValueOnce(new Error('database is locked'));
    bot.api.queueUpdate(textUpdate(WORK_GROUP, USERS.zhang, '签到'));
    await bot.api.waitForCall('sendMessage', checkInReply('张伟'));
    expect(await bot.app.app.db.checkIn.count()).toBe(1);
  });
});
