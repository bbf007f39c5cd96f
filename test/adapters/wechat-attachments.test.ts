import { FileBox } from 'file-box';
import { types } from 'wechaty';
import type { mock } from 'wechaty-puppet-mock';
import { afterEach, describe, expect, it } from 'vitest';
import { SendError, type ChatAdapter, type InboundMessage } from '../../src/messaging/types.ts';
import { startWechatWorld, waitFor, type WechatWorld } from '../helpers/wechat.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

let world: WechatWorld | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

async function inbound(w: WechatWorld, messageId: string): Promise<InboundMessage> {
  const row = await waitFor(`inbox event ${messageId}`, () => w.app.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: 'wechat', eventId: messageId } } }));
  return JSON.parse(row.payload) as InboundMessage;
}

/** A message of a given type from `from` in `room`, as the puppet would deliver it. */
function deliver(w: WechatWorld, from: mock.ContactMock, room: mock.RoomMock, payload: { id: string; type: types.Message; filename?: string; text?: string }): string {
  const message = w.mocker.MessageMock.create({ talkerId: from.id, roomId: room.id, timestamp: w.clock.now().getTime(), mentionIdList: [], text: '', ...payload });
  w.mocker.puppet.emit('message', { messageId: message.id });
  return message.id;
}

async function office() {
  const w = await startWechatWorld();
  const bot = w.person('社区助手');
  const zhang = w.person('张三');
  const group = w.room('幸福社区工作群', [bot, zhang]);
  await w.login(bot);
  return { w, bot, zhang, group };
}

describe('WeChat pictures, files and places on the normalized message', () => {
  it('a picture reaches the core by its message id, which is what the puppet fetches the file by', async () => {
    const { w, zhang, group } = await office();
    world = w;
    let photoId = '';
    w.adapter.wechaty.on('message', (message) => {
      if (!message.self() && message.type() === types.Message.Image) photoId = message.id;
    });
    zhang.say(FileBox.fromBase64(PNG.toString('base64'), '楼道.png')).to(group);
    await waitFor('the picture', () => photoId);
    const message = await inbound(w, photoId);
    expect(message).toMatchObject({ text: '', chatKind: 'group', attachments: [{ kind: 'image', ref: photoId }] });

    const file = await (await w.adapter.wechaty.Message.find({ id: message.attachments![0]!.ref }))!.toFileBox();
    expect(file.name).toBe('楼道.png');
    expect((await file.toBuffer()).equals(PNG)).toBe(true);
  });

  it('a file with the name the puppet gives, voice and video', async () => {
    const { w, zhang, group } = await office();
    world = w;
    const file = deliver(w, zhang, group, { id: 'wx-file-1', type: types.Message.Attachment, filename: '三月台账.xlsx' });
    expect((await inbound(w, file)).attachments).toEqual([{ kind: 'file', ref: 'wx-file-1', name: '三月台账.xlsx' }]);
    expect((await inbound(w, deliver(w, zhang, group, { id: 'wx-voice-1', type: types.Message.Audio }))).attachments).toEqual([{ kind: 'audio', ref: 'wx-voice-1' }]);
    expect((await inbound(w, deliver(w, zhang, group, { id: 'wx-video-1', type: types.Message.Video }))).attachments).toEqual([{ kind: 'video', ref: 'wx-video-1' }]);
  });

  it('a shared location with its name and address, as the puppet reads it', async () => {
    const { w, zhang, group } = await office();
    world = w;
    const message = await inbound(w, deliver(w, zhang, group, { id: 'wx-location-1', type: types.Message.Location }));
    // wechaty-puppet-mock answers every location with this place.
    expect(message).toMatchObject({ text: '', location: { latitude: 39.995120999999997, longitude: 116.334154, name: '东升乡人民政府(海淀区成府路45号)', address: '北京市北京市海淀区45 Chengfu Rd' } });
  });

  it('a sticker or a link carries nothing for the core and is not stored', async () => {
    const { w, zhang, group } = await office();
    world = w;
    deliver(w, zhang, group, { id: 'wx-emoticon-1', type: types.Message.Emoticon });
    zhang.say('签到').to(group);
    await w.botSaid(group.id, (text) => text.startsWith('@张三'));
    expect(await w.app.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: 'wechat', eventId: 'wx-emoticon-1' } } })).toBeNull();
  });

  it('a multi-line message keeps its lines after the @mention is removed', async () => {
    const { w, bot, zhang, group } = await office();
    world = w;
    let id = '';
    w.adapter.wechaty.on('message', (message) => {
      if (!message.self() && message.text().includes('周计划')) id = message.id;
    });
    zhang.say('@社区助手\u2005周计划\n1. 走访独居老人\n2. 整理台账', [bot]).to(group);
    await waitFor('the message', () => id);
    expect(await inbound(w, id)).toMatchObject({ text: '周计划\n1. 走访独居老人\n2. 整理台账', mentionsBot: true });
  });
});

describe('WeChat: rooms the bot can no longer write to, and no recall', () => {
  it('a room that is gone is gone once the puppet has loaded its rooms; before that it may still be loading', async () => {
    const { w } = await office();
    world = w;
    await w.app.db.chat.create({ data: { platform: 'wechat', platformChatId: 'left@chatroom', kind: 'group', title: '旧楼栋群' } });
    await w.app.db.chat.create({ data: { platform: 'wechat', platformChatId: 'wxid_deleted_me', kind: 'private' } });

    const early = await w.adapter.send({ chatId: 'left@chatroom', text: '通知' }).catch((e: unknown) => e);
    expect(early).toBeInstanceOf(SendError);
    expect(early).toMatchObject({ gone: false, retryable: true });

    w.mocker.puppet.emit('ready', { data: 'ready' });
    const gone = await waitFor('the puppet to be ready', async () => {
      const error = (await w.adapter.send({ chatId: 'left@chatroom', text: '通知' }).catch((e: unknown) => e)) as SendError;
      return error.gone ? error : null;
    });
    expect(gone).toMatchObject({ retryable: false, message: 'WeChat room left@chatroom not found' });
    expect(await w.adapter.send({ chatId: 'wxid_deleted_me', text: '通知' }).catch((e: unknown) => e)).toMatchObject({ gone: true, retryable: false });
  });

  it('says it cannot recall: WeChat has no recall method', async () => {
    const { w } = await office();
    world = w;
    const adapter: ChatAdapter = w.adapter;
    expect(adapter.recall).toBeUndefined();
  });
});
