import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';
import { messageEvent } from '../lark/callbacks.ts';
import { expectAccepted, OPEN_IDS, startLarkBot, type LarkBot } from '../lark/lark-bot.ts';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from '../telegram/telegram-harness.ts';
import { startIncidentOffice } from './office.ts';

const PNG = 'data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==';
const HERE = { latitude: 30.27415, longitude: 120.15515, name: '幸福小区3号楼', address: '幸福路88号' };

describe('photos and locations are part of the case: sandbox', () => {
  let bot: TestApp | null = null;
  afterEach(async () => {
    await bot?.stop();
    bot = null;
  });

  it('a staff report with a photo and a location; a picture replying to the case; a photo alone answering a private report; 到场 with a location says how far', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    const sent = await bot.post('/sandbox/api/messages', { chatId: 'g-work', userId: 'liuyang', text: '上报 楼道冒烟', attachments: [{ kind: 'image', data: PNG, name: 'smoke.png', mime: 'image/png' }], location: HERE });
    expect(sent.status).toBe(200);
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 }, include: { attachments: true } });
    expect([incident.latitude, incident.longitude, incident.locationName, incident.place]).toEqual([30.27415, 120.15515, '幸福小区3号楼', '楼道']);
    expect(incident.attachments.map((a) => [a.kind, a.name, a.mime, a.platform])).toEqual([['image', 'smoke.png', 'image/png', 'sandbox']]);
    expect(incident.attachments[0]!.ref).toMatch(/\/sandbox\/api\/files\//);
    const notice = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #1'));
    expect(notice.text).toContain('位置：幸福小区3号楼（30.27415, 120.15515）');
    expect(notice.text).toContain('照片/附件：1 个');

    // In a group a picture replying to the case is a follow-up; one in passing is not.
    const answer = await bot.botReply('g-work', (m) => m.includes('已登记突发事件 #1'));
    await bot.post('/sandbox/api/messages', { chatId: 'g-work', userId: 'liuyang', attachments: [{ kind: 'image', data: PNG }] });
    await bot.post('/sandbox/api/messages', { chatId: 'g-work', userId: 'liuyang', replyTo: answer.id, attachments: [{ kind: 'image', data: PNG, name: 'later.png' }] });
    // In a private chat the report's question stays open: a picture alone is the next follow-up.
    await bot.say('dm:qiandaye', 'qiandaye', '上报 东门有人晕倒');
    await bot.post('/sandbox/api/messages', { chatId: 'dm:qiandaye', userId: 'qiandaye', attachments: [{ kind: 'image', data: PNG, name: 'dm.png' }] });
    const files = await bot.app.db.incidentAttachment.findMany({ orderBy: { id: 'asc' } });
    expect(files.map((f) => [f.incidentId, f.name])).toEqual([[1, 'smoke.png'], [1, 'later.png'], [2, 'dm.png']]);
    await bot.botReply('g-emergency', (m) => m === '【事件 #1 续报】09:00 刘洋：发来照片/附件 1 个');

    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    await bot.post('/sandbox/api/messages', { chatId: 'g-emergency', userId: 'zhangwei', text: '到场 #1', location: { latitude: 30.2745, longitude: 120.15515 } });
    await bot.botReply('g-emergency', (m) => m.startsWith('@张伟 已记录到场：事件 #1') && m.includes('，距上报位置约 39 米'));
    const update = await bot.app.db.incidentUpdate.findFirstOrThrow({ where: { kind: 'on_site' } });
    expect([update.latitude, update.longitude]).toEqual([30.2745, 120.15515]);
  });
});

describe('photos and locations are part of the case: Telegram and Lark fakes', () => {
  let telegram: TelegramBot | null = null;
  let lark: LarkBot | null = null;
  afterEach(async () => {
    await telegram?.stop();
    await lark?.stop();
    telegram = null;
    lark = null;
  });

  it('Telegram: a photo with the report as its caption, then a location replying to the bot’s answer', async () => {
    telegram = await startTelegramBot({ mode: 'webhook', now: '2026-12-02T09:00:00+08:00' });
    const report = textUpdate(WORK_GROUP, USERS.zhang, '', { messageId: 501, date: new Date('2026-12-02T09:00:00+08:00') });
    delete report.message.text;
    report.message.photo = [
      { file_id: 'AgAC-small', file_unique_id: 's', width: 90, height: 67, file_size: 1_200 },
      { file_id: 'AgAC-large', file_unique_id: 'l', width: 1280, height: 960, file_size: 154_000 },
    ];
    report.message.caption = '上报 3号楼楼道冒烟';
    expect(await telegram.post({ update_id: telegram.api.takeUpdateId(), ...report })).toBe(200);
    const db = telegram.app.app.db;
    const incident = await until('the case', () => db.incident.findFirst({ include: { attachments: true } }));
    expect([incident.platform, incident.type, incident.attachments.map((a) => [a.kind, a.ref, a.size])]).toEqual(['telegram', '火灾', [['image', 'AgAC-large', 154_000]]]);

    await telegram.app.app.delivery.drain();
    const answer = await until('the answer', () => db.outboxMessage.findFirst({ where: { platform: 'telegram', subject: 'incident:1', platformMessageId: { not: null } } }));
    const place = textUpdate(WORK_GROUP, USERS.zhang, '', { date: new Date('2026-12-02T09:03:00+08:00'), replyTo: { message_id: Number(answer.platformMessageId), from: { id: 1, is_bot: true, first_name: 'bot' } } });
    delete place.message.text;
    place.message.location = { latitude: 30.2741, longitude: 120.1551 };
    expect(await telegram.post({ update_id: telegram.api.takeUpdateId(), ...place })).toBe(200);
    const located = await until('the location on the case', () => db.incident.findFirst({ where: { id: 1, latitude: { not: null } } }));
    expect([located.latitude, located.longitude]).toEqual([30.2741, 120.1551]);
    expect((await db.incidentUpdate.findFirstOrThrow({ where: { kind: 'followup' } })).latitude).toBe(30.2741);
  });

  it('Lark: a rich-text post with pictures as the report, then a location message replying to the answer', async () => {
    lark = await startLarkBot({ now: '2026-12-02T09:00:00+08:00' });
    const event = messageEvent({ chatId: 'oc_work', from: OPEN_IDS.张伟, text: '', at: new Date('2026-12-02T09:00:00+08:00') });
    event.event.message.message_type = 'post';
    event.event.message.content = JSON.stringify({ title: '', content: [[{ tag: 'text', text: '上报 幸福路口两车相撞 有人受伤' }], [{ tag: 'img', image_key: 'img_1' }, { tag: 'img', image_key: 'img_2' }]] });
    expectAccepted(await lark.post(event));
    const db = lark.bot.app.db;
    const incident = await until('the case', () => db.incident.findFirst({ include: { attachments: true } }));
    expect([incident.platform, incident.type, incident.level, incident.attachments.map((a) => a.ref)]).toEqual(['lark', '交通事故', '较大', ['img_1', 'img_2']]);

    await lark.bot.app.delivery.drain();
    const answer = await until('the answer', () => db.outboxMessage.findFirst({ where: { platform: 'lark', subject: 'incident:1', platformMessageId: { not: null } } }));
    const place = messageEvent({ chatId: 'oc_work', from: OPEN_IDS.张伟, text: '', at: new Date('2026-12-02T09:02:00+08:00'), parentId: answer.platformMessageId! });
    place.event.message.message_type = 'location';
    place.event.message.content = JSON.stringify({ name: '幸福路口', longitude: '120.155100', latitude: '30.274100' });
    expectAccepted(await lark.post(place));
    const located = await until('the location on the case', () => db.incident.findFirst({ where: { id: 1, latitude: { not: null } } }));
    expect([located.latitude, located.longitude, located.locationName]).toEqual([30.2741, 120.1551, '幸福路口']);
  });
});
