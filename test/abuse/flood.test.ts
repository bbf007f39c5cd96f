import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { botTexts, startIncidentOffice } from '../incident/office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const OFFICE_START = Date.parse('2026-12-02T09:00:00+08:00');
const LONG = '小区东门外有人在聚集吵闹，声音很大，影响居民休息，请社区马上派人过来处理，'.repeat(6);
/** The budget notices a resident can get (catalog zh-CN). */
const BUDGET_NOTICE = /发送得太频繁|找我的消息太多|找我的人太多|分钟内已上报/;

/**
 * Telegram's per-chat and per-bot pace (adapters/telegram/adapter.ts) on the sandbox, whose own is
 * generous: a group takes one message a second and twenty a minute, the bot thirty a second.
 */
function telegramPace(app: TestApp): void {
  const limits = app.app.sandbox!.limits;
  limits.perChat.splice(0, limits.perChat.length, { count: 1, perMs: 1_000 }, { count: 20, perMs: 60_000 });
  limits.global.splice(0, limits.global.length, { count: 30, perMs: 1_000 });
}

describe('a flood of reports from one account (injected clock, Telegram pace)', () => {
  it('does not hold up a staff report to the emergency group, files few cases and tells the flooder once', async () => {
    // The delivery's clock moves with the office clock, from an hour ahead of the real time: rows are written due at the real time.
    const START = Date.now() + 3_600_000;
    let now = START;
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00', { delivery: { now: () => now } });
    telegramPace(bot);
    const at = (ms: number) => {
      now = START + ms;
      bot!.clock.set(new Date(OFFICE_START + ms), { frozen: true });
    };
    const step = async () => {
      bot!.app.delivery.kick();
      await bot!.app.delivery.drain();
    };

    // 60 long reports from one unbound account in the residents' group within 7 s; a staff report in the work group halfway.
    let staffAt = 0;
    const floodIds: string[] = [];
    for (let i = 0; i < 60; i++) {
      at(i * 115);
      floodIds.push(await bot.say('g-residents', 'visitor', `上报 ${LONG}（第${i + 1}次）`, { id: `flood-${i}` }));
      if (i === 30) {
        staffAt = now;
        await bot.say('g-work', 'liuyang', '上报 5号楼起火 有人被困');
      }
      await step();
    }

    // Time passes on the delivery's clock until the staff report's notice is in the emergency group.
    let delivered: { sentAt: Date | null } | null = null;
    while (!delivered) {
      at(now - START + 250);
      await step();
      delivered = await bot.app.db.outboxMessage.findFirst({ where: { platformChatId: 'g-emergency', status: 'sent', payload: { contains: '5号楼起火' } } });
      if (now - staffAt > 15 * 60_000) throw new Error('the staff report never reached the emergency group');
    }
    const delayMs = delivered.sentAt!.getTime() - staffAt;
    const filed = await bot.app.db.incident.count({ where: { platformUserId: 'visitor' } });
    const notices = (await botTexts(bot, 'g-residents')).filter((text) => text.includes('@新同事') && BUDGET_NOTICE.test(text));
    console.log(`flood: the staff report reached the emergency group ${(delayMs / 1_000).toFixed(1)} s (injected) after it was sent; the flooder filed ${filed} of 60, got ${notices.length} budget notice(s)`);

    expect(delayMs).toBeLessThanOrEqual(10_000);
    expect(filed).toBe(3);
    expect(notices).toHaveLength(1);
    expect(notices[0]).toContain('10 分钟内已上报 3 起事件');

    // Every flood message is recorded as handled; the refused ones say which budget, and a redelivery stays a duplicate.
    const inbox = await bot.app.db.inboxEvent.findMany({ where: { eventId: { in: floodIds } } });
    expect(inbox.map((row) => row.status)).toEqual(Array(60).fill('done'));
    expect(inbox.filter((row) => row.outcome?.includes('"refused"'))).toHaveLength(57);
    await bot.say('g-residents', 'visitor', `上报 ${LONG}（第60次）`, { id: 'flood-59' });
    expect(await bot.app.db.inboxEvent.count({ where: { eventId: { startsWith: 'flood-' } } })).toBe(60);
  });

  it('seventy accounts asking at once in one group: sixty are answered, the group is told once, staff are still answered', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    for (let i = 0; i < 70; i++) await bot.say('g-residents', `neighbour-${i}`, '@社区助手 帮助');
    const staff = await bot.say('g-residents', 'zhangwei', '@社区助手 帮助');
    await bot.botReply('g-residents', (text) => text.startsWith('@张伟'), staff);
    await bot.delivered();
    const refused = await bot.app.db.inboxEvent.findMany({ where: { outcome: { contains: '"refused":"chat"' } } });
    expect(refused).toHaveLength(10);
    const answers = await botTexts(bot, 'g-residents');
    expect(answers.filter((text) => text.includes('这个群里找我的消息太多了'))).toHaveLength(1);
    // Sixty answers to the neighbours, the one notice, and 张伟's answer.
    expect(answers).toHaveLength(62);
  });
});
