import { translate } from '../../commands/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { planJobs } from '../../commands/plan/jobs/weekly.ts';
import { runJob } from '../../src/scheduler/scheduler.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { freshDatabaseUrl } from '../helpers/database.ts';

/**
 * Each plan job exactly once across restarts: the scheduler claims (job, minute), and each person's
 * prompt and reminder and each community's summary are claimed again by compare-and-set, so even a
 * run the scheduler repeats (its claims lost, catch-up for a later minute) sends nothing twice.
 */

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});


async function restartAt(url: string, now: string): Promise<TestApp> {
  await bot?.stop();
  bot = await startTestApp({ demo: true, databaseUrl: url, now: `${now}+08:00` });
  await bot.app.scheduler.tick();
  // What a stop left unsent goes out now; a message said next comes after it, as a person would see it.
  await bot.delivered();
  return bot;
}

async function count(t: TestApp, pattern: RegExp): Promise<Record<string, number>> {
  const rows = await t.app.db.outboxMessage.findMany({ where: { createdAt: { gte: new Date('2026-11-30T00:00:00+08:00') } } });
  const counts: Record<string, number> = {};
  for (const row of rows) if (pattern.test(row.payload)) counts[row.platformChatId] = (counts[row.platformChatId] ?? 0) + 1;
  return counts;
}

/** The job run again for a later minute, as catch-up after downtime may: only its own claims stop it. */
async function rerun(t: TestApp, name: string, minute: string): Promise<void> {
  const job = planJobs(t.app.policy, translate('zh-CN')).find((j) => j.name === name)!;
  await t.app.db.$transaction((tx) => runJob(tx, job, new Date(`${minute}+08:00`)));
}

describe('the plan jobs across restarts', () => {
  it('the prompt, the reminder and the summary each go out once', async () => {
    const url = await freshDatabaseUrl();
    let t = await restartAt(url, '2026-11-23T09:00:00');
    const posted = await t.say('g-work', 'zhangwei', '周计划\n1. 走访3栋独居老人\n2. 整理低保台账');
    await t.botReply('g-work', (m) => m.includes('已收到'), posted);

    const everyone = { 'dm:wangfang': 1, 'dm:liqiang': 1, 'dm:zhangwei': 1, 'dm:liuyang': 1, 'dm:chenjing': 1 };
    t = await restartAt(url, '2026-11-30T08:30:00');
    expect(await count(t, /新的一周开始了/)).toEqual(everyone);
    // Restarted inside the catch-up window: the scheduler's claim of 08:30 holds.
    t = await restartAt(url, '2026-11-30T08:35:00');
    expect(await count(t, /新的一周开始了/)).toEqual(everyone);
    await rerun(t, 'plan-prompt', '2026-11-30T08:35:00');
    expect(await count(t, /新的一周开始了/)).toEqual(everyone);
    // The question the prompt left open in 张伟's private chat survived the restarts, once.
    expect(await t.app.db.conversation.count({ where: { platformChatId: 'dm:zhangwei', command: 'plan-results' } })).toBe(1);
    const answered = await t.say('dm:zhangwei', 'zhangwei', '1 完成 2 完成一半');
    expect((await t.botReply('dm:zhangwei', () => true, answered)).text).toContain('2. 整理低保台账 —— 完成一半');

    t = await restartAt(url, '2026-11-30T12:00:00');
    const reminded = { 'dm:wangfang': 1, 'dm:liqiang': 1, 'dm:zhangwei': 1, 'dm:liuyang': 1, 'dm:chenjing': 1 };
    expect(await count(t, /还没收到/)).toEqual(reminded);
    t = await restartAt(url, '2026-11-30T12:10:00');
    expect(await count(t, /还没收到/)).toEqual(reminded);
    await rerun(t, 'plan-reminder', '2026-11-30T12:10:00');
    expect(await count(t, /还没收到/)).toEqual(reminded);

    t = await restartAt(url, '2026-11-30T17:00:00');
    expect(await count(t, /工作计划汇总/)).toEqual({ 'dm:wangfang': 1 });
    t = await restartAt(url, '2026-11-30T17:05:00');
    expect(await count(t, /工作计划汇总/)).toEqual({ 'dm:wangfang': 1 });
    await rerun(t, 'plan-summary', '2026-11-30T17:05:00');
    expect(await count(t, /工作计划汇总/)).toEqual({ 'dm:wangfang': 1 });
    expect(await t.app.db.planSummary.count()).toBe(1);
  });
});
