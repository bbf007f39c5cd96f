import type { FastifyInstance } from 'fastify';
import type { Env } from './config/env.ts';
import type { Policy } from './config/policy.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './log.ts';
import type { ChatAdapter } from './messaging/types.ts';
import type { Clock } from './time/clock.ts';

/** What a platform adapter may be built from. */
export interface PlatformDeps {
  env: Env;
  policy: Policy;
  db: Db;
  clock: Clock;
  log: Logger;
  /** The bot's HTTP server, for webhooks. */
  server: FastifyInstance;
}

/**
 * The real platforms this deployment is configured for (one line per platform). Each SDK is loaded
 * only when its platform is configured: wechaty and the Lark SDK alone cost ~135 MB and a second.
 */
export async function createPlatformAdapters(deps: PlatformDeps): Promise<ChatAdapter[]> {
  const adapters: ChatAdapter[] = [];
  if (deps.env.LARK_APP_ID) adapters.push((await import('../adapters/lark/index.ts')).createLarkAdapter(deps));
  if (deps.env.WECHATY_PUPPET) adapters.push((await import('../adapters/wechat/create.ts')).createWechatAdapter(deps));
  if (deps.env.TELEGRAM_BOT_TOKEN) adapters.push((await import('../adapters/telegram/index.ts')).createTelegramAdapter(deps));
  return adapters;
}
