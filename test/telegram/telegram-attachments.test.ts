import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { SendError, type InboundMessage } from '../../src/messaging/types.ts';
import { until } from '../helpers/until.ts';
import { refusal } from './fake-bot-api.ts';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';

let bot: TelegramBot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

/** Posts an update to the webhook and returns what the core received for it. */
async function deliver(t: TelegramBot, message: Record<string, unknown>): Promise<InboundMessage> {
  const updateId = t.api.takeUpdateId();
  const base = textUpdate(WORK_GROUP, USERS.zhang, '').message;
  delete base.text;
  expect(await t.post({ update_id: updateId, message: { ...base, ...message } })).toBe(200);
  const row = await until(`inbox event ${updateId}`, () => t.app.app.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: 'telegram', eventId: String(updateId) } } }));
  return JSON.parse(row.payload) as InboundMessage;
}

const photo = [
  { file_id: 'AgAC-small', file_unique_id: 's', width: 90, height: 67, file_size: 1_200 },
  { file_id: 'AgAC-large', file_unique_id: 'l', width: 1280, height: 960, file_size: 154_000 },
  { file_id: 'AgAC-medium', file_unique_id: 'm', width: 320, height: 240, file_size: 18_000 },
];

describe('Telegram pictures, files and places on the normalized message', () => {
  it('a photo is its largest size by file_id, the caption is the text, and a photo alone still reaches the core', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const captioned = await deliver(bot, {
      photo,
      caption: '@shequ_test_bot 上报 3号楼楼道冒烟\n已疏散',
      caption_entities: [{ type: 'mention', offset: 0, length: 15 }],
    });
    expect(captioned).toMatchObject({ text: '上报 3号楼楼道冒烟\n已疏散', mentionsBot: true });
    expect(captioned.attachments).toEqual([{ kind: 'image', ref: 'AgAC-large', size: 154_000 }]);

    const alone = await deliver(bot, { photo });
    expect(alone.text).toBe('');
    expect(alone.attachments).toEqual([{ kind: 'image', ref: 'AgAC-large', size: 154_000 }]);
  });

  it('documents, voice, audio and video by file_id, with their name and type', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    expect((await deliver(bot, { document: { file_id: 'BQAC-doc', file_unique_id: 'd', file_name: '台账.xlsx', mime_type: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', file_size: 9_000 } })).attachments).toEqual([
      { kind: 'file', ref: 'BQAC-doc', name: '台账.xlsx', mime: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', size: 9_000 },
    ]);
    expect((await deliver(bot, { document: { file_id: 'BQAC-img', file_unique_id: 'i', file_name: 'scan.png', mime_type: 'image/png' } })).attachments).toEqual([{ kind: 'image', ref: 'BQAC-img', name: 'scan.png', mime: 'image/png' }]);
    expect((await deliver(bot, { voice: { file_id: 'AwAC-voice', file_unique_id: 'v', duration: 3 } })).attachments).toEqual([{ kind: 'audio', ref: 'AwAC-voice', mime: 'audio/ogg' }]);
    expect((await deliver(bot, { video: { file_id: 'BAAC-video', file_unique_id: 'x', width: 1, height: 1, duration: 2, mime_type: 'video/mp4' } })).attachments).toEqual([{ kind: 'video', ref: 'BAAC-video', mime: 'video/mp4' }]);
  });

  it('a shared location, and a venue with its name and address', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    expect((await deliver(bot, { location: { latitude: 39.9087, longitude: 116.3975 } })).location).toEqual({ latitude: 39.9087, longitude: 116.3975 });
    const venue = await deliver(bot, {
      location: { latitude: 31.23, longitude: 121.47 },
      venue: { location: { latitude: 31.23, longitude: 121.47 }, title: '幸福社区居委会', address: '幸福路1号' },
    });
    expect(venue).toMatchObject({ text: '', location: { latitude: 31.23, longitude: 121.47, name: '幸福社区居委会', address: '幸福路1号' } });
  });

  it('a sticker carries nothing for the core and is not stored', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const updateId = bot.api.takeUpdateId();
    const base = textUpdate(WORK_GROUP, USERS.zhang, '').message;
    delete base.text;
    expect(await bot.post({ update_id: updateId, message: { ...base, sticker: { file_id: 'CAAC', file_unique_id: 'k', width: 512, height: 512, is_animated: false, is_video: false, type: 'regular' } } })).toBe(200);
    expect(await bot.app.app.db.inboxEvent.count()).toBe(0);
  });

  it('text keeps its lines and is repaired: a lone surrogate and control characters do not stop it', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const message = await deliver(bot, { text: '周计划\r\n1. 走访\u0000\n2. 台账\uD83D', entities: [] });
    expect(message.text).toBe('周计划\n1. 走访\n2. 台账\uFFFD');
  });
});

describe('Telegram: chats the bot can no longer write to, and recall', () => {
  it('"bot was kicked" and "chat not found" are gone: not retried; a bot that is only muted is not gone', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const { adapter, api } = bot;
    for (const description of ['Forbidden: bot was kicked from the group chat', 'Forbidden: bot is not a member of the supergroup chat', 'Forbidden: bot was blocked by the user']) {
      api.refuseNext('sendMessage', refusal(403, description));
      const error = await adapter.send({ chatId: String(WORK_GROUP), text: '通知' }).catch((e: unknown) => e);
      expect(error, description).toBeInstanceOf(SendError);
      expect(error).toMatchObject({ gone: true, retryable: false });
    }
    api.refuseNext('sendMessage', refusal(400, 'Bad Request: chat not found'));
    expect(await adapter.send({ chatId: '-4242', text: '通知' }).catch((e: unknown) => e)).toMatchObject({ gone: true, retryable: false });
    api.refuseNext('sendMessage', refusal(403, 'Forbidden: not enough rights to send text messages to the chat'));
    expect(await adapter.send({ chatId: String(WORK_GROUP), text: '通知' }).catch((e: unknown) => e)).toMatchObject({ gone: false, retryable: false });

    // Through the outbox the row is given up at once, with Telegram's words kept.
    api.refuseNext('sendMessage', refusal(403, 'Forbidden: bot was kicked from the supergroup chat'));
    const { db } = bot.app.app;
    await db.$transaction((tx) => enqueue(tx, [{ platform: 'telegram', message: { chatId: String(WORK_GROUP), text: '居民通知' } }], new Date()));
    bot.app.app.delivery.kick();
    const row = await until('the row given up', () => db.outboxMessage.findFirst({ where: { payload: { contains: '居民通知' }, status: 'dead' } }));
    expect(row).toMatchObject({ attempts: 1, lastError: 'telegram 403: Forbidden: bot was kicked from the supergroup chat' });
  });

  it('recalls a sent message with deleteMessage; one already gone counts as recalled; a too old one is refused', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const { adapter, api } = bot;
    const { platformMessageId } = await adapter.send({ chatId: String(WORK_GROUP), text: '明天停水' });
    await adapter.recall(String(WORK_GROUP), platformMessageId);
    expect(api.callsOf('deleteMessage').map((c) => c.payload)).toEqual([{ chat_id: String(WORK_GROUP), message_id: Number(platformMessageId) }]);

    api.refuseNext('deleteMessage', refusal(400, 'Bad Request: message to delete not found'));
    await expect(adapter.recall(String(WORK_GROUP), platformMessageId)).resolves.toBeUndefined();
    api.refuseNext('deleteMessage', refusal(400, "Bad Request: message can't be deleted for everyone"));
    expect(await adapter.recall(String(WORK_GROUP), platformMessageId).catch((e: unknown) => e)).toMatchObject({ retryable: false, gone: false });
    api.refuseNext('deleteMessage', refusal(403, 'Forbidden: bot was kicked from the group chat'));
    expect(await adapter.recall(String(WORK_GROUP), platformMessageId).catch((e: unknown) => e)).toMatchObject({ gone: true });
  });
});
