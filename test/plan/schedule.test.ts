import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/** The prompt, reminder and summary on the national calendar of 2026 and under other policies. */

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function at(t: TestApp, now: string): Promise<void> {
  t.clock.set(new Date(`${now}+08:00`), { frozen: true });
  await t.app.scheduler.tick();
}

/** Messages the bot committed between two office times, matching `pattern`, as "chat: first line". */
async function sent(t: TestApp, from: string, to: string, pattern: RegExp): Promise<string[]> {
  const rows = await t.app.db.outboxMessage.findMany({ where: { createdAt: { gte: new Date(`${from}+08:00`), lt: new Date(`${to}+08:00`) } }, orderBy: { id: 'asc' } });
  return rows.map((r) => `${r.platformChatId}: ${(JSON.parse(r.payload) as { text: string }).text.split('\n')[0]}`).filter((line) => pattern.test(line));
}

const day = (date: string, offset: number) => new Date(Date.parse(`${date}T00:00:00Z`) + offset * 86_400_000).toISOString().slice(0, 10);

describe('the Monday prompt on the office calendar', () => {
  it('春节 2026: Monday 02-09; not the 调休 Saturday 02-14; nothing in the week with no workday; Tuesday 02-24; not the 调休 Saturday 02-28', async () => {
    bot = await startTestApp({ demo: true, now: '2026-02-08T20:00:00+08:00' });
    const prompted: Record<string, number> = {};
    for (let i = 0; i < 21; i++) {
      const date = day('2026-02-09', i);
      await at(bot, `${date}T08:30:00`);
      const prompts = await sent(bot, `${date}T00:00:00`, `${day(date, 1)}T00:00:00`, /新的一周开始了/);
      if (prompts.length > 0) prompted[date] = prompts.length;
    }
    expect(prompted).toEqual({ '2026-02-09': 5, '2026-02-24': 5 });
  });

  it('清明 2026: the holiday Monday 04-06 moves the prompt, the reminder and the summary to Tuesday', async () => {
    bot = await startTestApp({ demo: true, now: '2026-04-05T20:00:00+08:00' });
    for (const time of ['2026-04-06T08:30:00', '2026-04-06T12:00:00', '2026-04-06T17:00:00', '2026-04-07T08:30:00', '2026-04-07T12:00:00', '2026-04-07T17:00:00']) await at(bot, time);
    const plan = /新的一周|还没收到|工作计划汇总/;
    expect(await sent(bot, '2026-04-06T00:00:00', '2026-04-07T00:00:00', plan)).toEqual([]);
    const tuesday = await sent(bot, '2026-04-07T00:00:00', '2026-04-08T00:00:00', plan);
    expect(tuesday.filter((m) => m.includes('新的一周'))).toHaveLength(5);
    expect(tuesday.filter((m) => m.includes('还没收到'))).toHaveLength(5);
    expect(tuesday.filter((m) => m.includes('汇总'))).toEqual(['dm:wangfang: 幸福社区 第15周（4月6日—4月12日）工作计划汇总']);
  });
});

describe('other policies', () => {
  it('a two-day window, the reminder naming people in the work group, the summary to the work group too', async () => {
    bot = await startTestApp({
      demo: true,
      now: '2026-11-29T20:00:00+08:00',
      policy: { plans: { deadline: { workday: 2, at: '16:00' }, reminder: { at: '10:00', to: 'work_group' }, summary: { workGroup: true }, roles: ['staff'] } },
    });
    await at(bot, '2026-11-30T08:30:00');
    const prompts = await sent(bot, '2026-11-30T00:00:00', '2026-12-01T00:00:00', /新的一周/);
    // Only staff post plans under this policy; the deadline is Tuesday 16:00.
    expect(prompts).toEqual([
      'dm:zhangwei: 张伟，新的一周开始了。请在12月1日（周二）16:00 前发第49周（11月30日—12月6日）的工作计划。',
      'dm:liuyang: 刘洋，新的一周开始了。请在12月1日（周二）16:00 前发第49周（11月30日—12月6日）的工作计划。',
    ]);
    // Monday 10:00 is no deadline day: no reminder yet.
    await at(bot, '2026-11-30T10:00:00');
    const posted = await bot.say('g-work', 'zhangwei', '周计划\n1. 走访3栋独居老人\n2. 整理低保台账');
    await bot.botReply('g-work', (m) => m.includes('已收到'), posted);
    await at(bot, '2026-12-01T10:00:00');
    await at(bot, '2026-12-01T16:00:00');
    expect(await sent(bot, '2026-11-30T10:00:00', '2026-12-02T00:00:00', /还没|汇总/)).toEqual([
      'g-work: 第49周（11月30日—12月6日）的工作计划还没发的同事：刘洋。请在今天 16:00 前发「周计划」。',
      'dm:wangfang: 幸福社区 第49周（11月30日—12月6日）工作计划汇总',
      'g-work: 幸福社区 第49周（11月30日—12月6日）工作计划汇总',
    ]);
  });

  it('refuses a reminder after the deadline, naming the field', async () => {
    await expect(startTestApp({ policy: { plans: { reminder: { at: '18:00' } } } })).rejects.toThrow('plans.reminder.at: must be before deadline.at');
  });
});
