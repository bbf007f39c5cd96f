import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { cardActionEvent, messageEvent } from './callbacks.ts';
import { BOT_OPEN_ID } from './fake-lark.ts';
import { expectAccepted, OPEN_IDS, startLarkBot, until, type LarkBot } from './lark-bot.ts';

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const at = (time: string) => new Date(`2026-11-23T${time}+08:00`);

describe('Lark groups and private chats work as the sandbox does', () => {
  it('checks in from a group message without @, and answers with a real @mention', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:55:00+08:00' });
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_work', from: OPEN_IDS.张伟, text: '签到', at: at('07:55:00') })));
    const reply = await t.sent((m) => m.chatId === 'oc_work');
    expect(reply.msgType).toBe('text');
    expect(reply.content.text).toBe(`<at user_id="${OPEN_IDS.张伟}">张伟</at> 已签到 07:55（上午）准时`);
    const rows = await t.bot.app.db.checkIn.findMany({ include: { person: true } });
    expect(rows.map((r) => [r.person.name, r.status, r.platform])).toEqual([['张伟', 'on_time', 'lark']]);
  });

  it('strips the bot @mention (mentionsBot) and keeps other people as @name', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:55:00+08:00' });
    const bot = { key: '@_user_1', openId: BOT_OPEN_ID, name: '社区助手' };
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_new', from: OPEN_IDS.王芳, text: '@_user_1 设为工作群', mentions: [bot], at: at('07:55:00') })));
    await t.sent((_m, text) => text.endsWith('好的，本群已设为幸福社区的工作群。'));
    const chat = await t.bot.app.db.chat.findUniqueOrThrow({ where: { platform_platformChatId: { platform: 'lark', platformChatId: 'oc_new' } } });
    expect(chat.purpose).toBe('work');

    const liu = { key: '@_user_2', openId: OPEN_IDS.刘洋, name: '刘洋' };
    expectAccepted(
      await t.post(messageEvent({ chatId: 'oc_new', from: OPEN_IDS.张伟, text: '@_user_1 签到 @_user_2', mentions: [bot, liu], at: at('07:56:00') })),
    );
    const refusal = await t.sent((_m, text) => text.includes('不得代签'));
    expect(refusal.content.text).toContain('不能替「刘洋」签到');
    expect(await t.bot.app.db.checkIn.count()).toBe(0);
    const inbound = JSON.parse((await t.bot.app.db.inboxEvent.findMany({ orderBy: { id: 'asc' } }))[0]!.payload);
    expect(inbound).toMatchObject({ text: '设为工作群', mentionsBot: true, chatKind: 'group' });
  });

  it('answers in a private chat without a mention', async () => {
    t = await startLarkBot();
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_p2p_zhang', chatType: 'p2p', from: OPEN_IDS.张伟, text: '帮助', at: at('08:00:00') })));
    const reply = await t.sent((m) => m.chatId === 'oc_p2p_zhang');
    expect(reply.content.text).toMatch(/^张伟（社工），你可以使用这些指令：/);
    const chat = await t.bot.app.db.chat.findUniqueOrThrow({ where: { platform_platformChatId: { platform: 'lark', platformChatId: 'oc_p2p_zhang' } } });
    expect(chat.kind).toBe('private');
  });

  it('a reply to a bot message (parent_id) reaches the core as a quote of that outbox row', async () => {
    t = await startLarkBot();
    await t.bot.app.db.$transaction((tx) =>
      enqueue(tx, [{ platform: 'lark', message: { chatId: 'oc_work', text: '请审批：张伟 事假 1 天' }, subject: 'leave:1' }], new Date()),
    );
    t.bot.app.delivery.kick();
    const card = await t.sent((_m, text) => text.startsWith('请审批'));
    // Sent first, recorded after: the row carries the message id Lark gave once recorded.
    const quoted = await until('the card recorded', () =>
      t!.bot.app.db.outboxMessage.findFirst({ where: { platform: 'lark', platformChatId: 'oc_work', platformMessageId: card.messageId } }),
    );
    expect(quoted.subject).toBe('leave:1');
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_work', from: OPEN_IDS.王芳, text: '同意', parentId: card.messageId, at: at('08:01:00') })));
    const event = await until('the stored event', () => t!.bot.app.db.inboxEvent.findFirst({ where: { platform: 'lark' } }));
    expect(JSON.parse(event.payload).replyToMessageId).toBe(card.messageId);
  });

  it('a card button press comes in as command text (签到 records a check-in) and the card can be replaced', async () => {
    t = await startLarkBot({ now: '2026-11-23T07:58:00+08:00' });
    await t.bot.app.db.$transaction((tx) =>
      enqueue(tx, [{ platform: 'lark', message: { chatId: 'oc_work', text: '上午 08:00 签到，请点按钮', buttons: [{ label: '签到', value: '签到' }] }, subject: 'reminder:am' }], new Date()),
    );
    t.bot.app.delivery.kick();
    const card = await t.sent((m) => m.msgType === 'interactive');
    expect(card.content.config.update_multi).toBe(true);
    const button = card.content.elements.find((e: any) => e.tag === 'action').actions[0];
    expect(button.text.content).toBe('签到');

    const press = () => t!.post(cardActionEvent({ messageId: card.messageId, chatId: 'oc_work', from: OPEN_IDS.张伟, value: button.value, at: at('07:58:30') }));
    const answer = await press();
    expectAccepted(answer);
    expect(answer.body).toEqual({});
    const reply = await t.sent((_m, text) => text.includes('已签到'));
    expect(reply.content.text).toBe(`<at user_id="${OPEN_IDS.张伟}">张伟</at> 已签到 07:58（上午）准时`);

    // Pressing again is the same press: no second check-in, no second reply.
    expectAccepted(await press());
    await t.bot.app.delivery.drain();
    expect(await t.bot.app.db.checkIn.count()).toBe(1);
    expect(t.lark.messages.filter((m) => m.content.text?.includes('已签到'))).toHaveLength(1);
    const pressed = JSON.parse((await t.bot.app.db.inboxEvent.findFirstOrThrow({ where: { platform: 'lark' } })).payload);
    expect(pressed).toMatchObject({ text: '签到', isButton: true, replyToMessageId: card.messageId });

    // Showing who decided and when: the core replaces the card (OutgoingMessage.replaceMessageId).
    await t.bot.app.db.$transaction((tx) =>
      enqueue(tx, [{ platform: 'lark', message: { chatId: 'oc_work', text: '王芳 已同意（11-23 08:05）', replaceMessageId: card.messageId } }], new Date()),
    );
    t.bot.app.delivery.kick();
    const update = await until('the card update', () => t!.lark.cardUpdates[0]);
    expect(update.messageId).toBe(card.messageId);
    expect(update.card.elements).toEqual([{ tag: 'div', text: { tag: 'plain_text', content: '王芳 已同意（11-23 08:05）' } }]);
    const row = await until('the replacement row sent', () => t!.bot.app.db.outboxMessage.findFirst({ where: { status: 'sent', payload: { contains: '已同意' } } }));
    expect(row.platformMessageId).toBe(card.messageId);
  });
});
