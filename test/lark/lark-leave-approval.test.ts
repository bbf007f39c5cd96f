import { afterEach, describe, expect, it } from 'vitest';
import { cardActionEvent, messageEvent } from './callbacks.ts';
import { BOT_OPEN_ID, shownText, type SentMessage } from './fake-lark.ts';
import { expectAccepted, OPEN_IDS, startLarkBot, until, type LarkBot } from './lark-bot.ts';

/** Leave approved through Lark end to end: the real SDK against the fake Lark, the whole bot on SQLite. */

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const at = (time: string) => new Date(`2026-11-23T${time}+08:00`);
const WORK = 'oc_work';
const at王芳 = `<at user_id="${OPEN_IDS.王芳}">王芳</at>`;
const at刘洋 = `<at user_id="${OPEN_IDS.刘洋}">刘洋</at>`;
/** What Lark waits for before re-pushing an event. */
const LARK_TIMEOUT_MS = 3_000;

/** The bot at 09:00 on a Monday, oc_work set as the community's work group by the secretary. */
async function start(options: { applicantWrotePrivately?: boolean } = {}): Promise<LarkBot> {
  const bot = await startLarkBot({ now: '2026-11-23T09:00:00+08:00' });
  const mention = { key: '@_user_1', openId: BOT_OPEN_ID, name: '社区助手' };
  expectAccepted(await bot.post(messageEvent({ chatId: WORK, from: OPEN_IDS.王芳, text: '@_user_1 设为工作群', mentions: [mention], at: at('08:59:00') })));
  await bot.sent((m, text) => m.chatId === WORK && text.endsWith('本群已设为幸福社区的工作群。'));
  if (options.applicantWrotePrivately === false) return bot;
  // 张伟 has a private chat with the bot (Lark names it apart from his open_id): he is told there.
  expectAccepted(await bot.post(messageEvent({ chatId: 'oc_p2p_zhang', chatType: 'p2p', from: OPEN_IDS.张伟, text: '请假记录', at: at('08:59:30') })));
  await bot.sent((m) => m.chatId === 'oc_p2p_zhang');
  return bot;
}

/** 张伟 asks for a 2-hour outing this afternoon in the work group and confirms; returns the card posted to the approver. */
async function fileOuting(bot: LarkBot): Promise<{ id: number; card: SentMessage }> {
  expectAccepted(await bot.post(messageEvent({ chatId: WORK, from: OPEN_IDS.张伟, text: '请假 今天下午2点到4点 外出 去街道开会', at: at('09:00:00') })));
  const shown = await bot.sent((m, text) => m.chatId === WORK && text.includes('请确认请假条'));
  const text = shownText(shown);
  expect(text).toContain('时间：11月23日 14:00-16:00（2 小时）');
  expect(text).toContain('审批：王芳（书记）');
  const id = Number(/#(\d+)/.exec(text)![1]);
  expectAccepted(await bot.post(messageEvent({ chatId: WORK, from: OPEN_IDS.张伟, text: '确认', at: at('09:00:10') })));
  await bot.sent((m, t) => m.chatId === WORK && t.includes(`请假 #${id} 已提交`));
  const card = await bot.sent((m, t) => m.chatId === WORK && t.includes(`请假审批 #${id}`) && t.includes('回复本消息'));
  expect(card.msgType).toBe('interactive');
  // The secretary is @mentioned on the card (markdown is the only way a card can).
  expect(card.content.elements[0]).toEqual({ tag: 'div', text: { tag: 'lark_md', content: `<at id=${OPEN_IDS.王芳}></at>` } });
  return { id, card };
}

function buttonOf(card: SentMessage, label: string): { value: unknown } {
  const button = card.content.elements.find((e: any) => e.tag === 'action')?.actions.find((a: any) => a.text.content === label);
  expect(button, `a ${label} button on the card`).toBeDefined();
  return button;
}

async function expectApproved(bot: LarkBot, id: number, applicantChat = 'oc_p2p_zhang'): Promise<void> {
  await bot.sent((m, text) => m.chatId === applicantChat && text.startsWith(`你的请假 #${id} 已批准`));
  await bot.sent((m, text) => m.chatId === WORK && text.startsWith(`请假公示：张伟的请假 #${id} 已批准`));
  const leave = await bot.bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id } });
  const steps = await bot.bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id }, orderBy: { index: 'asc' } });
  const wang = await bot.bot.app.db.person.findFirstOrThrow({ where: { name: '王芳' } });
  expect([leave.status, leave.workMinutes, leave.platform]).toEqual(['approved', 120, 'lark']);
  expect(steps.map((s) => [s.role, s.status, s.actedById])).toEqual([['secretary', 'approved', wang.id]]);
}

/** Waits until every outbox row has gone out (a pass may have left some for the per-chat rate limit). */
async function settled(bot: LarkBot): Promise<void> {
  await until('the outbox sent', async () => ((await bot.bot.app.db.outboxMessage.count({ where: { status: 'pending' } })) === 0));
  await bot.bot.app.delivery.drain();
}

/** The sends and card updates that are about a note, to show nothing more happened. */
function traffic(bot: LarkBot, id: number) {
  return {
    messages: bot.lark.messages.filter((m) => shownText(m).includes(`#${id}`)).length,
    cardUpdates: bot.lark.cardUpdates.length,
  };
}

describe('leave approved through Lark', () => {
  it('the secretary replies 同意 to the note (parent_id): the applicant is told and the leave is approved; a re-push changes nothing', async () => {
    t = await start();
    const { id, card } = await fileOuting(t);

    const reply = messageEvent({ chatId: WORK, from: OPEN_IDS.王芳, text: '同意', parentId: card.messageId, at: at('09:01:00') });
    const answer = await t.post(reply);
    expectAccepted(answer);
    await t.sent((m, text) => m.chatId === WORK && text === `${at王芳} 已同意，张伟的请假 #${id} 审批完成。`);
    await expectApproved(t, id);
    // The card that carried the buttons now says who decided and when.
    const update = await until('the card update', () => t!.lark.cardUpdates.find((u) => u.messageId === card.messageId));
    expect(shownText({ ...card, content: update.card })).toContain('✔ 王芳 已同意（09:01）');
    expect(update.card.elements.some((e: any) => e.tag === 'action')).toBe(false);

    // Lark pushes the same event again (same event_id, freshly signed): nothing changes.
    await settled(t);
    const before = traffic(t, id);
    const steps = await t.bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id }, orderBy: { id: 'asc' } });
    expectAccepted(await t.post(reply));
    await settled(t);
    expect(traffic(t, id)).toEqual(before);
    expect(await t.bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id }, orderBy: { id: 'asc' } })).toEqual(steps);
    expect(await t.bot.app.db.inboxEvent.count({ where: { platform: 'lark', eventId: reply.header.event_id } })).toBe(1);
  });

  it('the secretary presses 同意 on the card: answered within Lark’s 3 s, the card shows who decided and when', async () => {
    t = await start();
    const { id, card } = await fileOuting(t);

    // The fake updates the card it keeps in place: read the button before pressing it.
    const approve = buttonOf(card, '同意').value;
    const press = cardActionEvent({ messageId: card.messageId, chatId: WORK, from: OPEN_IDS.王芳, value: approve, at: at('09:02:00') });
    const answer = await t.post(press);
    expectAccepted(answer);
    expect(answer.body).toEqual({});
    expect(answer.took).toBeLessThan(LARK_TIMEOUT_MS);

    await expectApproved(t, id);
    const update = await until('the card update', () => t!.lark.cardUpdates.find((u) => u.messageId === card.messageId));
    const patch = t.lark.calls.find((c) => c.method === 'PATCH' && c.path === `/open-apis/im/v1/messages/${card.messageId}`);
    expect(patch).toBeDefined();
    const shown = shownText({ ...card, content: update.card });
    expect(shown).toContain(`请假审批 #${id}`);
    expect(shown).toContain('✔ 王芳 已同意（09:02）');
    expect(update.card.elements.some((e: any) => e.tag === 'action')).toBe(false);

    // The press re-pushed (same event_id) and a second press: the same decision, nothing more.
    await settled(t);
    const before = traffic(t, id);
    expectAccepted(await t.post(press));
    expectAccepted(await t.post(cardActionEvent({ messageId: card.messageId, chatId: WORK, from: OPEN_IDS.王芳, value: approve, at: at('09:02:30') })));
    await settled(t);
    expect(traffic(t, id)).toEqual(before);
    expect(await t.bot.app.db.approvalStep.count({ where: { kind: 'leave', requestId: id, status: 'approved' } })).toBe(1);
  });

  it('同意 #编号 typed anywhere: in a private chat with the bot', async () => {
    t = await start();
    const { id } = await fileOuting(t);
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_p2p_wang', chatType: 'p2p', from: OPEN_IDS.王芳, text: `同意 #${id} 注意安全`, at: at('09:03:00') })));
    await t.sent((m, text) => m.chatId === 'oc_p2p_wang' && text.includes(`张伟的请假 #${id} 审批完成`));
    await expectApproved(t, id);
    expect((await t.bot.app.db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: id } })).comment).toBe('注意安全');
  });

  it('a non-approver’s 同意 is refused with who may, by reply, by button and by number', async () => {
    t = await start();
    const { id, card } = await fileOuting(t);
    const refusal = `${at刘洋} 请假 #${id} 这一步应由王芳（书记）审批，你不能审批。`;

    expectAccepted(await t.post(messageEvent({ chatId: WORK, from: OPEN_IDS.刘洋, text: '同意', parentId: card.messageId, at: at('09:04:00') })));
    await t.sent((m, text) => m.chatId === WORK && text === refusal);
    expectAccepted(await t.post(cardActionEvent({ messageId: card.messageId, chatId: WORK, from: OPEN_IDS.刘洋, value: buttonOf(card, '同意').value, at: at('09:04:10') })));
    expectAccepted(await t.post(messageEvent({ chatId: WORK, from: OPEN_IDS.刘洋, text: `同意 #${id}`, at: at('09:04:20') })));
    await until('three refusals', () => t!.lark.messages.filter((m) => shownText(m) === refusal).length === 3 || undefined);

    await settled(t);
    const leave = await t.bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id } });
    const steps = await t.bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id } });
    expect(leave.status).toBe('pending');
    expect(steps.map((s) => s.status)).toEqual(['pending']);
    expect(t.lark.cardUpdates.filter((u) => u.messageId === card.messageId)).toEqual([]);
  });

  it('an applicant who never wrote to the bot privately is told by a message to their open_id', async () => {
    t = await start({ applicantWrotePrivately: false });
    const { id } = await fileOuting(t);
    expectAccepted(await t.post(messageEvent({ chatId: WORK, from: OPEN_IDS.王芳, text: `同意 #${id}`, at: at('09:05:00') })));
    await expectApproved(t, id, OPEN_IDS.张伟);
    const told = t.lark.calls.find((c) => c.method === 'POST' && c.body?.receive_id === OPEN_IDS.张伟);
    expect(told?.query.get('receive_id_type')).toBe('open_id');
  });
});
