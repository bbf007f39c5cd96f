import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const ID = '11010519491231002X';

describe("an answer to a resident's question", () => {
  it('reaches the residents’ group without ID numbers or phones; the work group and a private chat read them whole', async () => {
    bot = await startTestApp({ demo: true, now: '2026-12-02T09:00:00+08:00' });
    await bot.say('g-residents', 'qiandaye', `@社区助手 我的低保申请批了吗？身份证${ID}`);
    const post = await bot.botReply('g-work', (m) => m.startsWith('【居民提问 #1】'));
    expect(post.text).toContain(`身份证${ID}`);

    await bot.say('g-work', 'zhangwei', `答复 #1 ${ID} 的申请已通过，审核员会打139.1234.5678和你确认，请留意`);
    const answer = await bot.botReply('g-residents', (m) => m.includes('【答复 #1】'));
    expect(answer.text).toBe('@钱大爷 【答复 #1】张伟：*** 的申请已通过，审核员会打***和你确认，请留意');

    const asked = await bot.say('dm:qiandaye', 'qiandaye', '咨询 我的电话要改成13712345678，怎么改？');
    await bot.botReply('dm:qiandaye', (m) => m.includes('问题 #2'), asked);
    await bot.say('g-work', 'zhangwei', '答复 #2 已把13712345678记上了');
    const direct = await bot.botReply('dm:qiandaye', (m) => m.includes('【答复 #2】'));
    expect(direct.text).toContain('【答复 #2】张伟：已把13712345678记上了');
  });
});
