import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function fileLeave(t: TestApp, text: string, userId = 'zhangwei'): Promise<number> {
  const sent = await t.say('g-work', userId, text);
  const shown = await t.botReply('g-work', (m) => m.includes('请确认请假条'), sent);
  const confirmed = await t.say('g-work', userId, '确认');
  await t.botReply('g-work', (m) => m.includes('已提交'), confirmed);
  return Number(/#(\d+)/.exec(shown.text)![1]);
}

/** 吴丽, deputy secretary of 幸福社区, bound as sandbox user wuli. */
async function addDeputySecretary(t: TestApp): Promise<number> {
  const community = await t.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
  const person = await t.app.db.person.create({
    data: {
      name: '吴丽',
      rosterKey: 'community:幸福社区:吴丽',
      communityId: community.id,
      streetId: community.streetId,
      roles: { create: { role: 'deputy_secretary' } },
      bindings: { create: { platform: 'sandbox', platformUserId: 'wuli' } },
    },
  });
  return person.id;
}

/** 王芳 on approved leave all of 2026-11-23. */
async function secretaryAway(t: TestApp): Promise<void> {
  const wang = await t.app.db.person.findFirstOrThrow({ where: { name: '王芳' } });
  await t.app.db.leaveRequest.create({
    data: {
      personId: wang.id,
      communityId: wang.communityId,
      type: '年休假',
      startAt: new Date('2026-11-23T08:00:00+08:00'),
      endAt: new Date('2026-11-23T16:30:00+08:00'),
      workMinutes: 420,
      reason: '休假',
      destination: '在家',
      status: 'approved',
      platform: 'sandbox',
      platformChatId: 'dm:wangfang',
      createdAt: new Date('2026-11-20T09:00:00+08:00'),
    },
  });
}

describe('leave approvers who are away or do not answer', () => {
  it('an idle step reminds its approver, then escalates to the next step; the applicant is told both', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const id = await fileLeave(bot, '请假 11月25日到27日 年休假 回老家');

    await bot.post('/sandbox/api/clock', { now: '2026-11-23T13:05:00', frozen: true });
    await bot.botReply('g-work', (m) => m.startsWith(`@王芳 请假审批 #${id}（提醒：还在等你审批）`));
    await bot.botReply('dm:zhangwei', (m) => m === `你的请假 #${id} 已提醒王芳（书记）尽快审批。`);

    // No deputy secretary in this office: after 24 hours the street section takes it.
    await bot.post('/sandbox/api/clock', { now: '2026-11-24T09:05:00', frozen: true });
    await bot.botReply('dm:zhaomin', (m) => m.startsWith(`请假审批 #${id}`) && m.includes('第 2/4 步'));
    await bot.botReply('dm:zhangwei', (m) => m === `你的请假 #${id} 超时未审批，已转由赵敏（社区建设科）审批。`);
    const steps = await bot.app.db.approvalStep.findMany({ where: { kind: 'leave', requestId: id }, orderBy: { index: 'asc' } });
    expect(steps.slice(0, 2).map((s) => s.status)).toEqual(['skipped', 'pending']);
    // The secretary can no longer act on the step that moved on.
    const late = await bot.say('g-work', 'wangfang', `同意 #${id}`);
    await bot.botReply('g-work', (m) => m === `@王芳 请假 #${id} 这一步应由赵敏（社区建设科）审批，你不能审批。`, late);
  });

  it('an idle secretary step escalates to the deputy secretary', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const deputy = await addDeputySecretary(bot);
    const id = await fileLeave(bot, '请假 今天下午2点到4点 外出 去街道开会');
    await bot.post('/sandbox/api/clock', { now: '2026-11-24T09:05:00', frozen: true });
    const post = await bot.botReply('g-work', (m) => m.startsWith(`@吴丽 请假审批 #${id}（王芳超时未处理，转由你审批）`));
    await bot.botReply('dm:zhangwei', (m) => m === `你的请假 #${id} 超时未审批，已转由吴丽（副书记）审批。`);
    await bot.say('g-work', 'wuli', '同意', { replyTo: post.id });
    await bot.botReply('dm:zhangwei', (m) => m.startsWith(`你的请假 #${id} 已批准`));
    const step = await bot.app.db.approvalStep.findFirstOrThrow({ where: { kind: 'leave', requestId: id } });
    expect([step.status, step.actedById]).toEqual(['approved', deputy]);
  });

  it('a secretary on leave: the deputy secretary approves instead', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    await addDeputySecretary(bot);
    await secretaryAway(bot);
    const sent = await bot.say('g-work', 'zhangwei', '请假 今天下午2点到4点 外出 去街道开会');
    await bot.botReply('g-work', (m) => m.includes('审批：吴丽（副书记）'), sent);
    await bot.say('g-work', 'zhangwei', '确认');
    await bot.botReply('g-work', (m) => m.startsWith('@吴丽 请假审批 #2'));
    const refused = await bot.say('g-work', 'wangfang', '同意 #2');
    await bot.botReply('g-work', (m) => m === '@王芳 请假 #2 这一步应由吴丽（副书记）审批，你不能审批。', refused);
  });

  it('a note nobody can approve is not filed', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    await bot.app.db.personRole.deleteMany({ where: { role: 'secretary' } });
    const sent = await bot.say('g-work', 'zhangwei', '请假 今天下午2点到4点 外出 去街道开会');
    await bot.botReply('g-work', (m) => m.includes('审批：书记\n'), sent);
    const confirmed = await bot.say('g-work', 'zhangwei', '确认');
    await bot.botReply('g-work', (m) => m === '@张伟 找不到可以审批的书记，请假条暂未提交。请联系管理员在花名册里补上书记。', confirmed);
    expect((await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('draft');
    expect(await bot.app.db.approvalStep.count()).toBe(0);
  });

  it("the secretary's own leave goes to the street chief, privately", async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const sent = await bot.say('dm:wangfang', 'wangfang', '请假 明天 年休假 回老家');
    await bot.botReply('dm:wangfang', (m) => m.includes('审批：周涛（街道主要领导）'), sent);
    await bot.say('dm:wangfang', 'wangfang', '确认');
    const post = await bot.botReply('dm:zhoutao', (m) => m.startsWith('请假审批 #1') && m.includes('第 1/1 步'));
    await bot.post('/sandbox/api/buttons', { messageId: post.id, userId: 'zhoutao', value: '同意 #1' });
    await bot.botReply('dm:wangfang', (m) => m.startsWith('你的请假 #1 已批准'));
    await bot.botReply('dm:zhoutao', (m) => m.startsWith('请假审批 #1') && m.includes('✔ 周涛 已同意'));
  });

  it('a 补假 approved after the leave ended asks nobody for 销假; 销假 before a leave begins is refused', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T15:00:00+08:00' });
    await bot.say('g-work', 'wangfang', '补假 张伟 今天上午 病假 电话请假');
    await bot.say('dm:zhaomin', 'zhaomin', '同意 #1');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('你的请假 #1 已批准'));
    bot.clock.set(new Date('2026-11-23T17:00:00+08:00'), { frozen: true });
    await bot.app.scheduler.tick();
    const leave = await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } });
    expect([leave.status, leave.returnRemindedAt, leave.returnEscalatedAt]).toEqual(['approved', null, null]);

    bot.clock.set(new Date('2026-11-23T09:00:00+08:00'), { frozen: true });
    const id = (await bot.app.db.leaveRequest.count()) + 1;
    await bot.say('g-work', 'liuyang', '请假 明天 年休假 回老家');
    await bot.say('g-work', 'liuyang', '确认');
    await bot.say('g-work', 'wangfang', `同意 #${id}`);
    await bot.say('dm:zhaomin', 'zhaomin', `同意 #${id}`);
    await bot.botReply('dm:liuyang', (m) => m.startsWith(`你的请假 #${id} 已批准`));
    const early = await bot.say('g-work', 'liuyang', `销假 #${id}`);
    await bot.botReply('g-work', (m) => m === `@刘洋 请假 #${id} 要到 2026-11-24 08:00 才开始，还不能销假。`, early);
  });

  it('sick leave: the owed certificate is reminded until 病假证明 records it', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    const sent = await bot.say('g-work', 'zhangwei', '请假 今天 病假 发烧 在家');
    await bot.botReply('g-work', (m) => m.includes('病假需要医院证明'), sent);
    await bot.say('g-work', 'zhangwei', '确认');
    await bot.botReply('g-work', (m) => m.includes('医院证明待补'));
    await bot.post('/sandbox/api/clock', { now: '2026-11-24T09:05:00', frozen: true });
    await bot.botReply('dm:zhangwei', (m) => m === '你的病假 #1 还没有提交医院证明，请尽快交给书记，并发送「病假证明 #1」登记。');
    const handed = await bot.say('dm:zhangwei', 'zhangwei', '病假证明 #1');
    await bot.botReply('dm:zhangwei', (m) => m === '已登记请假 #1 的医院证明。', handed);
    expect((await bot.app.db.leaveRequest.findUniqueOrThrow({ where: { id: 1 } })).certificate).toBe('provided');
  });
});
