import { afterEach, describe, expect, it } from 'vitest';
import { loadReport } from '../../commands/attendance/load-report.ts';
import { officeStaff } from '../../src/core/people.ts';
import { loadCalendar } from '../../src/calendar/calendar-store.ts';
import { approvedLeaveIntervals } from '../../commands/leave/approved-intervals.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

/** 张伟 writes a note in the work group and confirms it; returns the note's number. */
async function fileLeave(t: TestApp, text: string, userId = 'zhangwei', chatId = 'g-work'): Promise<number> {
  const sent = await t.say(chatId, userId, text);
  const shown = await t.botReply(chatId, (m) => m.includes('请确认请假条'), sent);
  const id = Number(/#(\d+)/.exec(shown.text)![1]);
  const confirmed = await t.say(chatId, userId, '确认');
  await t.botReply(chatId, (m) => m.includes(`请假 #${id} 已提交`), confirmed);
  return id;
}

/** The note as posted to an approver in `chatId`. */
function approvalPost(t: TestApp, chatId: string, id: number, after?: string) {
  return t.botReply(chatId, (m) => m.includes(`请假审批 #${id}`) && m.includes('回复本消息'), after);
}

describe('leave through the sandbox', () => {
  it('a 2-hour outing approved by the secretary replying to the note', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const sent = await bot.say('g-work', 'zhangwei', '请假 今天下午2点到4点 外出 去街道开会');
    const shown = await bot.botReply('g-work', (m) => m.includes('请确认请假条'), sent);
    expect(shown.text).toContain('时间：11月23日 14:00-16:00（2 小时）');
    expect(shown.text).toContain('审批：王芳（书记）');
    expect(shown.buttons?.map((b) => b.label)).toEqual(['确认', '取消']);
    await bot.post('/sandbox/api/buttons', { messageId: shown.id, userId: 'zhangwei', value: shown.buttons![0]!.value });
    // The confirmation loses its buttons once filed.
    const filed = await bot.botReply('g-work', (m) => m.startsWith('@张伟 请确认请假条 #1') && m.endsWith('✔ 已提交（09:00）'));
    expect(filed.buttons ?? []).toEqual([]);

    const post = await approvalPost(bot, 'g-work', 1);
    expect(post.text).toMatch(/^@王芳 请假审批 #1/);
    expect(post.text).toContain('当前审批：王芳（书记），第 1/1 步');
    const reply = await bot.say('g-work', 'wangfang', '同意', { replyTo: post.id });
    await bot.botReply('g-work', (m) => m === '@王芳 已同意，张伟的请假 #1 审批完成。', reply);
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('你的请假 #1 已批准'));
    await bot.botReply('g-work', (m) => m.startsWith('请假公示：张伟的请假 #1 已批准'));
    // The note that carried the buttons now shows the outcome instead.
    await bot.botReply('g-work', (m) => m.includes('请假审批 #1') && m.includes('✔ 王芳 已同意（09:00）'));
    const leave = await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } });
    expect([leave.status, leave.workMinutes, leave.destination]).toEqual(['approved', 120, '去街道开会']);
  });

  it('a 3-day annual leave climbs through four approvers: by reply, by button and by #编号', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-20T10:00:00+08:00' });
    const id = await fileLeave(bot, '请假 11月25日到27日 年休假 回老家');

    const first = await approvalPost(bot, 'g-work', id);
    expect(first.text).toContain('3 个工作日');
    // 同意 to the bot without a quote (a platform may drop it): the approver is shown what waits for them …
    const bare = await bot.say('g-work', 'wangfang', '@社区助手 同意');
    await bot.botReply('g-work', (m) => m === `@王芳 你有待审批的请假 #${id}。请回复那条审批消息，或发送「同意 #编号」。`, bare);
    // … while 同意 in passing is talk the bot leaves alone, the approver's too, as is 确认 with no note waiting.
    const chatter = await bot.say('g-work', 'liuyang', '同意');
    await bot.say('g-work', 'wangfang', '同意');
    await bot.say('g-work', 'liuyang', '确认一下明天的会');
    const next = await bot.say('g-work', 'liuyang', '请假记录');
    await bot.botReply('g-work', (m) => m.startsWith('@刘洋'), next);
    const between = await bot.messages('g-work');
    expect(between.slice(between.findIndex((m) => m.id === chatter) + 1).filter((m) => m.userId === 'bot').map((m) => m.text)).toEqual(['@刘洋 你今年还没有请假记录。\n年休假余额：5 天（共 5 天）']);
    expect(first.text).toContain('第 1/4 步');
    await bot.say('g-work', 'wangfang', '同意', { replyTo: first.id });
    await bot.botReply('g-work', (m) => m === `@王芳 已同意请假 #${id}，已转赵敏（社区建设科）审批。`);

    // Anyone else is told who may; the secretary's repeated approval changes nothing.
    const other = await bot.say('g-work', 'liuyang', `同意 #${id}`);
    await bot.botReply('g-work', (m) => m === `@刘洋 请假 #${id} 这一步应由赵敏（社区建设科）审批，你不能审批。`, other);
    const again = await bot.say('g-work', 'wangfang', `同意 #${id}`);
    await bot.botReply('g-work', (m) => m === `@王芳 你已经同意过请假 #${id}，现在等下一位审批。`, again);

    const section = await approvalPost(bot, 'dm:zhaomin', id);
    const pressed = await bot.post('/sandbox/api/buttons', { messageId: section.id, userId: 'zhaomin', value: `同意 #${id}` });
    expect(pressed.status).toBe(200);
    await bot.botReply('dm:zhaomin', (m) => m.includes('已转孙波（街道分管领导）审批'));

    await approvalPost(bot, 'dm:sunbo', id);
    const typed = await bot.say('dm:sunbo', 'sunbo', `同意 #${id}`, { id: 'wx-approve-1' });
    await bot.botReply('dm:sunbo', (m) => m.includes('已转周涛（街道主要领导）审批'), typed);
    // The same platform message delivered again: no second effect.
    await bot.say('dm:sunbo', 'sunbo', `同意 #${id}`, { id: 'wx-approve-1' });

    const chief = await approvalPost(bot, 'dm:zhoutao', id);
    expect(chief.text).toContain('第 4/4 步');
    await bot.say('dm:zhoutao', 'zhoutao', '同意 注意安全', { replyTo: chief.id });
    await bot.botReply('dm:zhaomin', (m) => m.includes('✔ 赵敏 已同意'));
    await bot.botReply('dm:zhangwei', (m) => m.startsWith(`你的请假 #${id} 已批准`));
    await bot.botReply('g-work', (m) => m.startsWith(`请假公示：张伟的请假 #${id} 已批准`));

    const steps = await bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id }, orderBy: { index: 'asc' } });
    expect(steps.map((s) => [s.role, s.status])).toEqual([
      ['secretary', 'approved'],
      ['street_section', 'approved'],
      ['street_deputy_leader', 'approved'],
      ['street_chief', 'approved'],
    ]);
    expect(steps[3]!.comment).toBe('注意安全');
    await bot.app.delivery.drain();
    const sunboReplies = (await bot.messages('dm:sunbo')).filter((m) => m.userId === 'bot' && m.text.includes('已转周涛'));
    expect(sunboReplies).toHaveLength(1);
  });

  it('同意 quoting the applicant’s 「已提交」 notice decides that note; talk in between changes nothing', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const sent = await bot.say('g-work', 'zhangwei', '明天请假一天，病假，发烧，在家');
    await bot.botReply('g-work', (m) => m.includes('请确认请假条 #1'), sent);
    // The author's own talk does not confirm it; their 确认 right after does, unaddressed.
    await bot.say('g-work', 'zhangwei', '确认一下明天谁替我走访');
    expect((await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('draft');
    const confirmed = await bot.say('g-work', 'zhangwei', '确认');
    const notice = await bot.botReply('g-work', (m) => m.includes('请假 #1 已提交'), confirmed);
    await bot.say('g-work', 'wangfang', '同意');
    expect((await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('pending');
    const quoted = await bot.say('g-work', 'wangfang', '同意 早点康复', { replyTo: notice.id });
    await bot.botReply('g-work', (m) => m.startsWith('@王芳 已同意') && m.includes('#1'), quoted);
    const steps = await bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: 1 }, orderBy: { index: 'asc' } });
    expect(steps[0]).toMatchObject({ status: 'approved', comment: '早点康复' });
  });

  it('variant 2 of the regulation from the policy alone: up to 3 days the secretary, then the street deputy', async () => {
    const chain = [
      { role: 'secretary', over: '0' },
      { role: 'street_deputy_leader', over: '3d' },
      { role: 'street_chief', over: '7d' },
    ];
    bot = await startTestApp({ demo: true, now: '2026-11-20T10:00:00+08:00', policy: { leave: { chain, annual: { defaultDays: 10 } } } });
    const three = await bot.say('g-work', 'zhangwei', '请假 11月25日到27日 年休假 回老家');
    await bot.botReply('g-work', (m) => m.includes('3 个工作日') && m.includes('审批：王芳（书记）\n'), three);
    const four = await bot.say('g-work', 'liuyang', '请假 11月24日到27日 年休假 回老家');
    await bot.botReply('g-work', (m) => m.includes('4 个工作日') && m.includes('审批：王芳（书记） → 孙波（街道分管领导）\n'), four);
  });

  it('a rejection with its reason reaches the applicant', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const id = await fileLeave(bot, '请假 明天上午 病假 看病 区医院');
    const post = await approvalPost(bot, 'g-work', id);
    const noReason = await bot.say('g-work', 'wangfang', '驳回', { replyTo: post.id });
    await bot.botReply('g-work', (m) => m.includes(`驳回要写明理由，例如「驳回 #${id}`), noReason);
    await bot.say('g-work', 'wangfang', '驳回 明天有上级检查', { replyTo: post.id });
    await bot.botReply('dm:zhangwei', (m) => m.startsWith(`你的请假 #${id} 被王芳驳回，理由：明天有上级检查`));
    const late = await bot.say('g-work', 'wangfang', `同意 #${id}`);
    await bot.botReply('g-work', (m) => m === `@王芳 请假 #${id} 已驳回，无需再处理。`, late);
  });

  it('refuses personal leave while annual leave remains, and shows the balance', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00', policy: { leave: { annual: { perPerson: { 刘洋: 0 } } } } });
    const sent = await bot.say('g-work', 'zhangwei', '请假 明天 事假 去区医院体检');
    await bot.botReply('g-work', (m) => m === '@张伟 按规定先用年休假、后用事假：你今年还有 5 天年休假（共 5 天），请改为「年休假」。', sent);
    // 刘洋 has no annual leave (a per-person override): personal leave is fine.
    const other = await bot.say('g-work', 'liuyang', '请假 明天 事假 去区医院体检');
    await bot.botReply('g-work', (m) => m.startsWith('@刘洋 请确认请假条'), other);
    expect(await bot.app.db.leaveRequest.count({ where: { status: 'draft' } })).toBe(1);
  });

  it('asks for what is missing, one question at a time', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    await bot.say('dm:zhangwei', 'zhangwei', '请假');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('请假哪天、什么时间？'));
    await bot.say('dm:zhangwei', 'zhangwei', '11.25-11.26');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('请假类型是什么？'));
    await bot.say('dm:zhangwei', 'zhangwei', '年假');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('请假事由是什么？'));
    await bot.say('dm:zhangwei', 'zhangwei', '陪孩子');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('请假期间的去向'));
    const last = await bot.say('dm:zhangwei', 'zhangwei', '在家');
    const shown = await bot.botReply('dm:zhangwei', (m) => m.startsWith('请确认请假条'), last);
    expect(shown.text).toContain('类型：年休假');
    expect(shown.text).toContain('事由：陪孩子\n去向：在家');
    expect(shown.text).toContain('审批：王芳（书记） → 赵敏（社区建设科） → 孙波（街道分管领导）');
  });

  it('补假 by the secretary follows the chain and, approved, makes that morning leave', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T10:00:00+08:00' });
    /** 张伟's morning of 2026-11-23 in the attendance report, as it stands at noon. */
    const morning = async () => {
      const app = bot!.app;
      const calendar = await loadCalendar(app.db);
      const staff = (await app.db.$transaction((tx) => officeStaff(tx, null))).filter((p) => p.name === '张伟');
      const report = await app.db.$transaction((tx) =>
        loadReport(tx, app.policy, [calendar.day('2026-11-23')], staff, new Date('2026-11-23T12:00:00+08:00')),
      );
      return report.people[0]!.days[0]!.sessions.find((s) => s.session === 'am')!;
    };
    expect(await morning()).toMatchObject({ status: 'absent', leaveType: null });
    const sent = await bot.say('g-work', 'wangfang', '补假 张伟 今天上午 病假 电话请假');
    const filed = await bot.botReply('g-work', (m) => m.includes('已为张伟补办请假'), sent);
    expect(filed.text).toContain('状态：审批中');
    const id = Number(/#(\d+)/.exec(filed.text)![1]);
    // Filing is the secretary's signature; the morning (3.5 h) also needs the street section.
    await approvalPost(bot, 'dm:zhaomin', id);
    await bot.say('dm:zhaomin', 'zhaomin', `同意 #${id}`);
    await bot.botReply('dm:zhangwei', (m) => m.startsWith(`你的请假 #${id} 已批准`));

    const zhang = await bot.app.db.person.findFirstOrThrow({ where: { name: '张伟' } });
    const intervals = await approvedLeaveIntervals(bot.app.db, {
      personIds: [zhang.id],
      from: new Date('2026-11-23T00:00:00+08:00'),
      to: new Date('2026-11-24T00:00:00+08:00'),
    });
    expect(intervals).toEqual([
      { personId: zhang.id, leaveId: id, from: new Date('2026-11-23T08:00:00+08:00'), to: new Date('2026-11-23T11:30:00+08:00'), type: '病假' },
    ]);
    const leave = await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id } });
    expect(leave.certificate).toBe('owed');
    expect(await morning()).toMatchObject({ status: 'leave', leaveType: '病假' });
  });

  it('a missed 销假 reminds the person, then the secretary; 销假 closes the leave', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const id = await fileLeave(bot, '请假 今天下午2点到4点 外出 去街道开会');
    const post = await approvalPost(bot, 'g-work', id);
    await bot.say('g-work', 'wangfang', '批准', { replyTo: post.id });
    await bot.botReply('dm:zhangwei', (m) => m.startsWith(`你的请假 #${id} 已批准`));

    await bot.post('/sandbox/api/clock', { now: '2026-11-23T16:35:00', frozen: true });
    await bot.botReply('dm:zhangwei', (m) => m === `你的请假 #${id} 已于 2026-11-23 16:00 结束，还没有销假。回到岗位后请发送「销假 #${id}」。`);
    // The secretary's reminder falls due at 20:00, after office time: it goes out the next morning.
    await bot.post('/sandbox/api/clock', { now: '2026-11-23T20:00:00', frozen: true });
    await bot.app.scheduler.tick();
    expect((await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id } })).returnEscalatedAt).toBeNull();
    await bot.post('/sandbox/api/clock', { now: '2026-11-24T07:05:00', frozen: true });
    await bot.botReply('dm:wangfang', (m) => m === `张伟的请假 #${id} 已于 2026-11-23 16:00 结束，至今没有销假，请跟进。`);

    const back = await bot.say('g-work', 'zhangwei', '销假');
    await bot.botReply('g-work', (m) => m === `@张伟 已销假 #${id}（2026-11-24 07:05），欢迎回来！`, back);
    const leave = await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id } });
    expect(leave.returnedAt).toEqual(new Date('2026-11-24T07:05:00+08:00'));
  });

  it('a note can be withdrawn before approval, and 请假记录 lists one’s own leave', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const id = await fileLeave(bot, '请假 明天 年休假 回老家');
    const post = await approvalPost(bot, 'g-work', id);
    const taken = await bot.say('g-work', 'zhangwei', `撤回 #${id}`);
    await bot.botReply('g-work', (m) => m === `@张伟 请假 #${id} 已撤回。`, taken);
    await bot.botReply('g-work', (m) => m.includes(`请假审批 #${id}`) && m.includes('— 张伟 已撤回'));
    const late = await bot.say('g-work', 'wangfang', '同意', { replyTo: post.id });
    await bot.botReply('g-work', (m) => m === `@王芳 请假 #${id} 已撤回，无需再处理。`, late);

    const list = await bot.say('dm:zhangwei', 'zhangwei', '请假记录');
    const lines = await bot.botReply('dm:zhangwei', (m) => m.startsWith(`#${id} 年休假`), list);
    expect(lines.text).toContain('已撤回');
    expect(lines.text).toContain('年休假余额：5 天（共 5 天）');
  });
});
