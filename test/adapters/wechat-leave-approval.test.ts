import { afterEach, describe, expect, it } from 'vitest';
import { sayQuoting, startOffice, waitFor, type BotMessage, type WechatWorld } from '../helpers/wechat.ts';

/** Leave approval end to end through WeChat: real Wechaty on the mock puppet, the whole bot, a frozen Monday 09:00. */

let world: WechatWorld | null = null;
afterEach(async () => {
  await world?.stop();
  world = null;
});

/** 幸福社区工作群 with the bot, 王芳 (secretary), 张三 and 李四 (staff), everyone bound. */
async function startLeaveOffice() {
  const office = await startOffice({ now: '2026-11-23T09:00:00+08:00', withLi: true });
  world = office.world;
  return { ...office, li: office.li! };
}
type Office = Awaited<ReturnType<typeof startLeaveOffice>>;

/** The outbox row of `subject` once delivered: a bare number or a quote only finds a message the bot has marked sent. */
function delivered(w: WechatWorld, subject: string) {
  return waitFor(`${subject} to be marked sent`, () => w.app.db.outboxMessage.findFirst({ where: { subject, status: 'sent', platformMessageId: { not: null } } }));
}

/**
 * 张三 asks for a 2-hour outing this afternoon in the work group and confirms it (`confirmBy`: the
 * menu's number or 确认); returns the note as posted to the secretary.
 */
async function fileOuting({ world: w, zhang, group }: Office, confirmBy: string): Promise<BotMessage> {
  zhang.say('请假 今天下午2点到4点 外出 去街道开会').to(group);
  const shown = await w.botSaid(group.id, (text) => text.startsWith('@张三 请确认请假条 #1'));
  expect(shown.text).toContain('时间：11月23日 14:00-16:00（2 小时）');
  expect(shown.text).toContain('审批：王芳（书记）');
  expect(shown.text.endsWith('\n回复数字：1 确认 2 取消')).toBe(true);
  await delivered(w, 'leave:1:draft');

  zhang.say(confirmBy).to(group);
  await w.botSaid(group.id, (text) => text === '@张三 请假 #1 已提交，等待王芳（书记）审批。');
  const post = await w.botSaid(group.id, (text) => text.startsWith('@王芳 请假审批 #1'));
  expect(post.text).toContain('当前审批：王芳（书记），第 1/1 步');
  expect(post.text.endsWith('\n回复数字：1 同意 2 驳回')).toBe(true);
  const row = await delivered(w, 'leave:1:0');
  expect(row.platformMessageId).toBe(post.id);
  return post;
}

/** The applicant is told privately, the group gets the notice, the note shows the outcome, and the DB has it approved. */
async function expectApproved(w: WechatWorld, zhangId: string, groupId: string): Promise<void> {
  await w.botSaid(groupId, (text) => text === '@王芳 已同意，张三的请假 #1 审批完成。');
  await w.botSaid(zhangId, (text) => text.startsWith('你的请假 #1 已批准'));
  await w.botSaid(groupId, (text) => text.startsWith('请假公示：张三的请假 #1 已批准'));
  await w.botSaid(groupId, (text) => text.startsWith('@王芳 请假审批 #1') && text.endsWith('✔ 王芳 已同意（09:00）'));
  const db = w.app.db;
  const wangfang = await db.person.findFirstOrThrow({ where: { name: '王芳' } });
  const leave = await db.leaveRequest.findUniqueOrThrow({ where: { id: 1 }, include: { person: true } });
  const steps = await db.approvalStep.findMany({ where: { kind: 'leave', requestId: 1 }, orderBy: { index: 'asc' } });
  expect([leave.person.name, leave.status, leave.type, leave.workMinutes]).toEqual(['张三', 'approved', '外出', 120]);
  expect(steps.map((s) => [s.role, s.status, s.actedById])).toEqual([['secretary', 'approved', wangfang.id]]);
}

describe('WeChat leave approval', () => {
  it('confirmed by the menu number, approved by quoting the note with 同意', async () => {
    const office = await startLeaveOffice();
    const { world: w, wang, zhang, group } = office;
    const post = await fileOuting(office, '1');
    // The confirmation shows it was filed, on WeChat as a new message without the menu.
    await w.botSaid(group.id, (text) => text.startsWith('@张三 请确认请假条 #1') && text.endsWith('✔ 已提交（09:00）'));

    sayQuoting(w, 'quote-approve', wang, group, '同意', post);
    await expectApproved(w, zhang.id, group.id);
    const event = await w.app.db.inboxEvent.findUniqueOrThrow({ where: { platform_eventId: { platform: 'wechat', eventId: 'quote-approve' } } });
    expect(JSON.parse(event.payload).replyToMessageId).toBe(post.id);
  });

  it('approved by 同意 #编号 typed in the group', async () => {
    const office = await startLeaveOffice();
    const { world: w, wang, zhang, group } = office;
    await fileOuting(office, '确认');
    wang.say('同意 #1').to(group);
    await expectApproved(w, zhang.id, group.id);
  });

  it("approved by answering the note's numbered menu with its number", async () => {
    const office = await startLeaveOffice();
    const { world: w, wang, zhang, group } = office;
    await fileOuting(office, '1');
    wang.say('1').to(group);
    await expectApproved(w, zhang.id, group.id);
    const pressed = await w.app.db.inboxEvent.findFirstOrThrow({ where: { payload: { contains: '"isButton":true' } }, orderBy: { id: 'desc' } });
    expect([JSON.parse(pressed.payload).text, JSON.parse(pressed.payload).senderName]).toEqual(['同意 #1', '王芳']);

    // Once the note shows its outcome its menu is closed: a bare number later is just a number.
    await w.app.delivery.drain();
    const sentBefore = w.sent.length;
    zhang.say('2').to(group);
    const event = await waitFor('the 2 in the inbox', () => w.app.db.inboxEvent.findFirst({ where: { payload: { contains: '"senderName":"张三"' } }, orderBy: { id: 'desc' } }).then((e) => (e && JSON.parse(e.payload).text !== '确认 #1' ? e : null)));
    expect([JSON.parse(event.payload).text, JSON.parse(event.payload).isButton]).toEqual(['2', undefined]);
    await w.app.delivery.drain();
    expect(w.sent.slice(sentBefore)).toEqual([]);
  });

  it("refuses a non-approver's 同意, quoted or typed, and says who may", async () => {
    const office = await startLeaveOffice();
    const { world: w, wang, zhang, li, group } = office;
    const post = await fileOuting(office, '1');
    sayQuoting(w, 'quote-li', li, group, '同意', post);
    await w.botSaid(group.id, (text) => text === '@李四 请假 #1 这一步应由王芳（书记）审批，你不能审批。');
    zhang.say('同意 #1').to(group);
    await w.botSaid(group.id, (text) => text === '@张三 请假 #1 这一步应由王芳（书记）审批，你不能审批。');
    const leave = await w.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } });
    const step = await w.app.db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: 1 } });
    expect([leave.status, step.status, step.actedById]).toEqual(['pending', 'pending', null]);

    // The secretary can still approve.
    sayQuoting(w, 'quote-wang', wang, group, '同意', post);
    await expectApproved(w, zhang.id, group.id);
  });

  it('the quoted approval replayed after a re-login changes nothing', async () => {
    const office = await startLeaveOffice();
    const { world: w, bot, wang, zhang, group } = office;
    const post = await fileOuting(office, '1');
    sayQuoting(w, 'quote-approve', wang, group, '同意', post);
    await expectApproved(w, zhang.id, group.id);
    await w.app.delivery.drain();
    const db = w.app.db;
    const stepBefore = await db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: 1 } });
    const outboxBefore = await db.outboxMessage.count();

    await w.adapter.wechaty.logout();
    await waitFor('the adapter to notice the logout', () => !w.adapter.isReady());
    await w.login(bot);
    const inboxBefore = await db.inboxEvent.count();
    const sentBefore = w.sent.length;
    // The puppet hands the same quote over again after the login.
    w.mocker.puppet.emit('message', { messageId: 'quote-approve' });
    zhang.say('请假记录').to(group);
    // 请假记录 answers in two messages, a title and the list.
    const record = await waitFor('the answer to 请假记录', () => w.sent.slice(sentBefore).find((m) => m.chatId === group.id && m.text.startsWith('@张三 #1 外出')));
    expect(record.text).toContain('已批准');

    expect(await db.inboxEvent.count()).toBe(inboxBefore + 1);
    expect(await db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: 1 } })).toEqual(stepBefore);
    expect((await db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('approved');
    // Only the answer to 请假记录 was queued since.
    expect(await db.outboxMessage.count()).toBe(outboxBefore + 2);
    for (const said of ['@王芳 已同意，张三的请假 #1 审批完成。', '你的请假 #1 已批准', '请假公示：张三的请假 #1 已批准']) {
      expect(w.sent.filter((m) => m.text.startsWith(said))).toHaveLength(1);
    }

    // Quoting the note again (a new message, not a replay) is only told it is settled.
    sayQuoting(w, 'quote-again', wang, group, '同意', post);
    await w.botSaid(group.id, (text) => text === '@王芳 请假 #1 已批准，无需再处理。');
    expect(await db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: 1 } })).toEqual(stepBefore);
    expect(w.sent.filter((m) => m.text.startsWith('你的请假 #1 已批准'))).toHaveLength(1);
  });
});
