import { Domain } from '@larksuiteoapi/node-sdk';
import { ConfigError, type Env } from '../../src/config/env.ts';

export interface LarkConfig {
  appId: string;
  appSecret: string;
  /** What the SDK's `domain` option takes: one of its Domain values or a base URL. */
  domain: Domain | string;
  /** Null when events come over the long connection. */
  webhook: WebhookConfig | null;
}

export interface WebhookConfig {
  path: string;
  /** Required: without it Lark's callbacks carry no signature at all. */
  encryptKey: string;
  verificationToken: string;
}

/** The Lark settings, checked together: a webhook without its secrets would accept anyone's events. */
export function larkConfig(env: Env): LarkConfig {
  const missing = (name: string, why: string) => new ConfigError(`配置错误 (invalid setting in the environment / .env):\n  ${name}: ${why}`);
  if (!env.LARK_APP_ID) throw missing('LARK_APP_ID', 'required for Lark/Feishu');
  if (!env.LARK_APP_SECRET) throw missing('LARK_APP_SECRET', 'required with LARK_APP_ID');
  let webhook: WebhookConfig | null = null;
  if (env.LARK_EVENTS === 'webhook') {
    if (!env.LARK_ENCRYPT_KEY) throw missing('LARK_ENCRYPT_KEY', 'required for LARK_EVENTS=webhook (it signs and encrypts the callbacks)');
    if (!env.LARK_VERIFICATION_TOKEN) throw missing('LARK_VERIFICATION_TOKEN', 'required for LARK_EVENTS=webhook');
    webhook = { path: env.LARK_WEBHOOK_PATH, encryptKey: env.LARK_ENCRYPT_KEY, verificationToken: env.LARK_VERIFICATION_TOKEN };
  }
  const domain = env.LARK_DOMAIN === 'feishu' ? Domain.Feishu : env.LARK_DOMAIN === 'lark' ? Domain.Lark : env.LARK_DOMAIN.replace(/\/+$/, '');
  return {
    appId: env.LARK_APP_ID,
    appSecret: env.LARK_APP_SECRET,
    domain,
    webhook,
  };
}
