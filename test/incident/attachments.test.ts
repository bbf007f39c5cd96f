import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/messaging/types.ts';
import type { TestApp } from '../helpers/app.ts';
import { startIncidentOffice } from './office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

let seq = 0;
/** A message as an adapter hands it over (the normalized message with its pictures and location). */
function inbound(chatId: string, senderId: string, text: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  seq += 1;
  return {
    platform: 'sandbox',
    eventId: `att-${seq}`,
    messageId: `att-${seq}`,
    chatId,
    chatKind: chatId.startsWith('dm:') ? 'private' : 'group',
    senderId,
    text,
    mentionsBot: false,
    sentAt: bot!.clock.now(),
    ...extra,
  };
}

const PHOTO = { kind: 'image' as const, ref: 'https://example.invalid/smoke.jpg', name: 'smoke.jpg', mime: 'image/jpeg', size: 48_213 };
const HERE = { latitude: 30.27415, longitude: 120.15515, name: '幸福小区3号楼', address: '幸福路88号' };

describe('photos and locations are part of the case', () => {
  it('a staff report with a photo and a location; a photo alone answering the report; 到场 with a location says how far', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    await bot.app.dispatcher.receive(inbound('g-work', 'liuyang', '上报 楼道冒烟', { attachments: [PHOTO], location: HERE }));
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 }, include: { attachments: true } });
    expect([incident.latitude, incident.longitude, incident.locationName, incident.place]).toEqual([30.27415, 120.15515, '幸福小区3号楼', '楼道']);
    expect(incident.attachments.map((a) => [a.kind, a.ref, a.name, a.mime, a.size])).toEqual([['image', PHOTO.ref, 'smoke.jpg', 'image/jpeg', 48_213]]);
    const notice = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #1'));
    expect(notice.text).toContain('位置：幸福小区3号楼（30.27415, 120.15515）');
    expect(notice.text).toContain('照片/附件：1 个');

    // In a private chat the report's question stays open: a picture alone is the next follow-up.
    await bot.app.dispatcher.receive(inbound('dm:qiandaye', 'qiandaye', '上报 东门有人晕倒'));
    await bot.app.dispatcher.receive(inbound('dm:qiandaye', 'qiandaye', '', { attachments: [{ kind: 'image', ref: 'file-2' }] }));
    // In a group, a picture replying to the case message is a follow-up; one in passing is not.
    const answer = await bot.botReply('g-work', (m) => m.includes('已登记突发事件 #1'));
    await bot.app.dispatcher.receive(inbound('g-work', 'liuyang', '', { attachments: [{ kind: 'image', ref: 'file-3' }] }));
    await bot.app.dispatcher.receive(inbound('g-work', 'liuyang', '', { attachments: [{ kind: 'video', ref: 'file-4' }], replyToMessageId: answer.id }));
    const files = await bot.app.db.incidentAttachment.findMany({ orderBy: { id: 'asc' } });
    expect(files.map((f) => [f.incidentId, f.ref])).toEqual([[1, PHOTO.ref], [2, 'file-2'], [1, 'file-4']]);

    await bot.app.dispatcher.receive(inbound('g-emergency', 'zhangwei', '受理 #1'));
    await bot.app.dispatcher.receive(inbound('g-emergency', 'zhangwei', '到场 #1', { location: { latitude: 30.2745, longitude: 120.15515 } }));
    await bot.botReply('g-work', (m) => m === '@刘洋 工作人员张伟已到达现场（09:00）。');
    const update = await bot.app.db.incidentUpdate.findFirstOrThrow({ where: { kind: 'on_site' } });
    expect([update.latitude, update.longitude]).toEqual([30.2745, 120.15515]);
    await bot.botReply('g-emergency', (m) => m.startsWith('@张伟 已记录到场：事件 #1') && m.includes('，距上报位置约 39 米'));
  });
});
