import { type AdapterDeps } from '../../src/messaging/adapter-deps.ts';
import { LarkAdapter } from './adapter.ts';
import { LarkApi } from './api.ts';
import { larkConfig } from './config.ts';
import { LarkLongConnection } from './long-connection.ts';
import { registerLarkWebhook } from './webhook.ts';

/** The Lark/Feishu adapter as the settings describe it: webhook on the bot's server, or the long connection. */
export function createLarkAdapter({ env, store, clock, log, server }: AdapterDeps): LarkAdapter {
  const config = larkConfig(env);
  const larkLog = log.child({ component: 'lark' });
  const api = new LarkApi(config, larkLog);
  if (!config.webhook) return new LarkAdapter({ api, store, clock, log: larkLog, botName: env.BOT_NAME, source: new LarkLongConnection(config, larkLog) });
  const adapter = new LarkAdapter({ api, store, clock, log: larkLog, botName: env.BOT_NAME });
  registerLarkWebhook(server, { ...config.webhook, log: larkLog, handle: (data) => adapter.handleCallback(data) });
  return adapter;
}
