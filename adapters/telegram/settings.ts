import { ConfigError, type Env } from '../../src/config/env.ts';

export interface TelegramSettings {
  token: string;
  apiRoot: string;
  /** Null: long polling. */
  webhook: { url: string; secret: string; path: string } | null;
}

/** The Telegram part of the environment, checked as a whole: a webhook needs its secret. */
export function telegramSettings(env: Env): TelegramSettings {
  if (!env.TELEGRAM_BOT_TOKEN) throw new ConfigError('配置错误 (invalid setting): TELEGRAM_BOT_TOKEN is not set');
  if (env.TELEGRAM_WEBHOOK_URL && !env.TELEGRAM_WEBHOOK_SECRET) {
    throw new ConfigError('配置错误 (invalid setting in the environment / .env):\n  TELEGRAM_WEBHOOK_SECRET: required when TELEGRAM_WEBHOOK_URL is set');
  }
  return {
    token: env.TELEGRAM_BOT_TOKEN,
    apiRoot: env.TELEGRAM_API_ROOT,
    webhook:
      env.TELEGRAM_WEBHOOK_URL && env.TELEGRAM_WEBHOOK_SECRET
        ? { url: env.TELEGRAM_WEBHOOK_URL, secret: env.TELEGRAM_WEBHOOK_SECRET, path: env.TELEGRAM_WEBHOOK_PATH }
        : null,
  };
}
