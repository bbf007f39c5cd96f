import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const toWorkGroup = { attendance: { dailySummary: { at: '12:00', to: 'work_group' } } };

describe('the daily attendance summary', () => {
  it('goes to the work group at the configured time, with the finished sessions classified', async () => {
    bot = await startTestApp({ demo: true, policy: toWorkGroup, now: '2026-11-23T07:55:00+08:00' });
    for (const user of ['wangfang', 'liqiang', 'chenjing', 'liuyang']) await bot.say('g-work', user, '签到');
    bot.clock.set(new Date('2026-11-23T08:07:00+08:00'), { frozen: true });
    await bot.say('g-work', 'zhangwei', '签到');
    bot.clock.set(new Date('2026-11-23T12:00:00+08:00'), { frozen: true });
    await bot.app.scheduler.tick();
    const summary = await bot.botReply('g-work', (text) => text.startsWith('幸福社区 2026-11-23 考勤日报'));
    expect(summary.text.split('\n').slice(1)).toEqual(['迟到：张伟（上午 7 分钟）']);
  });

  it('is not sent on a holiday', async () => {
    bot = await startTestApp({ demo: true, policy: toWorkGroup, now: '2026-10-01T11:55:00+08:00' });
    bot.clock.set(new Date('2026-10-01T12:00:00+08:00'), { frozen: true });
    await bot.app.scheduler.tick();
    expect(await bot.app.db.scheduledRun.count({ where: { job: 'attendance-daily-summary' } })).toBe(1);
    expect(await bot.app.db.outboxMessage.count({ where: { payload: { contains: '考勤日报' } } })).toBe(0);
  });
});
