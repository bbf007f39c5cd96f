import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('考勤 in chat', () => {
  it('staff see their own month, with the days that were not normal', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T08:05:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签到');
    bot.clock.set(new Date('2026-11-23T17:00:00+08:00'), { frozen: true });
    await bot.say('dm:zhangwei', 'zhangwei', '考勤 本月');
    const reply = await bot.botReply('dm:zhangwei', (text) => text.startsWith('张伟 2026-11 考勤'));
    // 1-20 November: 14 workdays nobody checked in; the 23rd: late in the morning, absent in the afternoon.
    expect(reply.text.split('\n').slice(1, 2)).toEqual(['已过 32 次：正常 0、迟到 1、早退 0、脱岗 0、旷工 31、请假 0、外出 0、补记 0；非全勤；得分 20']);
    expect(reply.text).toContain('11-23 上午迟到 5 分钟，下午旷工');

    await bot.say('dm:zhangwei', 'zhangwei', '考勤 刘洋');
    await bot.botReply('dm:zhangwei', (text) => text === '你只能查看自己的考勤；查看他人需考勤负责人、书记、副书记或主任。');
  });

  it('the attendance officer sees the community, or one person in a named month', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-02T12:00:00+08:00' });
    await bot.say('dm:chenjing', 'chenjing', '考勤');
    const community = await bot.botReply('dm:chenjing', (text) => text.startsWith('幸福社区 2026-11 考勤'));
    expect(community.text.split('\n')).toHaveLength(6);
    expect(community.text).toContain('张伟：已过 1 次：正常 0、迟到 0、早退 0、脱岗 0、旷工 1');
    await bot.say('dm:chenjing', 'chenjing', '考勤 @刘洋 10月');
    const october = await bot.botReply('dm:chenjing', (text) => text.startsWith('刘洋 2026-10 考勤'));
    // October 2026: 18 workdays by the calendar (国庆 1-7 off, 10-10 a 调休 Saturday).
    expect(october.text).toContain('已过 36 次');
    expect(october.text).toContain('10-10 上午旷工，下午旷工');
    await bot.say('dm:chenjing', 'chenjing', '考勤 刘洋 张伟');
    await bot.botReply('dm:chenjing', (text) => text === '请按「考勤 本月」「考勤 上月」「考勤 11月」或「考勤 张三 11月」发送。');
  });
});
