import { afterEach, describe, expect, it } from 'vitest';
import type { ApiCall } from './fake-bot-api.ts';
import { buttonUpdate, startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from './telegram-harness.ts';

/**
 * Leave approval end to end through Telegram: real telegraf against the fake Bot API, the whole bot
 * on a temp SQLite file, the office clock frozen on a working Monday morning.
 */

const NOW = '2026-11-23T09:00:00+08:00';
const GROUP = String(WORK_GROUP);
/** 刘洋, office staff of the demo community: not an approver of anyone's leave. */
const LIU = { id: 1003, name: '刘洋', first_name: '洋', last_name: '刘' };
const privateChat = (user: { id: number }) => String(user.id);

let bot: TelegramBot | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function start(): Promise<TelegramBot> {
  const t = await startTelegramBot({ mode: 'webhook', now: NOW });
  // Bound as the harness binds 张伟 and 王芳.
  const person = await t.app.app.db.person.findFirstOrThrow({ where: { name: LIU.name } });
  await t.app.app.db.binding.create({ data: { personId: person.id, platform: 'telegram', platformUserId: String(LIU.id), displayName: LIU.name } });
  return t;
}

type Update = Record<string, any>;

/** Posts an update to the webhook with a fresh update_id and returns it as sent (to send it again). */
async function post(t: TelegramBot, update: Update): Promise<Update> {
  const full = { update_id: t.api.takeUpdateId(), ...update };
  expect(await t.post(full)).toBe(200);
  return full;
}

function write(t: TelegramBot, chatId: number, from: typeof LIU, text: string, replyTo?: number): Promise<Update> {
  return post(t, textUpdate(chatId, from, text, { date: new Date(NOW), ...(replyTo ? { replyTo: { message_id: replyTo, from: t.api.me } } : {}) }));
}

/** Waits for a Bot API call made after call number `since` that matches. */
async function callAfter(t: TelegramBot, since: number, method: string, match: (payload: Record<string, any>) => boolean): Promise<ApiCall> {
  return t.api.waitForCall(method, (c) => t.api.calls.indexOf(c) >= since && match(c.payload));
}

function botSays(t: TelegramBot, since: number, chatId: string, match: (text: string) => boolean): Promise<ApiCall> {
  return callAfter(t, since, 'sendMessage', (p) => p.chat_id === chatId && match(String(p.text)));
}

/** The callback_data of the button labelled `label` on a message the bot sent. */
function buttonData(sent: ApiCall, label: string): string {
  const keys = (sent.payload.reply_markup?.inline_keyboard ?? []).flat() as { text: string; callback_data: string }[];
  const key = keys.find((k) => k.text === label);
  if (!key) throw new Error(`no button ${label} on ${JSON.stringify(sent.payload)}`);
  return key.callback_data;
}

/**
 * 张伟 asks for leave in the work group and confirms it (typed or by the button); returns the note's
 * number and the approval note the bot posted to the group for 王芳.
 */
async function fileLeave(t: TelegramBot, text: string, confirmBy: 'typing' | 'button'): Promise<{ id: number; note: ApiCall }> {
  const since = t.api.calls.length;
  await write(t, WORK_GROUP, USERS.zhang, text);
  const shown = await botSays(t, since, GROUP, (m) => m.startsWith('@张伟 请确认请假条'));
  const id = Number(/#(\d+)/.exec(shown.payload.text)![1]);
  expect(shown.payload.text).toContain('审批：王芳（书记）');
  if (confirmBy === 'typing') await write(t, WORK_GROUP, USERS.zhang, '确认');
  else await post(t, buttonUpdate(WORK_GROUP, USERS.zhang, shown.result.message_id, buttonData(shown, '确认')));
  await botSays(t, since, GROUP, (m) => m === `@张伟 请假 #${id} 已提交，等待王芳（书记）审批。`);
  const note = await botSays(t, since, GROUP, (m) => m.startsWith(`@王芳 请假审批 #${id}`));
  // The approver is notified through a text_mention of her Telegram account.
  expect(note.payload.entities).toEqual([{ type: 'text_mention', offset: 0, length: 3, user: { id: USERS.wang.id, is_bot: false, first_name: '王芳' } }]);
  expect(note.payload.reply_markup).toEqual({ inline_keyboard: [[{ text: '同意', callback_data: `同意 #${id}` }, { text: '驳回', callback_data: `驳回 #${id}` }]] });
  expect(await t.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } })).toMatchObject({ status: 'pending' });
  return { id, note };
}

/** The edit of the approval note that shows the outcome: text replaced, buttons gone. */
async function noteClosed(t: TelegramBot, since: number, note: ApiCall, outcome: string): Promise<ApiCall> {
  const edit = await callAfter(t, since, 'editMessageText', (p) => p.chat_id === GROUP && p.message_id === note.result.message_id);
  expect(edit.payload.text).toMatch(new RegExp(`^@王芳 请假审批 #\\d+\\n[^]*\\n${outcome}$`));
  expect(edit.payload.text).not.toContain('回复本消息');
  // editMessageText without reply_markup takes the inline keyboard off the message.
  expect(edit.payload.reply_markup).toBeUndefined();
  expect(edit.payload.entities).toEqual(note.payload.entities);
  return edit;
}

/** The first step of a note, with the name of whoever acted on it. */
async function stepOf(t: TelegramBot, id: number) {
  const { db } = t.app.app;
  const step = await db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: id, index: 0 } });
  const actedBy = step.actedById === null ? null : await db.person.findUniqueOrThrow({ where: { id: step.actedById } });
  return { ...step, actedBy };
}

describe('leave approval through Telegram', () => {
  it('a 2-hour outing: the secretary replies 同意 to the bot’s note; the applicant is told and the note shows the outcome', async () => {
    bot = await start();
    const { id, note } = await fileLeave(bot, '请假 今天下午2点到4点 外出 去街道开会', 'typing');
    expect(note.payload.text).toContain('时间：11月23日 14:00-16:00（2 小时）');
    expect(note.payload.text).toContain('当前审批：王芳（书记），第 1/1 步');

    const since = bot.api.calls.length;
    await write(bot, WORK_GROUP, USERS.wang, '同意', note.result.message_id);
    const answer = await botSays(bot, since, GROUP, (m) => m === `@王芳 已同意，张伟的请假 #${id} 审批完成。`);
    expect(answer.payload.entities?.[0]?.user?.id).toBe(USERS.wang.id);
    await botSays(bot, since, privateChat(USERS.zhang), (m) => m.startsWith(`你的请假 #${id} 已批准`));
    await botSays(bot, since, GROUP, (m) => m.startsWith(`请假公示：张伟的请假 #${id} 已批准`));
    await noteClosed(bot, since, note, '✔ 王芳 已同意（09:00）');

    const leave = await bot.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } });
    expect([leave.status, leave.workMinutes, leave.destination]).toEqual(['approved', 120, '去街道开会']);
    const step = await stepOf(bot, id);
    expect([step.status, step.actedBy?.name]).toEqual(['approved', '王芳']);
  });

  it('pressing the 同意 button: the press is answered at once and the note is edited to show the outcome', async () => {
    bot = await start();
    // A day of annual leave: the secretary, then the street section (赵敏, by private message).
    const { id, note } = await fileLeave(bot, '请假 明天 年休假 回老家', 'button');
    expect(note.payload.text).toContain('第 1/2 步');

    const since = bot.api.calls.length;
    const press = await post(bot, buttonUpdate(WORK_GROUP, USERS.wang, note.result.message_id, buttonData(note, '同意')));
    // Answered before the webhook returned, ahead of any reply.
    const answered = bot.api.callsOf('answerCallbackQuery').filter((c) => c.payload.callback_query_id === press.callback_query.id);
    expect(answered).toHaveLength(1);
    const reply = await botSays(bot, since, GROUP, (m) => m === `@王芳 已同意请假 #${id}，已转赵敏（社区建设科）审批。`);
    const edit = await noteClosed(bot, since, note, '✔ 王芳 已同意（09:00）');
    expect(answered[0]!.at).toBeLessThanOrEqual(Math.min(reply.at, edit.at));

    const leave = await bot.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } });
    const steps = await bot.app.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id }, orderBy: { index: 'asc' } });
    expect([leave.status, leave.currentStep]).toEqual(['pending', 1]);
    expect(steps.map((s) => [s.role, s.status])).toEqual([
      ['secretary', 'approved'],
      ['street_section', 'pending'],
    ]);
    // The edited note keeps its subject and message id: pressing its old button again changes nothing.
    const again = bot.api.calls.length;
    await post(bot, buttonUpdate(WORK_GROUP, USERS.wang, note.result.message_id, buttonData(note, '同意')));
    await botSays(bot, again, GROUP, (m) => m === `@王芳 你已经同意过请假 #${id}，现在等下一位审批。`);
    expect((await bot.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } })).currentStep).toBe(1);
  });

  it('同意 #编号 typed anywhere, here in a private chat with the bot', async () => {
    bot = await start();
    const { id, note } = await fileLeave(bot, '请假 今天下午2点到4点 外出 去街道开会', 'typing');

    const since = bot.api.calls.length;
    await write(bot, USERS.wang.id, USERS.wang, `同意 #${id} 注意安全`);
    const answer = await botSays(bot, since, privateChat(USERS.wang), (m) => m === `已同意，张伟的请假 #${id} 审批完成。`);
    expect(answer.payload.entities).toBeUndefined();
    await botSays(bot, since, privateChat(USERS.zhang), (m) => m.startsWith(`你的请假 #${id} 已批准`));
    await noteClosed(bot, since, note, '✔ 王芳 已同意（09:00），意见：注意安全');
    const step = await stepOf(bot, id);
    expect([step.status, step.actedBy?.name, step.comment]).toEqual(['approved', '王芳', '注意安全']);
    expect((await bot.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } })).status).toBe('approved');
  });

  it('a non-approver’s 同意 (reply, button or #编号) is refused with who may, and changes nothing', async () => {
    bot = await start();
    const { id, note } = await fileLeave(bot, '请假 今天下午2点到4点 外出 去街道开会', 'typing');
    const refusal = `@刘洋 请假 #${id} 这一步应由王芳（书记）审批，你不能审批。`;

    let since = bot.api.calls.length;
    await write(bot, WORK_GROUP, LIU, '同意', note.result.message_id);
    await botSays(bot, since, GROUP, (m) => m === refusal);

    since = bot.api.calls.length;
    const press = await post(bot, buttonUpdate(WORK_GROUP, LIU, note.result.message_id, buttonData(note, '同意')));
    expect(bot.api.callsOf('answerCallbackQuery').map((c) => c.payload.callback_query_id)).toContain(press.callback_query.id);
    await botSays(bot, since, GROUP, (m) => m === refusal);

    since = bot.api.calls.length;
    await write(bot, WORK_GROUP, LIU, `同意 #${id}`);
    await botSays(bot, since, GROUP, (m) => m === refusal);

    // The applicant cannot approve their own note either.
    since = bot.api.calls.length;
    await write(bot, WORK_GROUP, USERS.zhang, `同意 #${id}`);
    await botSays(bot, since, GROUP, (m) => m === `@张伟 请假 #${id} 这一步应由王芳（书记）审批，你不能审批。`);

    await bot.app.app.delivery.drain();
    expect(bot.api.callsOf('editMessageText').filter((c) => c.payload.message_id === note.result.message_id)).toHaveLength(0);
    expect((await bot.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } })).status).toBe('pending');
    expect(await stepOf(bot, id)).toMatchObject({ status: 'pending', actedById: null });
  });

  it('an approval update delivered twice (same update_id) has no second effect', async () => {
    bot = await start();
    const { id, note } = await fileLeave(bot, '请假 今天下午2点到4点 外出 去街道开会', 'typing');

    const since = bot.api.calls.length;
    const approval = await write(bot, WORK_GROUP, USERS.wang, '同意', note.result.message_id);
    // Telegram resends it (the bot's answer was lost), once at once and once concurrently with a third copy.
    expect(await bot.post(approval)).toBe(200);
    expect(await Promise.all([bot.post(approval), bot.post(approval)])).toEqual([200, 200]);
    await botSays(bot, since, GROUP, (m) => m === `@王芳 已同意，张伟的请假 #${id} 审批完成。`);
    await noteClosed(bot, since, note, '✔ 王芳 已同意（09:00）');
    await botSays(bot, since, GROUP, (m) => m.startsWith(`请假公示：张伟的请假 #${id} 已批准`));
    await bot.app.app.delivery.drain();
    await new Promise((resolve) => setTimeout(resolve, 300));

    const after = bot.api.calls.slice(since);
    const sent = after.filter((c) => c.method === 'sendMessage').map((c) => `${c.payload.chat_id}: ${String(c.payload.text).split('\n')[0]}`);
    expect(sent.sort()).toEqual(
      [
        `${GROUP}: @王芳 已同意，张伟的请假 #${id} 审批完成。`,
        `${privateChat(USERS.zhang)}: 你的请假 #${id} 已批准。假期结束回岗后请发送「销假」。`,
        `${GROUP}: 请假公示：张伟的请假 #${id} 已批准。`,
      ].sort(),
    );
    expect(after.filter((c) => c.method === 'editMessageText')).toHaveLength(1);
    expect(await bot.app.app.db.inboxEvent.count({ where: { platform: 'telegram', eventId: String(approval.update_id) } })).toBe(1);
    const step = await stepOf(bot, id);
    expect([step.status, step.actedBy?.name]).toEqual(['approved', '王芳']);
    expect((await bot.app.app.db.leaveRequest.findUniqueOrThrow({ where: { id } })).status).toBe('approved');
  });
});
