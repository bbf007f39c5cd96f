import fs from 'node:fs';
import path from 'node:path';
import { WechatyBuilder, type PuppetModuleName } from 'wechaty';
import { type AdapterDeps } from '../../src/messaging/adapter-deps.ts';
import { translator } from '../../src/i18n/index.ts';
import { WechatAdapter } from './adapter.ts';
import { fixTokenResolver } from './token-resolver-fix.ts';

/** The WeChat adapter as .env configures it; `name` keeps the session in data/<name>.memory-card.json. */
export function createWechatAdapter({ env, policy, store, log }: AdapterDeps): WechatAdapter {
  const puppetOptions = {
    ...(env.WECHATY_PUPPET_SERVICE_TOKEN ? { token: env.WECHATY_PUPPET_SERVICE_TOKEN } : {}),
    ...(env.WECHATY_PUPPET_SERVICE_ENDPOINT ? { endpoint: env.WECHATY_PUPPET_SERVICE_ENDPOINT } : {}),
  };
  if (env.WECHATY_PUPPET === 'wechaty-puppet-service') fixTokenResolver();
  // The puppet saves its session next to this name; the folder must exist before the first save.
  fs.mkdirSync(path.dirname(path.resolve(env.WECHATY_NAME)), { recursive: true });
  const wechaty = WechatyBuilder.build({ name: env.WECHATY_NAME, puppet: env.WECHATY_PUPPET as PuppetModuleName, puppetOptions });
  return new WechatAdapter({
    wechaty,
    store,
    log: log.child({ component: 'wechat' }),
    t: translator(env.LOCALE),
    pacing: policy.wechat,
  });
}
