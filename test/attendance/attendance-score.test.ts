import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('考勤评分: the secretary’s discretionary points', () => {
  it('records points for this month or a named month; the latest counts', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T17:00:00+08:00' });
    await bot.say('dm:wangfang', 'wangfang', '考勤评分 张伟 18');
    await bot.botReply('dm:wangfang', (text) => text === '已记录：张伟 2026-11 书记评分 18/20 分。');
    await bot.say('dm:wangfang', 'wangfang', '考勤评分 @刘洋 15 10月');
    await bot.botReply('dm:wangfang', (text) => text === '已记录：刘洋 2026-10 书记评分 15/20 分。');
    const rows = await bot.app.db.attendanceScore.findMany({ include: { person: true, setBy: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.person.name, r.month, r.points, r.setBy.name])).toEqual([
      ['张伟', '2026-11', 18, '王芳'],
      ['刘洋', '2026-10', 15, '王芳'],
    ]);
  });

  it('refuses staff, oneself and points above the share', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T17:00:00+08:00' });
    const cases: [string, string, string][] = [
      ['zhangwei', '考勤评分 刘洋 20', '「考勤评分」只有书记或副书记可以使用。'],
      ['wangfang', '考勤评分 王芳 20', '不能给自己评分。'],
      ['wangfang', '考勤评分 张伟 25', '书记评分最多 20 分。'],
      ['wangfang', '考勤评分 张伟 很好', '请按「考勤评分 姓名 分数 [月份]」发送，分数 0 到 20，例如：考勤评分 张三 18 或 考勤评分 张三 18 11月。'],
    ];
    for (const [user, text, answer] of cases) {
      const sent = await bot.say(`dm:${user}`, user, text);
      await bot.botReply(`dm:${user}`, (reply) => reply === answer, sent);
    }
    expect(await bot.app.db.attendanceScore.count()).toBe(0);
  });
});
