import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('补记: recording why someone could not check in', () => {
  it('the attendance officer records an exception with an audit trail; a later one for the same session is kept beside it', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T12:00:00+08:00' });
    await bot.say('g-work', 'chenjing', '补记 @张伟 上午 区里开会');
    await bot.botReply('g-work', (text) => text === '@陈静 已补记：张伟 2026-11-23 上午，原因：区里开会（陈静 于 12:00 记录）。');
    bot.clock.set(new Date('2026-11-24T09:00:00+08:00'), { frozen: true });
    await bot.say('dm:wangfang', 'wangfang', '补记 张伟 昨天 上午 街道培训');
    await bot.botReply('dm:wangfang', (text) => text === '已补记：张伟 2026-11-23 上午，原因：街道培训（王芳 于 09:00 记录）。');
    const rows = await bot.app.db.attendanceException.findMany({ include: { person: true, recordedBy: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => [r.person.name, r.officeDate, r.session, r.reason, r.recordedBy.name, r.recordedAt.toISOString()])).toEqual([
      ['张伟', '2026-11-23', 'am', '区里开会', '陈静', '2026-11-23T04:00:00.000Z'],
      ['张伟', '2026-11-23', 'am', '街道培训', '王芳', '2026-11-24T01:00:00.000Z'],
    ]);
  });

  it('refuses staff, oneself, unknown names and sessions, the future, and explains the format', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T12:00:00+08:00' });
    const cases: [string, string, string][] = [
      ['zhangwei', '补记 刘洋 上午 开会', '@张伟 「补记」只有考勤员、书记或副书记可以使用。'],
      ['chenjing', '补记 陈静 上午 开会', '@陈静 不能给自己补记，请让考勤负责人或书记为你补记。'],
      ['chenjing', '补记 王五 上午 开会', '@陈静 幸福社区没有叫「王五」的工作人员，请检查姓名。'],
      ['chenjing', '补记 张伟 晚上 开会', '@陈静 没有「晚上」这个时段，可选：上午、下午。'],
      ['chenjing', '补记 张伟 11月30日 上午 开会', '@陈静 不能为以后的日子补记。'],
      ['chenjing', '补记 张伟', '@陈静 请按「补记 姓名 [日期] 上午或下午 原因」发送，例如：补记 王五 上午 区里开会，或 补记 王五 11月20日 下午 入户走访。'],
    ];
    for (const [user, text, answer] of cases) {
      const sent = await bot.say('g-work', user, text);
      await bot.botReply('g-work', (reply) => reply === answer, sent);
    }
    expect(await bot.app.db.attendanceException.count()).toBe(0);
  });
});
