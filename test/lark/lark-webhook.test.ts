import { afterEach, describe, expect, it } from 'vitest';
import { encrypt, messageEvent, postCallback, postRaw, sign, VERIFICATION_TOKEN } from './callbacks.ts';
import { expectAccepted, OPEN_IDS, startLarkBot, until, type LarkBot } from './lark-bot.ts';

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const at = (time: string) => new Date(`2026-11-23T${time}+08:00`);
const checkIn = (eventId?: string) => messageEvent({ ...(eventId ? { eventId } : {}), chatId: 'oc_work', from: OPEN_IDS.张伟, text: '签到', at: at('07:55:00') });

async function settled(bot: LarkBot): Promise<void> {
  await bot.bot.app.delivery.drain();
}

describe('the Lark callback endpoint', () => {
  it('answers the URL challenge, encrypted or not, only with the right verification token', async () => {
    t = await startLarkBot();
    const challenge = { challenge: 'c-123', token: VERIFICATION_TOKEN, type: 'url_verification' };
    const encrypted = await postCallback(t.webhook, challenge, { unsigned: true });
    expect(encrypted.status).toBe(200);
    expect(encrypted.body).toEqual({ challenge: 'c-123' });
    const plain = await postCallback(t.webhook, challenge, { unsigned: true, encrypted: false });
    expect(plain.body).toEqual({ challenge: 'c-123' });
    const wrong = await postCallback(t.webhook, { ...challenge, token: 'guess' }, { unsigned: true });
    expect(wrong.status).toBe(401);
  });

  it('refuses wrongly signed, unsigned, stale, replayed and undecryptable callbacks with a 4xx and no effect', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:55:00+08:00' });
    expect((await t.post(checkIn(), { signature: 'a'.repeat(64) })).status).toBe(401);
    expect((await t.post(checkIn(), { unsigned: true })).status).toBe(401);
    const tenMinutesAgo = String(Math.floor(Date.now() / 1000) - 600);
    expect((await t.post(checkIn(), { timestamp: tenMinutesAgo })).status).toBe(401);
    // Signed with another key.
    const raw = JSON.stringify({ encrypt: encrypt(JSON.stringify(checkIn())) });
    const ts = String(Math.floor(Date.now() / 1000));
    expect((await postRaw(t.webhook, { 'content-type': 'application/json', 'x-lark-request-timestamp': ts, 'x-lark-request-nonce': 'n1', 'x-lark-signature': sign(ts, 'n1', raw, 'other-key') }, raw)).status).toBe(401);
    // Encrypted with another key: cannot be read.
    const foreign = JSON.stringify({ encrypt: encrypt(JSON.stringify(checkIn()), 'other-key') });
    expect((await t.post({}, { raw: foreign })).status).toBe(400);
    expect((await t.post({}, { raw: 'not json' })).status).toBe(400);

    const first = await t.post(checkIn());
    expectAccepted(first);
    // The very same request again (same nonce, same signature) is a replay.
    const replay = await postRaw(t.webhook, first.request.headers, first.request.raw);
    expect(replay.status).toBe(401);

    await settled(t);
    expect(await t.bot.app.db.inboxEvent.count({ where: { platform: 'lark' } })).toBe(1);
    expect(await t.bot.app.db.checkIn.count()).toBe(1);
  });

  it('checks the signature over the raw bytes, not re-serialized JSON', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:55:00+08:00' });
    const raw = JSON.stringify(checkIn(), null, 2);
    expectAccepted(await t.post({}, { raw }));
    await t.sent((_m, text) => text.includes('已签到'));
  });

  it('an event re-pushed with the same event_id, even hours later, has no second effect', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:55:00+08:00' });
    const event = checkIn('ev-repushed-1');
    expectAccepted(await t.post(event));
    await t.sent((_m, text) => text.includes('已签到'));
    // Lark re-pushes as a new request: fresh timestamp and nonce, same event.
    t.bot.clock.set(new Date('2026-11-23T13:55:00+08:00'), { frozen: true });
    expectAccepted(await t.post(event));
    await settled(t);
    expect(await t.bot.app.db.checkIn.count()).toBe(1);
    expect(t.lark.messages.filter((m) => m.content.text?.includes('已签到'))).toHaveLength(1);
  });

  it('answers 200 to events it does not handle and to messages with nothing for the core (a sticker), storing nothing', async () => {
    t = await startLarkBot();
    const other = { schema: '2.0', header: { event_id: 'ev-x', token: VERIFICATION_TOKEN, event_type: 'im.chat.member.bot.added_v1', create_time: String(Date.now()) }, event: {} };
    expectAccepted(await t.post(other));
    const sticker = checkIn();
    sticker.event.message.message_type = 'sticker';
    sticker.event.message.content = JSON.stringify({ file_key: 'file_sticker_1' });
    expectAccepted(await t.post(sticker));
    expect(await t.bot.app.db.inboxEvent.count()).toBe(0);
  });
});

describe('answering Lark within 3 seconds', () => {
  const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

  it('acknowledges once the event is stored even when handling takes longer, and fails when it is not stored', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:55:00+08:00' });
    const adapter = t.bot.app.adapters.get('lark')!;
    const dispatcher = t.bot.app.dispatcher;
    let mode: 'slow-after-store' | 'slow-before-store' = 'slow-after-store';
    await adapter.start(async (message) => {
      if (mode === 'slow-before-store') await sleep(4_000);
      const result = await dispatcher.receive(message);
      if (mode === 'slow-after-store') await sleep(4_000);
      return result;
    });

    expectAccepted(await t.post(checkIn('ev-slow-1')));
    expect(await t.bot.app.db.inboxEvent.count({ where: { eventId: 'ev-slow-1' } })).toBe(1);

    mode = 'slow-before-store';
    const refused = await t.post(checkIn('ev-slow-2'));
    expect(refused.status).toBe(500);
    // Lark re-pushes; by then the first delivery has stored it, and the re-push is a duplicate.
    await until('the late event to be stored', () => t!.bot.app.db.inboxEvent.findFirst({ where: { eventId: 'ev-slow-2' } }));
    mode = 'slow-after-store';
    expectAccepted(await t.post(checkIn('ev-slow-2')));
    expect(await t.bot.app.db.inboxEvent.count({ where: { eventId: 'ev-slow-2' } })).toBe(1);
  });
});
