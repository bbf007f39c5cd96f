import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import type { OutgoingMessage } from '../../src/messaging/types.ts';
import { startLarkBot, until, type LarkBot } from './lark-bot.ts';

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const isSend = (call: { method: string; path: string }) => call.method === 'POST' && call.path === '/open-apis/im/v1/messages';

async function queue(bot: LarkBot, ...messages: OutgoingMessage[]): Promise<void> {
  await bot.bot.app.db.$transaction((tx) => enqueue(tx, messages.map((message) => ({ platform: 'lark' as const, message })), new Date()));
  bot.bot.app.delivery.kick();
}

async function finished(bot: LarkBot, text: string) {
  return until(`the outbox row "${text}" to finish`, () =>
    bot.bot.app.db.outboxMessage.findFirst({ where: { payload: { contains: text }, status: { in: ['sent', 'dead'] } } }),
  );
}

describe('sending to Lark', () => {
  it('drops a token Lark calls invalid, fetches a new one and retries once', async () => {
    t = await startLarkBot();
    await queue(t, { chatId: 'oc_work', text: '第一条' });
    await t.sent((_m, text) => text === '第一条');
    const tokensBefore = t.lark.tokenRequests();

    t.lark.revokeTokens();
    await queue(t, { chatId: 'oc_work', text: '第二条' });
    await t.sent((_m, text) => text === '第二条');
    expect(t.lark.tokenRequests()).toBe(tokensBefore + 1);
    const row = await finished(t, '第二条');
    expect([row.status, row.attempts]).toEqual(['sent', 1]);
    const sends = t.lark.calls.filter(isSend).slice(-2);
    expect(sends.map((c) => c.token)).toEqual(['t-1', 't-2']);
  });

  it('on 429 waits as long as x-ogw-ratelimit-reset says, then sends once with the same uuid', async () => {
    t = await startLarkBot();
    t.lark.script(isSend, { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '1' } });
    await queue(t, { chatId: 'oc_work', text: '限流之后' });
    await t.sent((_m, text) => text === '限流之后');
    const row = await finished(t, '限流之后');
    expect([row.status, row.attempts]).toEqual(['sent', 2]);
    expect(row.lastError).toContain('429');
    const [refused, accepted] = t.lark.calls.filter(isSend);
    expect(accepted!.at - refused!.at).toBeGreaterThanOrEqual(1_000);
    expect(refused!.body.uuid).toMatch(/^[0-9a-f]{32}$/);
    expect(accepted!.body.uuid).toBe(refused!.body.uuid);
  });

  it('treats HTTP 200 with a non-zero code as a failure (dead-lettered when Lark refuses for good)', async () => {
    t = await startLarkBot();
    t.lark.script(isSend, { status: 200, body: { code: 230002, msg: 'The bot is not in the chat.' } });
    await queue(t, { chatId: 'oc_gone', text: '没人收' });
    const row = await finished(t, '没人收');
    expect(row.status).toBe('dead');
    expect(row.lastError).toContain('230002');
    expect(t.lark.messages).toHaveLength(0);
  });

  it('quotes with the reply API, and sends buttons as a card with the mention inside', async () => {
    t = await startLarkBot();
    await queue(t, { chatId: 'oc_work', text: '原消息' });
    const original = await t.sent((_m, text) => text === '原消息');
    await queue(t, { chatId: 'oc_work', text: '回复你', replyToMessageId: original.messageId, mention: { userId: 'ou_zhangwei', name: '张伟' } });
    const reply = await t.sent((_m, text) => text.endsWith('回复你'));
    expect(reply.replyTo).toBe(original.messageId);
    expect(reply.content.text).toBe('<at user_id="ou_zhangwei">张伟</at> 回复你');

    await queue(t, { chatId: 'oc_work', text: '请审批 *加急*', mention: { userId: 'ou_wangfang', name: '王芳' }, buttons: [{ label: '同意', value: '同意 #3' }, { label: '驳回', value: '驳回 #3' }] });
    const card = await t.sent((m) => m.msgType === 'interactive');
    expect(card.content.elements.slice(0, 2)).toEqual([
      { tag: 'div', text: { tag: 'lark_md', content: '<at id=ou_wangfang></at>' } },
      { tag: 'div', text: { tag: 'plain_text', content: '请审批 *加急*' } },
    ]);
    expect(card.content.elements[2].actions.map((a: any) => a.value)).toEqual([{ command: '同意 #3' }, { command: '驳回 #3' }]);
  });

  it('keeps a chat under 5 messages per second', async () => {
    t = await startLarkBot();
    const burst = Array.from({ length: 12 }, (_, i) => ({ chatId: 'oc_busy', text: `第 ${i + 1} 条` }));
    await queue(t, ...burst);
    await until('all 12 messages', () => t!.lark.messages.filter((m) => m.chatId === 'oc_busy').length === 12, 20_000);
    const times = t.lark.calls.filter(isSend).map((c) => c.at);
    const busiestSecond = Math.max(...times.map((start) => times.filter((x) => x >= start && x < start + 1_000).length));
    expect(busiestSecond).toBeLessThanOrEqual(5);
    expect(t.lark.messages.map((m) => m.content.text)).toEqual(burst.map((m) => m.text));
  });
});
