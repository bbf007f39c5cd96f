import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { MAX_FILE_BYTES } from '../../adapters/sandbox/routes.ts';
import { MAX_INBOUND_TEXT } from '../../src/messaging/inbound-text.ts';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { SendError } from '../../src/messaging/types.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');
const dataUrl = (mime: string, bytes: Buffer) => `data:${mime};base64,${bytes.toString('base64')}`;

let bot: TestApp;

beforeAll(async () => {
  bot = await startTestApp({ demo: true, now: '2026-11-23T07:57:00+08:00' });
});
afterAll(async () => {
  await bot?.stop();
});

/** What the core received for a sandbox message id. */
async function inbound(id: string): Promise<InboundMessage> {
  const row = await bot.app.db.inboxEvent.findUniqueOrThrow({ where: { platform_eventId: { platform: 'sandbox', eventId: id } } });
  return JSON.parse(row.payload) as InboundMessage;
}

describe('the sandbox API with pictures, files and places', () => {
  it('keeps a picture sent as a data URL, serves it back, and hands the core a message with only the picture', async () => {
    const { status, body } = await bot.post('/sandbox/api/messages', {
      chatId: 'g-work',
      userId: 'zhangwei',
      attachments: [{ kind: 'image', data: dataUrl('image/png', PNG), name: '楼道.png' }],
    });
    expect(status).toBe(200);
    const [shown] = (await bot.messages('g-work')).filter((m) => m.id === body.id) as any[];
    expect(shown.attachments).toEqual([{ kind: 'image', name: '楼道.png', mime: 'image/png', size: PNG.length, url: `/sandbox/api/files/${body.id}/0` }]);

    const file = await fetch(`${bot.url}${shown.attachments[0].url}`);
    expect(file.status).toBe(200);
    expect(file.headers.get('content-type')).toBe('image/png');
    expect(Buffer.from(await file.arrayBuffer()).equals(PNG)).toBe(true);

    const message = await inbound(body.id);
    expect(message.text).toBe('');
    expect(message.attachments).toEqual([{ kind: 'image', ref: `/sandbox/api/files/${body.id}/0`, name: '楼道.png', mime: 'image/png', size: PNG.length }]);
    expect((await bot.get(`/sandbox/api/files/${body.id}/1`)).status).toBe(404);
  });

  it('serves any other file as a download, never as a page', async () => {
    const html = Buffer.from('<script>alert(1)</script>');
    const { body } = await bot.post('/sandbox/api/messages', { chatId: 'g-work', userId: 'zhangwei', text: '见附件', attachments: [{ kind: 'file', data: dataUrl('text/html', html) }] });
    const file = await fetch(`${bot.url}/sandbox/api/files/${body.id}/0`);
    expect(file.headers.get('content-type')).toBe('application/octet-stream');
    expect(file.headers.get('content-disposition')).toMatch(/^attachment/);
    expect(file.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('takes a file at a URL and a shared place, with text as a caption', async () => {
    const { status, body } = await bot.post('/sandbox/api/messages', {
      chatId: 'g-work',
      userId: 'zhangwei',
      text: '3号楼楼道冒烟',
      attachments: [{ kind: 'video', url: 'https://example.org/v.mp4', mime: 'video/mp4' }],
      location: { latitude: 39.9087, longitude: 116.3975, name: '幸福社区3号楼', address: '幸福路3号' },
    });
    expect(status).toBe(200);
    const message = await inbound(body.id);
    expect(message.text).toBe('3号楼楼道冒烟');
    expect(message.attachments).toEqual([{ kind: 'video', ref: 'https://example.org/v.mp4', mime: 'video/mp4' }]);
    expect(message.location).toEqual({ latitude: 39.9087, longitude: 116.3975, name: '幸福社区3号楼', address: '幸福路3号' });
    const [shown] = (await bot.messages('g-work')).filter((m) => m.id === body.id) as any[];
    expect(shown.location).toEqual(message.location);
  });

  it('a location alone reaches the core', async () => {
    const { status, body } = await bot.post('/sandbox/api/messages', { chatId: 'dm:liuyang', userId: 'liuyang', location: { latitude: 31.2, longitude: 121.5 } });
    expect(status).toBe(200);
    expect(await inbound(body.id)).toMatchObject({ text: '', location: { latitude: 31.2, longitude: 121.5 } });
  });

  it('refuses with 400 what it cannot keep, and says why', async () => {
    const cases: [unknown, RegExp][] = [
      [{ chatId: 'g-work', userId: 'zhangwei', attachments: [{ kind: 'image', data: dataUrl('image/png', Buffer.alloc(MAX_FILE_BYTES + 1)) }] }, /more than the sandbox keeps/],
      [{ chatId: 'g-work', userId: 'zhangwei', attachments: [{ kind: 'image', data: 'not a data url' }] }, /base64 data URL/],
      [{ chatId: 'g-work', userId: 'zhangwei', attachments: [{ kind: 'image' }] }, /either url or data/],
      [{ chatId: 'g-work', userId: 'zhangwei', attachments: [{ kind: 'sticker', url: 'https://example.org/a.png' }] }, /kind/],
      [{ chatId: 'g-work', userId: 'zhangwei', location: { latitude: 91, longitude: 0 } }, /latitude/],
      [{ chatId: 'g-work', userId: 'zhangwei', text: ' \u0000\r\n ' }, /empty/],
      [{ chatId: 'g-\uD800', userId: 'zhangwei', text: '签到' }, /chatId: must be valid Unicode/],
      [{ chatId: 'g-work', userId: 'zhang\u0000wei', text: '签到' }, /userId: must be valid Unicode/],
    ];
    for (const [request, reason] of cases) {
      const { status, body } = await bot.post('/sandbox/api/messages', request);
      expect(status, JSON.stringify(request).slice(0, 100)).toBe(400);
      expect(body.error).toMatch(reason);
    }
  });
});

describe('the sandbox API with any text', () => {
  it('a lone surrogate is repaired and answered, not a 500', async () => {
    const { status, body } = await bot.post('/sandbox/api/messages', { chatId: 'dm:visitor', userId: 'visitor', text: '你好\uD83D' });
    expect(status).toBe(200);
    expect((await inbound(body.id)).text).toBe('你好\uFFFD');
    const answer = await bot.botReply('dm:visitor', () => true, body.id);
    expect(answer.text.length).toBeGreaterThan(0);
  });

  it('keeps the lines of a multi-line message', async () => {
    const { body } = await bot.post('/sandbox/api/messages', { chatId: 'g-work', userId: 'zhangwei', text: '@社区助手 周计划\r\n1. 走访独居老人\r\n2. 整理台账' });
    expect(await inbound(body.id)).toMatchObject({ text: '周计划\n1. 走访独居老人\n2. 整理台账', mentionsBot: true });
  });

  it('takes a 20,000-character text and cuts one past the limit', async () => {
    const long = '社'.repeat(20_000);
    const taken = await bot.post('/sandbox/api/messages', { chatId: 'dm:visitor', userId: 'visitor', text: long });
    expect(taken.status).toBe(200);
    expect((await inbound(taken.body.id)).text).toBe(long);
    const tooLong = await bot.post('/sandbox/api/messages', { chatId: 'dm:visitor', userId: 'visitor', text: 'x'.repeat(MAX_INBOUND_TEXT + 10_000) });
    expect(tooLong.status).toBe(200);
    expect((await inbound(tooLong.body.id)).text).toHaveLength(MAX_INBOUND_TEXT);
  });
});

describe('recall in the sandbox', () => {
  it('takes back a bot message, which then shows as recalled; a person’s message is refused; an unknown id is already gone', async () => {
    const sent = await bot.app.sandbox!.send({ chatId: 'g-residents', text: '明天9:00-12:00 3栋停水', buttons: [{ label: '收到', value: '收到' }] });
    await bot.app.sandbox!.recall('g-residents', sent.platformMessageId);
    await bot.app.sandbox!.recall('g-residents', sent.platformMessageId);
    const [shown] = (await bot.messages('g-residents')).filter((m) => m.id === sent.platformMessageId) as any[];
    expect(shown).toMatchObject({ recalled: true, text: '' });
    expect(shown.buttons).toBeUndefined();

    const own = await bot.say('g-residents', 'qiandaye', '收到');
    const refused = await bot.app.sandbox!.recall('g-residents', own).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(SendError);
    expect(refused).toMatchObject({ retryable: false, gone: false });
    await expect(bot.app.sandbox!.recall('g-residents', 'm-never-sent')).resolves.toBeUndefined();
  });
});

describe('message ids given by the caller, messages arriving together', () => {
  it('keeps each of messages posted together once, a redelivered id is the same message, and another person’s id is refused', async () => {
    const texts = Array.from({ length: 12 }, (_, i) => `第${i}条`);
    const posted = await Promise.all([
      ...texts.map((text, i) => bot.post('/sandbox/api/messages', { chatId: 'g-residents', userId: 'qiandaye', text, id: `together-${i}` })),
      bot.post('/sandbox/api/messages', { chatId: 'g-residents', userId: 'qiandaye', text: '第0条', id: 'together-0' }),
    ]);
    expect(posted.map((p) => p.status)).toEqual(Array(13).fill(200));
    expect(posted.at(-1)!.body.id).toBe('together-0');
    const shown = (await bot.messages('g-residents')).filter((m) => m.id.startsWith('together-'));
    // Posted on several connections at once, they may arrive in any order.
    expect(shown.map((m) => m.text).sort()).toEqual([...texts].sort());
    const again = await bot.post('/sandbox/api/messages', { chatId: 'g-residents', userId: 'qiandaye', text: '第0条', id: 'together-0' });
    expect(again).toMatchObject({ status: 200, body: { id: 'together-0' } });
    expect((await bot.messages('g-residents')).filter((m) => m.id === 'together-0')).toHaveLength(1);

    const taken = await bot.post('/sandbox/api/messages', { chatId: 'g-residents', userId: 'zhangwei', text: '收到', id: 'together-1' });
    expect(taken.status).toBe(400);
    expect(taken.body.error).toMatch(/id together-1 is already another message/);
  });
});
