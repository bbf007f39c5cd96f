import type { FastifyInstance } from 'fastify';
import { createLarkAdapter } from '../adapters/lark/index.ts';
import { createTelegramAdapter } from '../adapters/telegram/index.ts';
import { createWechatAdapter } from '../adapters/wechat/create.ts';
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

/** The real platforms this deployment is configured for (one line per platform). */
export function createPlatformAdapters(deps: PlatformDeps): ChatAdapter[] {
  return [
    ...(deps.env.LARK_APP_ID ? [createLarkAdapter(deps)] : []),
    ...(deps.env.WECHATY_PUPPET ? [createWechatAdapter(deps)] : []),
    ...(deps.env.TELEGRAM_BOT_TOKEN ? [createTelegramAdapter(deps)] : []),
  ];
}
