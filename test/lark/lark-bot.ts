import { expect } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { ENCRYPT_KEY, postCallback, VERIFICATION_TOKEN, type CallbackResult, type PostOptions } from './callbacks.ts';
import { APP_ID, APP_SECRET, FakeLark, shownText, type SentMessage } from './fake-lark.ts';

/** Lark accounts of the demo community's people (the demo binds their sandbox accounts only). */
export const OPEN_IDS = { 王芳: 'ou_wangfang', 张伟: 'ou_zhangwei', 刘洋: 'ou_liuyang' } as const;

export interface LarkBot {
  bot: TestApp;
  lark: FakeLark;
  webhook: string;
  post(payload: object, options?: PostOptions): Promise<CallbackResult>;
  /** Waits (bounded) until the fake Lark has a message that matches, and returns it. */
  sent(match: (message: SentMessage, text: string) => boolean): Promise<SentMessage>;
  stop(): Promise<void>;
}

export async function until<T>(what: string, probe: () => Promise<T | undefined | null | false> | T | undefined | null | false, timeoutMs = 10_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

/** The whole bot with Lark on, pointed at a fake Lark Open API, demo people bound to Lark accounts. */
export async function startLarkBot(options: { now?: string; env?: Record<string, string> } = {}): Promise<LarkBot> {
  const lark = new FakeLark();
  await lark.start();
  const bot = await startTestApp({
    demo: true,
    ...(options.now ? { now: options.now } : {}),
    env: {
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: APP_SECRET,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_DOMAIN: lark.url,
      ...options.env,
    },
  });
  for (const [name, openId] of Object.entries(OPEN_IDS)) {
    const person = await bot.app.db.person.findFirstOrThrow({ where: { name } });
    await bot.app.db.binding.create({ data: { personId: person.id, platform: 'lark', platformUserId: openId, displayName: name } });
  }
  const webhook = `${bot.url}/webhooks/lark`;
  return {
    bot,
    lark,
    webhook,
    post: (payload, postOptions) => postCallback(webhook, payload, postOptions),
    sent: (match) => until('a matching message at the fake Lark', () => lark.messages.find((m) => match(m, shownText(m)))),
    async stop() {
      await bot.stop();
      await lark.stop();
    },
  };
}

export function expectAccepted(result: CallbackResult): void {
  expect(result.status, JSON.stringify(result.body)).toBe(200);
}
