import { afterEach, describe, expect, it } from 'vitest';
import { issueBindCode } from '../../src/core/bind-codes.ts';
import { startTestApp, type TestApp, type TestAppOptions } from '../helpers/app.ts';
import { TEST_DATABASE } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';

const apps: TestApp[] = [];
afterEach(async () => {
  for (const app of apps.splice(0).reverse()) await app.stop();
});

const NOW = '2026-12-02T09:00:00+08:00';
const NOW_MS = Date.parse(NOW);
/**
 * The message budgets would refuse most of a guesser's messages before the code is looked at; they are
 * raised here so that the lockout alone is what stands (as with several instances, each counting
 * messages in its own memory).
 */
const OPEN_DOOR = { limits: { residents: [{ count: 1_000_000, perSeconds: 60 }], chat: [{ count: 1_000_000, perSeconds: 60 }], platform: [{ count: 1_000_000, perSeconds: 60 }] } };

async function office(options: TestAppOptions = {}): Promise<TestApp> {
  const app = await startTestApp({ demo: true, now: NOW, ...options, policy: { ...OPEN_DOOR, ...options.policy } });
  apps.push(app);
  // The sandbox's phone-like pace would take minutes to show thousands of replies.
  app.app.sandbox!.limits.perChat.splice(0, 1, { count: 10_000, perMs: 1_000 });
  return app;
}

/** A code for 刘洋, who may bind a second account. */
async function codeFor(app: TestApp): Promise<string> {
  return (await issueBindCode(app.app.db, '刘洋', '幸福社区', new Date(NOW_MS), 72)).code;
}

/** `count` wrong 8-digit codes, never the real one. */
function wrongCodes(count: number, real: string): string[] {
  const codes: string[] = [];
  for (let i = 0; codes.length < count; i++) {
    const code = String((i * 7_919_113 + 12_345_678) % 100_000_000).padStart(8, '0');
    if (code !== real) codes.push(code);
  }
  return codes;
}

/** The bot's answer to message `id` (read after it: the chat holds more than one page of the history). */
function answerTo(app: TestApp, chatId: string, id: string): Promise<string> {
  return until(`the answer to ${id}`, async () => {
    const { body } = await app.get(`/sandbox/api/messages?chatId=${encodeURIComponent(chatId)}&after=${encodeURIComponent(id)}`);
    return (body.messages as { userId: string; text: string }[]).find((m) => m.userId === 'bot')?.text;
  });
}

const boundAs = (app: TestApp, userId: string) => app.app.db.binding.findFirst({ where: { platform: 'sandbox', platformUserId: userId } });

/** The bot's last message in a short chat, once every reply is shown. */
async function lastAnswer(app: TestApp, chatId: string): Promise<string | undefined> {
  await app.delivered();
  return (await app.messages(chatId)).filter((m) => m.userId === 'bot').at(-1)?.text;
}

/** Sends `绑定 <code>` for each code, `parallel` at a time, at `perSecond` on the office clock from `startMs`. */
async function guess(app: TestApp, chatId: string, userId: string, codes: readonly string[], startMs: number, perSecond: number, parallel = 8): Promise<void> {
  // The first alone: two first messages of a new chat at once race to create its row (src/core/identity.ts).
  for (let i = 0; i < codes.length; i += i === 0 ? 1 : parallel) {
    app.clock.set(new Date(startMs + (i * 1_000) / perSecond), { frozen: true });
    await Promise.all(codes.slice(i, i === 0 ? 1 : i + parallel).map((code) => app.say(chatId, userId, `绑定 ${code}`)));
  }
  expect(await app.app.db.inboxEvent.count({ where: { status: 'failed' } })).toBe(0);
}

describe(`bind codes guessed (${TEST_DATABASE})`, () => {
  it('2,000 wrong codes at 240 a second, then the right one: not bound, locked with a time; the right code binds once the lock has passed', async () => {
    const bot = await office();
    const code = await codeFor(bot);
    const started = Date.now();
    await guess(bot, 'dm:mallory', 'mallory', wrongCodes(2_000, code), NOW_MS, 240);
    await bot.delivered();
    bot.clock.set(new Date(NOW_MS + 9_000), { frozen: true });
    const right = await bot.say('dm:mallory', 'mallory', `绑定 ${code}`);
    const refused = await answerTo(bot, 'dm:mallory', right);
    console.log(`bind: 2,000 guesses took ${((Date.now() - started) / 1_000).toFixed(1)} s (wall); the right code after them: ${refused}`);
    // Locked at the fifth wrong code, a few milliseconds after 09:00, for 15 minutes: said as the next whole minute.
    expect(refused).toBe('这个账号输错绑定码的次数太多，暂时不能绑定，请在 09:16 之后再试。如果绑定码遗失或已过期，请向社区管理员重新索取。');
    expect(await boundAs(bot, 'mallory')).toBeNull();
    expect(await bot.app.db.bindCode.findUniqueOrThrow({ where: { code } })).toMatchObject({ usedAt: null });
    // Only the five wrong codes before the lock were looked at.
    expect(await bot.app.db.bindAttempts.findUniqueOrThrow({ where: { scope: 'account:sandbox:mallory' } })).toMatchObject({ lockouts: 1, failures: 0 });

    // After the lock: the holder of the code binds; a guesser who goes on is locked twice as long.
    bot.clock.set(new Date(NOW_MS + 15 * 60_000 + 1_000), { frozen: true });
    const again = await bot.say('dm:mallory', 'mallory', `绑定 ${code}`);
    expect(await answerTo(bot, 'dm:mallory', again)).toMatch(/^绑定成功！刘洋/);
    expect(await boundAs(bot, 'mallory')).toMatchObject({ platformUserId: 'mallory' });

    await guess(bot, 'dm:eve', 'eve', wrongCodes(5, code), NOW_MS + 15 * 60_000 + 2_000, 1, 1);
    // The fifth at 09:15:06: locked until 09:30:06, said as the next whole minute.
    expect(await lastAnswer(bot, 'dm:eve')).toBe('绑定码无效或已过期。请向社区管理员重新索取。\n这个账号输错绑定码的次数太多，暂时不能绑定，请在 09:31 之后再试。如果绑定码遗失或已过期，请向社区管理员重新索取。');
    await guess(bot, 'dm:eve', 'eve', wrongCodes(5, code), NOW_MS + 30 * 60_000 + 10_000, 1, 1);
    expect(await lastAnswer(bot, 'dm:eve')).toContain('请在 10:01 之后再试');
  }, 240_000);

  it('many accounts guessing in one group lock the group; many more lock binding on the platform; private binding goes on while only the group is locked', async () => {
    const bot = await office({ policy: { limits: { ...OPEN_DOOR.limits, bind: { chat: { failures: 10 }, platform: { failures: 30 } } } } });
    const code = await codeFor(bot);
    const codes = wrongCodes(40, code);
    // Five accounts, two wrong codes each, in the residents' group: the tenth wrong code locks the group.
    for (let i = 0; i < 10; i++) await guess(bot, 'g-residents', `sock-${i % 5}`, [codes[i]!], NOW_MS + i * 1_000, 1, 1);
    const inGroup = await bot.say('g-residents', 'sock-5', `绑定 ${code}`);
    await bot.botReply('g-residents', (text) => text.includes('这个群里输错绑定码的次数太多，群内绑定暂停到 10:01'), inGroup);
    expect(await boundAs(bot, 'sock-5')).toBeNull();

    // Twenty more wrong codes from private chats reach the platform's thirty: nobody binds until its lock has passed.
    for (let i = 10; i < 30; i++) await guess(bot, `dm:sock-${i}`, `sock-${i}`, [codes[i]!], NOW_MS + i * 1_000, 1, 1);
    const privately = await bot.say('dm:sock-5', 'sock-5', `绑定 ${code}`);
    await bot.botReply('dm:sock-5', (text) => text.startsWith('最近输错绑定码的人太多，为了大家的账号安全，绑定暂停到 10:01'), privately);
    bot.clock.set(new Date(NOW_MS + 61 * 60_000), { frozen: true });
    const later = await bot.say('dm:sock-5', 'sock-5', `绑定 ${code}`);
    await bot.botReply('dm:sock-5', (text) => text.startsWith('绑定成功！刘洋'), later);
  }, 120_000);

  // Two instances on one SQLite file are not a set-up (README, "Fault tests").
  it.runIf(TEST_DATABASE === 'postgres')('a second instance on the same database refuses the locked account too, and after a restart', async () => {
    const first = await office();
    const code = await codeFor(first);
    await guess(first, 'dm:mallory', 'mallory', wrongCodes(5, code), NOW_MS, 240, 1);
    const second = await office({ databaseUrl: first.databaseUrl });
    second.clock.set(new Date(NOW_MS + 60_000), { frozen: true });
    const right = await second.say('dm:mallory', 'mallory', `绑定 ${code}`);
    expect(await answerTo(second, 'dm:mallory', right)).toMatch(/^这个账号输错绑定码的次数太多，暂时不能绑定，请在 09:16 之后再试/);
    expect(await boundAs(second, 'mallory')).toBeNull();
    // The first instance restarted: still locked.
    await first.stop();
    apps.splice(apps.indexOf(first), 1);
    const restarted = await office({ databaseUrl: second.databaseUrl });
    restarted.clock.set(new Date(NOW_MS + 120_000), { frozen: true });
    const after = await restarted.say('dm:mallory', 'mallory', `绑定 ${code}`);
    expect(await answerTo(restarted, 'dm:mallory', after)).toMatch(/请在 09:16 之后再试/);
    expect(await boundAs(restarted, 'mallory')).toBeNull();
  });
});
