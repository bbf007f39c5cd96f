import { afterEach, describe, expect, it } from 'vitest';
import type { LarkAdapter } from '../../adapters/lark/adapter.ts';
import { SendError, type InboundMessage } from '../../src/messaging/types.ts';
import { messageEvent } from './callbacks.ts';
import { BOT_OPEN_ID } from './fake-lark.ts';
import { expectAccepted, OPEN_IDS, startLarkBot, until, type LarkBot } from './lark-bot.ts';

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const BOT = { key: '@_user_1', openId: BOT_OPEN_ID, name: '社区助手' };

/** Pushes a message of any type, as Lark does, and returns what the core received. */
async function deliver(bot: LarkBot, messageType: string, content: object, extra: { mentions?: (typeof BOT)[] } = {}): Promise<InboundMessage> {
  const event = messageEvent({ chatId: 'oc_work', from: OPEN_IDS.张伟, text: '', at: new Date('2026-11-23T10:00:00+08:00'), ...extra });
  event.event.message.message_type = messageType;
  event.event.message.content = JSON.stringify(content);
  expectAccepted(await bot.post(event));
  const row = await until('the stored event', () => bot.bot.app.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: 'lark', eventId: event.header.event_id } } }));
  return JSON.parse(row.payload) as InboundMessage;
}

describe('Lark pictures, files and places on the normalized message', () => {
  it('image, file, voice and video messages carry their keys; a picture alone reaches the core', async () => {
    t = await startLarkBot();
    expect(await deliver(t, 'image', { image_key: 'img_v3_0abc' })).toMatchObject({ text: '', attachments: [{ kind: 'image', ref: 'img_v3_0abc' }] });
    expect((await deliver(t, 'file', { file_key: 'file_v3_0def', file_name: '台账.xlsx' })).attachments).toEqual([{ kind: 'file', ref: 'file_v3_0def', name: '台账.xlsx' }]);
    expect((await deliver(t, 'audio', { file_key: 'file_v3_voice', duration: 2000 })).attachments).toEqual([{ kind: 'audio', ref: 'file_v3_voice' }]);
    expect((await deliver(t, 'media', { file_key: 'file_v3_video', image_key: 'img_cover', file_name: '现场.mp4', duration: 5000 })).attachments).toEqual([
      { kind: 'video', ref: 'file_v3_video', name: '现场.mp4' },
    ]);
  });

  it('a location message, whose coordinates Lark sends as strings', async () => {
    t = await startLarkBot();
    expect(await deliver(t, 'location', { name: '幸福社区3号楼', longitude: '116.397755', latitude: '39.916345' })).toMatchObject({
      text: '',
      location: { latitude: 39.916345, longitude: 116.397755, name: '幸福社区3号楼' },
    });
  });

  it('a rich-text post: title and paragraphs as lines, its pictures and videos as attachments, the bot’s @ removed', async () => {
    t = await startLarkBot();
    const post = {
      title: '上报',
      content: [
        [{ tag: 'at', user_id: '@_user_1' }, { tag: 'text', text: ' 3号楼楼道冒烟' }],
        [{ tag: 'img', image_key: 'img_1' }],
        [{ tag: 'text', text: '已疏散10人' }, { tag: 'img', image_key: 'img_2' }],
        [{ tag: 'media', file_key: 'file_video', image_key: 'img_cover' }],
      ],
    };
    const message = await deliver(t, 'post', post, { mentions: [BOT] });
    expect(message).toMatchObject({ text: '上报\n3号楼楼道冒烟\n\n已疏散10人', mentionsBot: true });
    expect(message.attachments).toEqual([
      { kind: 'image', ref: 'img_1' },
      { kind: 'image', ref: 'img_2' },
      { kind: 'video', ref: 'file_video' },
    ]);
  });

  it('text keeps its lines and is repaired', async () => {
    t = await startLarkBot();
    const message = await deliver(t, 'text', { text: '@_user_1 周计划\n1. 走访\u0000\n2. 台账\uDE00' }, { mentions: [BOT] });
    expect(message).toMatchObject({ text: '周计划\n1. 走访\n2. 台账\uFFFD', mentionsBot: true });
  });
});

describe('Lark: chats the bot can no longer write to, and recall', () => {
  const lark = (bot: LarkBot) => bot.bot.app.adapters.get('lark') as LarkAdapter;

  it('a bot outside the group (230002), a dissolved group (232009) and a person who stopped the bot (230053) are gone; a muted group is not', async () => {
    t = await startLarkBot();
    const adapter = lark(t);
    for (const [code, msg] of [
      [230002, 'The bot can not be outside the group.'],
      [232009, 'Your request specifies a chat which has already been dissolved.'],
      [230053, 'The user has stopped the bot from sending messages.'],
    ] as const) {
      t.lark.script((call) => call.method === 'POST' && call.path === '/open-apis/im/v1/messages', { status: 400, body: { code, msg } });
      const error = await adapter.send({ chatId: 'oc_gone', text: '通知' }).catch((e: unknown) => e);
      expect(error, String(code)).toBeInstanceOf(SendError);
      expect(error).toMatchObject({ gone: true, retryable: false });
    }
    t.lark.script((call) => call.method === 'POST', { status: 400, body: { code: 230035, msg: 'Send Message Permission deny.' } });
    expect(await adapter.send({ chatId: 'oc_muted', text: '通知' }).catch((e: unknown) => e)).toMatchObject({ gone: false, retryable: false });
  });

  it('recalls a sent message (DELETE); one already recalled counts as recalled; one past the recall window is refused', async () => {
    t = await startLarkBot();
    const adapter = lark(t);
    const { platformMessageId } = await adapter.send({ chatId: 'oc_work', text: '明天停水' });
    await adapter.recall('oc_work', platformMessageId);
    expect(t.lark.recalled).toEqual([platformMessageId]);
    await expect(adapter.recall('oc_work', platformMessageId)).resolves.toBeUndefined();

    t.lark.script((call) => call.method === 'DELETE', { status: 400, body: { code: 230009, msg: 'Message has expired when recall message.' } });
    expect(await adapter.recall('oc_work', platformMessageId).catch((e: unknown) => e)).toMatchObject({ retryable: false, gone: false });
    t.lark.script((call) => call.method === 'DELETE', { status: 400, body: { code: 230002, msg: 'The bot can not be outside the group.' } });
    expect(await adapter.recall('oc_work', platformMessageId).catch((e: unknown) => e)).toMatchObject({ gone: true });
  });
});
