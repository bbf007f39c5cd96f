import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { botTexts, moveTo } from '../../incident/office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const start = (policy?: Record<string, unknown>) => startTestApp({ demo: true, now: '2026-12-02T09:00:00+08:00', ...(policy ? { policy } : {}) });

describe("residents' questions (居民提问)", () => {
  it('is forwarded to the work group and answered by quote back in the resident group, quoting the resident; the first answerer owns it', async () => {
    bot = await start();
    const asked = await bot.say('g-residents', 'qiandaye', '@社区助手 停水到几点？');
    const ack = await bot.botReply('g-residents', (m) => m.includes('问题 #1'), asked);
    expect(ack.text).toBe('@钱大爷 收到，已转给社区工作人员（问题 #1），答复会发在这个群里。');
    expect(ack.replyTo).toBe(asked);
    const post = await bot.botReply('g-work', (m) => m.startsWith('【居民提问 #1】'));
    expect(post.text).toBe('【居民提问 #1】\n幸福社区居民群 · 钱大爷（09:00）：\n停水到几点？\n回复本消息即可答复居民，或写「答复 #1 内容」；第一位答复的同事负责到底。');

    bot.clock.set(new Date('2026-12-02T09:20:00+08:00'), { frozen: true });
    const reply = await bot.say('g-work', 'zhangwei', '预计下午5点恢复供水，请提前储水', { replyTo: post.id });
    await bot.botReply('g-work', (m) => m === '@张伟 已把答复发到幸福社区居民群（问题 #1 由你负责，已关闭）。', reply);
    const answer = await bot.botReply('g-residents', (m) => m.includes('【答复 #1】'), ack.id);
    expect(answer.text).toBe('@钱大爷 【答复 #1】张伟：预计下午5点恢复供水，请提前储水');
    expect(answer.replyTo).toBe(asked);

    // 首问责任: a colleague's later answer is not sent; they are told who owns it.
    const late = await bot.say('g-work', 'liuyang', '答复 #1 下午4点就来水');
    await bot.botReply('g-work', (m) => m === '@刘洋 问题 #1 已由张伟答复并负责（首问责任），如需补充请联系张伟。', late);
    expect((await botTexts(bot, 'g-residents')).filter((m) => m.includes('下午4点'))).toEqual([]);
    const question = await bot.app.db.residentQuestion.findUniqueOrThrow({ where: { id: 1 } });
    expect([question.status, question.ownerName, question.answeredAt?.toISOString()]).toEqual(['answered', '张伟', '2026-12-02T01:20:00.000Z']);

    // The owner may add to the answer.
    await bot.say('g-work', 'zhangwei', '答复 #1 3栋的水压会低一些');
    await bot.botReply('g-residents', (m) => m === '@钱大爷 【补充答复 #1】张伟：3栋的水压会低一些');
  });

  it('chatter in the resident group, and staff addressing the bot there, are no questions', async () => {
    bot = await start();
    const chatter = await bot.say('g-residents', 'qiandaye', '停水到几点？');
    const staff = await bot.say('g-residents', 'zhangwei', '@社区助手 停水到几点？');
    await bot.botReply('g-residents', (m) => m.startsWith('@张伟'), staff);
    const outcome = await bot.app.db.inboxEvent.findUniqueOrThrow({ where: { platform_eventId: { platform: 'sandbox', eventId: chatter } } });
    expect(JSON.parse(outcome.outcome!)).toEqual({ ignored: true });
    expect(await bot.app.db.residentQuestion.count()).toBe(0);
  });

  it('an unanswered question is reminded to the work group once after the policy’s hours, and quoting the reminder answers it', async () => {
    bot = await start({ notice: { questions: { remindAfterHours: 2 } } });
    await bot.say('g-residents', 'qiandaye', '@社区助手 电梯什么时候修好？');
    await bot.botReply('g-work', (m) => m.startsWith('【居民提问 #1】'));
    await moveTo(bot, '2026-12-02T10:59:00');
    expect((await botTexts(bot, 'g-work')).filter((m) => m.startsWith('【提醒】'))).toEqual([]);
    await moveTo(bot, '2026-12-02T11:00:00');
    const reminder = await bot.botReply('g-work', (m) => m.startsWith('【提醒】'));
    expect(reminder.text).toBe('【提醒】居民提问 #1 已超过 2 小时没有人答复\n幸福社区居民群 · 钱大爷（09:00）：\n电梯什么时候修好？\n回复本消息即可答复居民，或写「答复 #1 内容」；第一位答复的同事负责到底。');
    await moveTo(bot, '2026-12-02T14:00:00');
    expect((await botTexts(bot, 'g-work')).filter((m) => m.startsWith('【提醒】'))).toHaveLength(1);

    await bot.say('g-work', 'liuyang', '维修师傅下午3点到', { replyTo: reminder.id });
    await bot.botReply('g-residents', (m) => m === '@钱大爷 【答复 #1】刘洋：维修师傅下午3点到');
  });
});
