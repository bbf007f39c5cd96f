import { execFile } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.ts';
import { ConfigError, loadEnv } from '../../src/config/env.ts';
import { defaultPolicy, office } from '../../commands/index.ts';
import { SettableClock, SystemClock } from '../../src/time/clock.ts';
import { ROOT } from '../helpers/cli.ts';
import { freshDatabaseUrl } from '../helpers/database.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';

const TOKEN = 'sandbox-token-for-this-test-0123';
const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** A request with the Host header (and other headers) as given; fetch would set Host itself. */
function request(url: string, pathname: string, options: { method?: string; host?: string | null; headers?: Record<string, string>; body?: unknown } = {}) {
  const target = new URL(pathname, url);
  const body = options.body === undefined ? undefined : JSON.stringify(options.body);
  return new Promise<{ status: number; headers: http.IncomingHttpHeaders; text: string }>((resolve, reject) => {
    const req = http.request(
      target,
      {
        method: options.method ?? 'GET',
        // null: no Host header at all.
        setHost: options.host !== null,
        headers: { ...(options.host !== null ? { host: options.host ?? target.host } : {}), ...(body ? { 'content-type': 'application/json' } : {}), ...options.headers },
      },
      (res) => {
        let text = '';
        res.setEncoding('utf8');
        res.on('data', (chunk: string) => (text += chunk));
        res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, text }));
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}
const bearer = { authorization: `Bearer ${TOKEN}` };

/** `npm start`'s entry in a child process; it must stop at the configuration. */
async function startMain(env: Record<string, string>): Promise<{ code: number; stderr: string }> {
  try {
    await promisify(execFile)(process.execPath, [TSX, 'bin/start.ts'], {
      cwd: ROOT,
      env: { ...process.env, LOG_LEVEL: 'silent', PORT: '0', DATABASE_URL: `file:${path.join(tempDir(), 'x.db')}`, ...env },
      timeout: 60_000,
    });
    return { code: 0, stderr: '' };
  } catch (error) {
    const failed = error as { code: number; stderr: string };
    return { code: failed.code, stderr: failed.stderr };
  }
}

let telegram: FakeBotApi;
beforeAll(async () => {
  telegram = await FakeBotApi.start();
});
afterAll(async () => {
  await telegram?.stop();
});

describe('SANDBOX=on beside a real platform', () => {
  it('refuses to start without SANDBOX_TOKEN, or with a short one, naming the setting but never its value', async () => {
    const beside = { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, SANDBOX: 'on' };
    expect(() => loadEnv(beside)).toThrow(ConfigError);
    expect(() => loadEnv(beside)).toThrow(/SANDBOX_TOKEN: required with SANDBOX=on beside telegram/);
    expect(() => loadEnv({ ...beside, SANDBOX_TOKEN: 'short-secret' })).toThrow(/SANDBOX_TOKEN: must be at least 16 characters/);
    expect(() => loadEnv({ ...beside, SANDBOX_TOKEN: 'sixteen chars; no' })).toThrow(/SANDBOX_TOKEN/);
    // Off beside a platform (the default there), or alone: no token needed.
    expect(loadEnv({ ...beside, SANDBOX: 'auto' }).SANDBOX_TOKEN).toBeUndefined();
    expect(loadEnv({ SANDBOX: 'on' }).SANDBOX_TOKEN).toBeUndefined();

    const missing = await startMain(beside);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('SANDBOX_TOKEN');
    const short = await startMain({ ...beside, SANDBOX_TOKEN: 'tiny-secret-42' });
    expect(short.code).toBe(1);
    expect(short.stderr).toContain('SANDBOX_TOKEN');
    expect(short.stderr).not.toContain('tiny-secret-42');
  });

  describe('with SANDBOX_TOKEN', () => {
    let bot: TestApp;
    beforeAll(async () => {
      bot = await startTestApp({
        demo: true,
        now: '2026-11-23T07:57:00+08:00',
        env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, SANDBOX_TOKEN: TOKEN, PUBLIC_HOSTNAMES: 'bot.example.org' },
      });
    });
    afterAll(async () => {
      await bot?.stop();
    });

    it('refuses the page and every API call without the token', async () => {
      const { body } = await bot.post('/sandbox/api/messages', { chatId: 'g-work', userId: 'zhangwei', text: '你好' });
      const calls: [string, string, unknown?][] = [
        ['GET', '/sandbox'],
        ['GET', '/sandbox/page.js'],
        ['GET', '/sandbox/page.css'],
        ['GET', '/sandbox/api/users'],
        ['GET', '/sandbox/api/chats'],
        ['GET', '/sandbox/api/messages?chatId=g-work'],
        ['GET', '/sandbox/api/clock'],
        ['GET', `/sandbox/api/files/${body.id}/0`],
        ['POST', '/sandbox/api/messages', { chatId: 'g-work', userId: 'zhangwei', text: '签到' }],
        ['POST', '/sandbox/api/buttons', { messageId: body.id, userId: 'zhangwei', value: '签到' }],
        ['POST', '/sandbox/api/clock', { now: '2026-12-06T09:00:00' }],
      ];
      for (const [method, pathname, payload] of calls) {
        for (const headers of [{}, { authorization: 'Bearer wrong-token-0123456789' }, { cookie: 'sandbox_token=wrong-token-0123456789' }] as Record<string, string>[]) {
          const answer = await request(bot.url, pathname, { method, headers, body: payload });
          expect(answer.status, `${method} ${pathname} ${JSON.stringify(headers)}`).toBe(401);
          expect(answer.text).toContain('SANDBOX_TOKEN');
        }
      }
      // Nothing was said on the way.
      expect((await bot.messages('g-work')).filter((m) => m.userId !== 'bot').map((m) => m.text)).toEqual(['你好']);
      expect(bot.clock.now().toISOString()).toBe('2026-11-22T23:57:00.000Z');
    });

    it('lets the token in as a bearer, and /sandbox?token= sets an HttpOnly, SameSite=Strict cookie and redirects to the URL without it', async () => {
      expect((await request(bot.url, '/sandbox/api/users', { headers: bearer })).status).toBe(200);
      expect((await request(bot.url, '/sandbox?token=wrong-token-0123456789')).status).toBe(401);

      const opened = await request(bot.url, `/sandbox?user=zhangwei&token=${TOKEN}&chat=g-work`);
      expect(opened.status).toBe(303);
      expect(opened.headers.location).toBe('/sandbox?user=zhangwei&chat=g-work');
      const cookie = opened.headers['set-cookie']![0]!;
      expect(cookie).toMatch(/HttpOnly/);
      expect(cookie).toMatch(/SameSite=Strict/);
      const sent = cookie.split(';')[0]!;
      const page = await request(bot.url, '/sandbox?user=zhangwei&chat=g-work', { headers: { cookie: sent } });
      expect(page.status).toBe(200);
      expect(page.text).toContain('社区助手 · 沙盒');
      expect(page.headers['content-security-policy']).toContain("script-src 'self'");
      expect(page.headers).toMatchObject({ 'x-content-type-options': 'nosniff', 'referrer-policy': 'no-referrer', 'x-frame-options': 'DENY' });
      const users = await request(bot.url, '/sandbox/api/users', { headers: { cookie: `other=1; ${sent}` } });
      expect(JSON.parse(users.text).users.map((u: { name: string }) => u.name)).toContain('张伟');
    });

    it('keeps the clock: POST /sandbox/api/clock answers 403 and time does not move', async () => {
      const before = bot.clock.now().toISOString();
      const moved = await request(bot.url, '/sandbox/api/clock', { method: 'POST', headers: bearer, body: { now: '2026-12-06T09:00:00', frozen: true } });
      expect(moved.status).toBe(403);
      expect(JSON.parse(moved.text).error).toContain('系统时间');
      expect(bot.clock.now().toISOString()).toBe(before);
      expect(JSON.parse((await request(bot.url, '/sandbox/api/clock', { headers: bearer })).text).now).toBe(before);
    });

    it('answers only its own host names, the webhook included', async () => {
      const port = new URL(bot.url).port;
      for (const host of ['evil.example', `evil.example:${port}`, 'bot.example.org.evil.example', '127.0.0.2', null]) {
        for (const pathname of ['/sandbox', '/sandbox/api/users', '/webhooks/telegram', '/']) {
          const answer = await request(bot.url, pathname, { host, headers: bearer });
          // Without any Host header Node itself answers 400.
          expect(answer.status, `${host} ${pathname}`).toBe(host === null ? 400 : 421);
          expect(answer.text).not.toContain('沙盒');
        }
      }
      for (const host of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`, 'bot.example.org', 'BOT.example.org:443']) {
        expect((await request(bot.url, '/sandbox/api/users', { host, headers: bearer })).status, host).toBe(200);
      }
    });
  });

  it('runs on the system clock when none is given, and POST /sandbox/api/clock is refused', async () => {
    const env = loadEnv({
      DATABASE_URL: await freshDatabaseUrl(),
      PORT: '0',
      LOG_LEVEL: 'silent',
      SANDBOX: 'on',
      SANDBOX_TOKEN: TOKEN,
      DEMO_DATA: 'off',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
    });
    const app: App = await createApp({ env, office, policy: defaultPolicy() });
    try {
      const url = await app.start();
      expect(app.clock).toBeInstanceOf(SystemClock);
      const refused = await request(url, '/sandbox/api/clock', { method: 'POST', headers: bearer, body: { now: '2026-12-06T09:00:00' } });
      expect(refused.status).toBe(403);
      const shown = Date.parse(JSON.parse((await request(url, '/sandbox/api/clock', { headers: bearer })).text).now);
      expect(Math.abs(shown - Date.now())).toBeLessThan(60_000);
    } finally {
      await app.stop();
    }
  });
});

describe('the sandbox on its own (the embedded default)', () => {
  it('needs no token, moves its clock, and answers loopback names only', async () => {
    const env = loadEnv({ DATABASE_URL: await freshDatabaseUrl(), PORT: '0', LOG_LEVEL: 'silent', DEMO_DATA: 'off' });
    const app: App = await createApp({ env, office, policy: defaultPolicy() });
    try {
      const url = await app.start();
      expect(app.clock).toBeInstanceOf(SettableClock);
      expect((await request(url, '/sandbox')).status).toBe(200);
      expect((await request(url, '/sandbox/api/users')).status).toBe(200);
      const moved = await request(url, '/sandbox/api/clock', { method: 'POST', body: { now: '2026-12-06T09:00:00', frozen: true } });
      expect(moved.status).toBe(200);
      expect(app.clock.now().toISOString()).toBe('2026-12-06T01:00:00.000Z');
      expect((await request(url, '/sandbox/api/users', { host: 'rebound.example' })).status).toBe(421);
      expect((await request(url, '/healthz', { host: '10.0.0.7' })).status).toBe(200);
    } finally {
      await app.stop();
    }
  });
});
