import { afterEach, describe, expect, it } from 'vitest';
import { defaultPolicy, office } from '../../commands/index.ts';
import { createApp, type App } from '../../src/app.ts';
import { loadEnv } from '../../src/config/env.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';

let bot: TestApp | null = null;
let restarted: App | null = null;
afterEach(async () => {
  await bot?.stop();
  await restarted?.stop();
  bot = null;
  restarted = null;
});

/**
 * One office, one clock: the sandbox's clock, once its API moved it, is the time the CLI issues bind
 * codes and makes ledgers at, and the time a restarted bot goes on from. The machine's clock here
 * is about two weeks behind the sandbox's.
 */
describe('the sandbox clock is the office clock for the CLI and after a restart', () => {
  it('a bind code made by the CLI after the clock was moved ahead is valid in chat; a restart keeps the moved clock', async () => {
    bot = await startTestApp({ demo: true, now: '2026-12-08T09:00:00+08:00' });
    expect((await bot.post('/sandbox/api/clock', { now: '2026-12-21T09:00:00', frozen: true })).status).toBe(200);

    const issued = await shequ(['bind-code', '刘洋', '--json'], { DATABASE_URL: bot.databaseUrl });
    expect(issued.code, issued.stderr).toBe(0);
    const { code, expiresAt } = JSON.parse(issued.stdout) as { code: string; expiresAt: string };
    // 72 hours from the sandbox's 12-21 09:00, not from the machine's day.
    expect(expiresAt).toBe('2026-12-24T01:00:00.000Z');
    const sent = await bot.say('dm:liuyang-phone', 'liuyang-phone', `绑定 ${code}`);
    await bot.botReply('dm:liuyang-phone', (m) => m.startsWith('绑定成功！刘洋'), sent);

    const ledger = await shequ(['report', 'attendance', '--month', '2026-12', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(ledger.code, ledger.stderr).toBe(0);
    // Made at the office's time: 12-18 is past (no check-in: absent), 12-22 still to come (pending).
    const person = (JSON.parse(ledger.stdout) as { people: { name: string; days: { date: string; sessions: { status: string }[] }[] }[] }).people.find((p) => p.name === '张伟')!;
    const statuses = (date: string) => person.days.find((d) => d.date === date)!.sessions.map((s) => s.status);
    expect([statuses('2026-12-18'), statuses('2026-12-22')]).toEqual([['absent', 'absent'], ['pending', 'pending']]);

    const databaseUrl = bot.databaseUrl;
    await bot.stop();
    bot = null;
    restarted = await createApp({ env: loadEnv({ DATABASE_URL: databaseUrl, PORT: '0', LOG_LEVEL: 'silent', SANDBOX: 'on', DEMO_DATA: 'off' }), office, policy: defaultPolicy() });
    expect(restarted.clock.now().toISOString()).toBe('2026-12-21T01:00:00.000Z');
  });
});
