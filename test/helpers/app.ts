import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createApp, type App } from '../../src/app.ts';
import { configuredPlatforms, loadEnv } from '../../src/config/env.ts';
import { type Policy } from '../../src/config/policy.ts';
import { defaultPolicy, parsePolicy, office } from '../../commands/index.ts';
import type { DeliveryOptions } from '../../src/messaging/delivery.ts';
import { SettableClock } from '../../src/time/clock.ts';
import { freshDatabaseUrl } from './database.ts';
import { until } from './until.ts';

/** The SANDBOX_TOKEN a test app gets beside a platform, where the bot requires one; its requests carry it. */
export const TEST_SANDBOX_TOKEN = 'test-sandbox-token-0123456789';

export function tempDir(prefix = 'shequ-test-'): string {
  return fs.mkdtempSync(path.join(os.tmpdir(), prefix));
}

export interface SandboxMessageView {
  id: string;
  chatId: string;
  userId: string;
  text: string;
  replyTo?: string;
  buttons?: { label: string; value: string }[];
  at: string;
}

export interface TestApp {
  app: App;
  url: string;
  clock: SettableClock;
  databaseUrl: string;
  post(pathname: string, body: unknown): Promise<{ status: number; body: any }>;
  get(pathname: string): Promise<{ status: number; body: any }>;
  say(chatId: string, userId: string, text: string, extra?: { id?: string; replyTo?: string }): Promise<string>;
  messages(chatId: string): Promise<SandboxMessageView[]>;
  /** Waits until the bot has written a message in the chat that matches, and returns it. */
  botReply(chatId: string, match: (text: string) => boolean, after?: string): Promise<SandboxMessageView>;
  /** Waits until every sandbox message the bot has committed is shown, so what is said next comes after them. */
  delivered(): Promise<void>;
  stop(): Promise<void>;
}

export interface TestAppOptions {
  now?: string | Date;
  demo?: boolean;
  databaseUrl?: string;
  policy?: Partial<Record<keyof Policy, unknown>>;
  delivery?: DeliveryOptions;
  /** More settings, e.g. a platform's. */
  env?: Record<string, string>;
}

/** The whole bot on a fresh database (TEST_DATABASE) and a loopback port, with a frozen office clock. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl());
  const settings: Record<string, string> = {
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SANDBOX: 'on',
    DEMO_DATA: options.demo ? 'auto' : 'off',
    INSTANCE_ID: `test-${process.pid}`,
    ...options.env,
  };
  const besidePlatform = configuredPlatforms(loadEnv({ ...settings, SANDBOX: 'off' })).length > 0;
  const env = loadEnv(besidePlatform && settings.SANDBOX_TOKEN === undefined ? { ...settings, SANDBOX_TOKEN: TEST_SANDBOX_TOKEN } : settings);
  const policy = options.policy ? parsePolicy(options.policy) : defaultPolicy();
  const clock = new SettableClock(new Date(options.now ?? '2026-11-23T08:00:00+08:00'), { frozen: true });
  const app = await createApp({ env, office, policy, clock, delivery: { pollMs: 50, baseBackoffMs: 50, ...options.delivery } });
  const url = await app.start();

  const request = async (pathname: string, init: RequestInit = {}) => {
    const headers = new Headers(init.headers);
    if (env.SANDBOX_TOKEN) headers.set('authorization', `Bearer ${env.SANDBOX_TOKEN}`);
    const response = await fetch(`${url}${pathname}`, { ...init, headers });
    const text = await response.text();
    return { status: response.status, body: text ? JSON.parse(text) : null };
  };
  const post = (pathname: string, body: unknown) =>
    request(pathname, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const get = (pathname: string) => request(pathname);
  const messages = async (chatId: string) => (await get(`/sandbox/api/messages?chatId=${encodeURIComponent(chatId)}`)).body.messages as SandboxMessageView[];

  return {
    app,
    url,
    clock,
    databaseUrl,
    post,
    get,
    messages,
    async say(chatId, userId, text, extra = {}) {
      const response = await post('/sandbox/api/messages', { chatId, userId, text, ...extra });
      if (response.status !== 200) throw new Error(`sandbox refused the message: ${JSON.stringify(response.body)}`);
      return response.body.id as string;
    },
    async botReply(chatId, match, after) {
      const deadline = Date.now() + 10_000;
      for (;;) {
        const list = await messages(chatId);
        const start = after ? list.findIndex((m) => m.id === after) + 1 : 0;
        const found = list.slice(start).find((m) => m.userId === 'bot' && match(m.text));
        // Shown first, recorded after: wait until the outbox row knows the message's id, so quoting it works.
        if (found && (await app.db.outboxMessage.count({ where: { platform: 'sandbox', platformMessageId: found.id } }))) return found;
        if (Date.now() > deadline) {
          throw new Error(`no bot reply in ${chatId} matched; the chat has:\n${list.map((m) => `${m.userId}: ${m.text}`).join('\n')}`);
        }
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
    },
    async delivered() {
      await until('every sandbox message shown', async () => (await app.db.outboxMessage.count({ where: { platform: 'sandbox', status: 'pending' } })) === 0);
    },
    stop: () => app.stop(),
  };
}
