import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const BUDGET_NOTICE = /发送得太频繁|找我的消息太多|找我的人太多/;
/** Ten workdays of December 2026 after the 2nd. */
const DAYS = [3, 4, 7, 8, 9, 10, 11, 14, 15, 16];
const FILERS = ['zhangwei', 'liuyang', 'chenjing'];

describe('a busy day at the office (default budgets)', () => {
  it('a secretary approving 30 leave notes in a minute is not held back, nor are the staff who filed them', async () => {
    bot = await startTestApp({ demo: true, now: '2026-12-02T08:30:00+08:00' });
    // Three staff members file ten one-hour outings each, a note every ten seconds.
    let at = Date.parse('2026-12-02T08:30:00+08:00');
    for (const day of DAYS) {
      for (const filer of FILERS) {
        bot.clock.set(new Date((at += 10_000)), { frozen: true });
        const sent = await bot.say('g-work', filer, `请假 12月${day}日上午9点到10点 外出 去街道办事`);
        await bot.botReply('g-work', (m) => m.includes('请确认请假条'), sent);
        const confirmed = await bot.say('g-work', filer, '确认');
        await bot.botReply('g-work', (m) => m.includes('已提交'), confirmed);
      }
    }
    const pending = await bot.app.db.leaveRequest.findMany({ where: { status: 'pending' }, select: { id: true } });
    expect(pending).toHaveLength(30);

    // 王芳 approves all thirty within one minute, one every two seconds, in the work group.
    const start = Date.parse('2026-12-02T10:00:00+08:00');
    for (const [i, { id }] of pending.entries()) {
      bot.clock.set(new Date(start + i * 2_000), { frozen: true });
      await bot.say('g-work', 'wangfang', `同意 #${id}`);
    }
    await bot.delivered();
    expect(await bot.app.db.leaveRequest.count({ where: { status: 'approved' } })).toBe(30);
    const texts = (await bot.messages('g-work')).filter((m) => m.userId === 'bot').map((m) => m.text);
    expect(texts.filter((text) => BUDGET_NOTICE.test(text))).toEqual([]);
    expect(await bot.app.db.inboxEvent.count({ where: { outcome: { contains: '"refused"' } } })).toBe(0);
  }, 120_000);
});
