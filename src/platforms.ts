import type { FastifyInstance } from 'fastify';
import type { Env } from './config/env.ts';
import type { Policy } from './config/policy.ts';
import { PrismaPlatformStore } from './core/platform-store.ts';
import type { Db } from './db/client.ts';
import type { Logger } from './log.ts';
import { parseAdminChat } from './messaging/admin-report.ts';
import type { AdapterDeps } from './messaging/adapter-deps.ts';
import type { ChatAdapter, Platform } from './messaging/types.ts';
import type { Clock } from './time/clock.ts';

/** What the composition root has for the platforms. */
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
export async function createPlatformAdapters({ db, ...deps }: PlatformDeps): Promise<ChatAdapter[]> {
  const admin = parseAdminChat(deps.env.ADMIN_CHAT);
  const forPlatform = (platform: Platform): AdapterDeps => ({ ...deps, store: new PrismaPlatformStore(db, platform, { admin, clock: deps.clock }) });
  const adapters: ChatAdapter[] = [];
  if (deps.env.LARK_APP_ID) adapters.push((await import('../adapters/lark/index.ts')).createLarkAdapter(forPlatform('lark')));
  if (deps.env.WECHATY_PUPPET) adapters.push((await import('../adapters/wechat/create.ts')).createWechatAdapter(forPlatform('wechat')));
  if (deps.env.TELEGRAM_BOT_TOKEN) adapters.push((await import('../adapters/telegram/index.ts')).createTelegramAdapter(forPlatform('telegram')));
  return adapters;
}
