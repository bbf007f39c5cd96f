import { afterEach, describe, expect, it } from 'vitest';
import { parseWhereaboutsNote } from '../../commands/attendance/rules/whereabouts.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('whereabouts note', () => {
  it.each([
    ['去街道送材料 10:30回', '去街道送材料', '10:30'],
    ['10点半回来 去医院', '去医院', '10:30'],
    ['3号楼', '3号楼', null],
    ['', null, null],
  ])('%s', (rest, note, returnAt) => {
    expect(parseWhereaboutsNote(rest)).toEqual({ note, returnAt });
  });
});

describe('the whereabouts board (去向)', () => {
  it('shows each colleague’s status of the day, and forgets it the next day', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T07:55:00+08:00' });
    await bot.say('g-work', 'liuyang', '签到');
    bot.clock.set(new Date('2026-11-23T09:40:00+08:00'), { frozen: true });
    // In a group the five words are talk unless the bot is addressed or the form is 「去向 …」.
    await bot.say('g-work', 'zhangwei', '外出的同事请注意，下午有检查');
    await bot.say('g-work', 'liqiang', '开会了开会了');
    await bot.say('g-work', 'zhangwei', '去向 外出 去街道送材料 10:30回');
    await bot.botReply('g-work', (text) => text === '@张伟 已更新去向：外出（去街道送材料，预计 10:30 回）。今天下班后自动清空。');
    await bot.say('g-work', 'liqiang', '@社区助手 开会');
    const board = await bot.say('g-work', 'wangfang', '去向');
    const reply = await bot.botReply('g-work', (text) => text.startsWith('@王芳 幸福社区今日去向（09:40）'), board);
    expect(reply.text.split('\n').slice(1)).toEqual([
      '王芳：未签到，未报去向',
      '李强：开会，09:40 更新',
      '张伟：外出（去街道送材料，预计 10:30 回），09:40 更新',
      '刘洋：在岗（07:55 签到）',
      '陈静：未签到，未报去向',
    ]);
    bot.clock.set(new Date('2026-11-24T08:00:00+08:00'), { frozen: true });
    const next = await bot.say('g-work', 'wangfang', '去向');
    const tomorrow = await bot.botReply('g-work', (text) => text.includes('今日去向（08:00）'), next);
    expect(tomorrow.text).toContain('张伟：未签到，未报去向');
  });

  it('休息 during office hours warns that it is 脱岗 without leave; after hours it does not', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T10:00:00+08:00' });
    await bot.say('g-work', 'zhangwei', '休息一下');
    await bot.say('g-work', 'zhangwei', '休息');
    await bot.say('dm:zhangwei', 'zhangwei', '休息');
    await bot.botReply('dm:zhangwei', (text) => text.endsWith('注意：现在是办公时间，没有请假就离岗按脱岗处理，请先请假。'));
    expect(await bot.app.db.whereabouts.count()).toBe(1);
    bot.clock.set(new Date('2026-11-23T12:00:00+08:00'), { frozen: true });
    const sent = await bot.say('g-work', 'liuyang', '@社区助手 休息');
    await bot.botReply('g-work', (text) => text === '@刘洋 已更新去向：休息。今天下班后自动清空。', sent);
  });

  it('a resident cannot set a status', async () => {
    bot = await startTestApp({ demo: true });
    await bot.say('g-residents', 'qiandaye', '去向 外出');
    await bot.say('g-residents', 'qiandaye', '@社区助手 外出');
    await bot.botReply('g-residents', (text) => text.includes('「外出」只有书记、副书记、主任、社工或考勤员可以使用。'));
    // The unaddressed line in the residents' group was not for the bot: one answer only.
    expect((await bot.messages('g-residents')).filter((m) => m.userId === 'bot')).toHaveLength(1);
  });
});
