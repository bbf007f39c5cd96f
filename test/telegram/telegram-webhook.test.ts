import { afterEach, describe, expect, it, vi } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { buttonUpdate, SECRET, startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';
import { until } from '../helpers/until.ts';

let bot: TelegramBot | null = null;
afterEach(async () => {
  vi.restoreAllMocks();
  await bot?.stop();
  bot = null;
});

async function inbound(t: TelegramBot, eventId: number): Promise<InboundMessage> {
  const row = await until(`inbox event ${eventId}`, () => t.app.app.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: 'telegram', eventId: String(eventId) } } }));
  return JSON.parse(row.payload) as InboundMessage;
}

/** Sends a bot message through the outbox, as a command would, and returns the message_id Telegram gave it. */
async function botMessage(t: TelegramBot, message: Parameters<typeof enqueue>[1][number]['message'], subject?: string): Promise<number> {
  const { db } = t.app.app;
  await db.$transaction((tx) => enqueue(tx, [{ platform: 'telegram', message, ...(subject ? { subject } : {}) }], new Date()));
  const { id } = await db.outboxMessage.findFirstOrThrow({ where: { platform: 'telegram' }, orderBy: { id: 'desc' } });
  t.app.app.delivery.kick();
  const sent = await until('the bot message sent', () => db.outboxMessage.findFirst({ where: { id, status: 'sent' } }));
  return Number(sent.platformMessageId);
}

describe('Telegram webhook: in', () => {
  it('sets the webhook with its secret, refuses requests without it, and checks in from a group', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const setWebhook = bot.api.callsOf('setWebhook')[0]!;
    expect(setWebhook.payload).toMatchObject({ url: 'https://bot.example.org/webhooks/telegram', secret_token: SECRET, allowed_updates: ['message', 'callback_query'] });

    const update = { update_id: bot.api.takeUpdateId(), ...textUpdate(WORK_GROUP, USERS.zhang, '签到') };
    expect(await bot.post(update, null)).toBe(403);
    expect(await bot.post(update, 'wrong-secret-token-000000')).toBe(403);
    expect(await bot.app.app.db.inboxEvent.count()).toBe(0);

    expect(await bot.post(update)).toBe(200);
    // Acknowledged only once stored.
    expect(await bot.app.app.db.inboxEvent.count()).toBe(1);
    const reply = await bot.api.waitForCall('sendMessage');
    expect(reply.payload).toMatchObject({ chat_id: String(WORK_GROUP), text: '@张伟 已签到 07:55（上午）准时' });
    expect(reply.payload.entities).toEqual([{ type: 'text_mention', offset: 0, length: 3, user: { id: USERS.zhang.id, is_bot: false, first_name: '张伟' } }]);
    expect(await bot.app.app.db.checkIn.count()).toBe(1);
  });

  it('a duplicated update has no second effect', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const update = { update_id: bot.api.takeUpdateId(), ...textUpdate(WORK_GROUP, USERS.zhang, '签到') };
    expect(await bot.post(update)).toBe(200);
    expect(await bot.post(update)).toBe(200);
    await bot.api.waitForCall('sendMessage');
    await bot.app.app.delivery.drain();
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(bot.api.callsOf('sendMessage')).toHaveLength(1);
    expect(await bot.app.app.db.checkIn.count()).toBe(1);
    expect(await bot.app.app.db.inboxEvent.count()).toBe(1);
  });

  it('answers 500 when the update cannot be stored, so Telegram delivers it again', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    vi.spyOn(bot.app.app.dispatcher, 'receive').mockRejectedValueOnce(new Error('database is locked'));
    const update = { update_id: bot.api.takeUpdateId(), ...textUpdate(WORK_GROUP, USERS.zhang, '签到') };
    expect(await bot.post(update)).toBe(500);
    expect(await bot.app.app.db.inboxEvent.count()).toBe(0);
    expect(await bot.post(update)).toBe(200);
    await bot.api.waitForCall('sendMessage', (c) => c.payload.text === '@张伟 已签到 07:55（上午）准时');
    expect(await bot.app.app.db.checkIn.count()).toBe(1);
  });

  it('understands /checkin@botname, an @mention of the bot, private chats, and ignores commands for other bots', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const slash = bot.api.takeUpdateId();
    await bot.post({ update_id: slash, ...textUpdate(WORK_GROUP, USERS.zhang, '/checkin@shequ_test_bot', { entities: [{ type: 'bot_command', offset: 0, length: 23 }] }) });
    await bot.api.waitForCall('sendMessage', (c) => c.payload.text === '@张伟 已签到 07:55（上午）准时');

    const other = bot.api.takeUpdateId();
    await bot.post({ update_id: other, ...textUpdate(WORK_GROUP, USERS.wang, '/checkin@other_bot') });
    expect(await bot.app.app.db.inboxEvent.findMany({ where: { eventId: String(other) } })).toHaveLength(0);

    const mention = bot.api.takeUpdateId();
    await bot.post({ update_id: mention, ...textUpdate(WORK_GROUP, USERS.wang, '@shequ_test_bot 签到', { entities: [{ type: 'mention', offset: 0, length: 15 }] }) });
    expect(await inbound(bot, mention)).toMatchObject({ text: '签到', mentionsBot: true, chatKind: 'group', chatTitle: '幸福社区工作群', senderId: String(USERS.wang.id) });
    await bot.api.waitForCall('sendMessage', (c) => c.payload.text === '@王芳 已签到 07:55（上午）准时');

    const help = bot.api.takeUpdateId();
    await bot.post({ update_id: help, ...textUpdate(USERS.zhang.id, USERS.zhang, '帮助') });
    const answer = await bot.api.waitForCall('sendMessage', (c) => c.payload.chat_id === String(USERS.zhang.id));
    expect(answer.payload.text).toMatch(/^张伟（社工），你可以使用这些指令/);
    expect(answer.payload.entities).toBeUndefined();
    expect(await inbound(bot, help)).toMatchObject({ chatKind: 'private' });
  });

  it('a reply to a bot message reaches the core quoting the message_id Telegram gave it', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const sentId = await botMessage(bot, { chatId: String(WORK_GROUP), text: '请假申请 #12 待审批' }, 'leave:12');
    const row = await bot.app.app.db.outboxMessage.findFirstOrThrow({ where: { subject: 'leave:12' } });
    expect(row.platformMessageId).toBe(String(sentId));

    const reply = bot.api.takeUpdateId();
    await bot.post({ update_id: reply, ...textUpdate(WORK_GROUP, USERS.wang, '帮助', { replyTo: { message_id: sentId, from: bot.api.me } }) });
    const message = await inbound(bot, reply);
    expect(message.replyToMessageId).toBe(String(sentId));
    expect(message.mentionsBot).toBe(true);
    // What the dispatcher looks up for quotedSubject: platform, chat and the quoted platform message id.
    const quoted = await bot.app.app.db.outboxMessage.findFirst({
      where: { platform: 'telegram', platformChatId: message.chatId, platformMessageId: message.replyToMessageId! },
    });
    expect(quoted?.subject).toBe('leave:12');
  });

  it('a button press is answered at once and arrives as command text; long values travel by position', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const longValue = '签到'.repeat(12);
    const messageId = await botMessage(bot, {
      chatId: String(WORK_GROUP),
      text: '上午签到开始了',
      buttons: [
        { label: '签到', value: '签到' },
        { label: '很长的按钮', value: longValue },
      ],
    });
    const sent = bot.api.callsOf('sendMessage').find((c) => c.result?.message_id === messageId)!;
    expect(sent.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '签到', callback_data: '签到' }, { text: '很长的按钮', callback_data: '#btn:1' }]] });

    const press = buttonUpdate(WORK_GROUP, USERS.zhang, messageId, '签到');
    const pressId = bot.api.takeUpdateId();
    expect(await bot.post({ update_id: pressId, ...press })).toBe(200);
    const answered = bot.api.callsOf('answerCallbackQuery');
    expect(answered.map((c) => c.payload.callback_query_id)).toEqual([press.callback_query.id]);
    expect(await inbound(bot, pressId)).toMatchObject({ text: '签到', isButton: true, replyToMessageId: String(messageId), senderId: String(USERS.zhang.id) });
    const reply = await bot.api.waitForCall('sendMessage', (c) => c.payload.text === '@张伟 已签到 07:55（上午）准时');
    expect(answered[0]!.at).toBeLessThanOrEqual(reply.at);
    expect(await bot.app.app.db.checkIn.count()).toBe(1);

    const longPress = bot.api.takeUpdateId();
    await bot.post({ update_id: longPress, ...buttonUpdate(WORK_GROUP, USERS.wang, messageId, '#btn:1') });
    expect(await inbound(bot, longPress)).toMatchObject({ text: longValue, isButton: true });

    const unknown = bot.api.takeUpdateId();
    await bot.post({ update_id: unknown, ...buttonUpdate(WORK_GROUP, USERS.wang, messageId, '#btn:7') });
    expect(bot.api.callsOf('answerCallbackQuery')).toHaveLength(3);
    expect(await bot.app.app.db.inboxEvent.count({ where: { eventId: String(unknown) } })).toBe(0);
  });

  it('skips an update it cannot understand and goes on', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    expect(await bot.post({ update_id: bot.api.takeUpdateId(), message: { message_id: 1, chat: null } })).toBe(200);
    expect(await bot.post({ nothing: true })).toBe(400);
    await bot.post({ update_id: bot.api.takeUpdateId(), ...textUpdate(WORK_GROUP, USERS.zhang, '签到') });
    await bot.api.waitForCall('sendMessage', (c) => c.payload.text === '@张伟 已签到 07:55（上午）准时');
  });
});

describe('Telegram webhook: out', () => {
  it('quotes, edits an earlier message, and sends anew when it cannot be edited', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const first = await botMessage(bot, { chatId: String(WORK_GROUP), text: '审批：请假 #3', buttons: [{ label: '同意', value: '同意 #3' }] });
    await bot.app.app.db.$transaction((tx) =>
      enqueue(tx, [{ platform: 'telegram', message: { chatId: String(WORK_GROUP), text: '请假 #3 已同意', replaceMessageId: String(first) } }], new Date()),
    );
    bot.app.app.delivery.kick();
    const edit = await bot.api.waitForCall('editMessageText');
    expect(edit.payload).toEqual({ chat_id: String(WORK_GROUP), message_id: first, text: '请假 #3 已同意' });
    const edited = await until('the edit sent', () => bot!.app.app.db.outboxMessage.findFirst({ where: { payload: { contains: '已同意' }, status: 'sent' } }));
    expect(edited.platformMessageId).toBe(String(first));

    bot.api.refuseNext('editMessageText', { status: 400, body: { ok: false, error_code: 400, description: 'Bad Request: message to edit not found' } });
    const quoted = await botMessage(bot, { chatId: String(WORK_GROUP), text: '请假 #4 已驳回', replaceMessageId: '77', replyToMessageId: '55' });
    const resent = bot.api.callsOf('sendMessage').find((c) => c.result?.message_id === quoted)!;
    expect(resent.payload).toMatchObject({ text: '请假 #4 已驳回', reply_parameters: { message_id: 55, allow_sending_without_reply: true } });
  });

  it('splits a text longer than Telegram allows', async () => {
    bot = await startTelegramBot({ mode: 'webhook' });
    const line = `${'社'.repeat(99)}\n`;
    await botMessage(bot, { chatId: String(WORK_GROUP), text: line.repeat(60), buttons: [{ label: '帮助', value: '帮助' }] });
    await until('two parts', async () => bot!.api.callsOf('sendMessage').length === 2);
    const [one, two] = bot.api.callsOf('sendMessage');
    expect(one!.payload.text.length).toBeLessThanOrEqual(4096);
    expect(one!.payload.reply_markup).toBeUndefined();
    expect(two!.payload.reply_markup).toBeDefined();
    expect(one!.payload.text + '\n' + two!.payload.text).toBe(line.repeat(60));
  });
});
