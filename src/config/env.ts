import os from 'node:os';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../db/database-url.ts';
import { ADMIN_CHAT_PATTERN } from '../messaging/admin-report.ts';

const switchValue = z.enum(['auto', 'on', 'off']);

/** Every setting the bot reads from the environment; .env.example documents each one. */
export const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default(DEFAULT_DATABASE_URL)
    .refine((v) => /^(file:|postgres(ql)?:\/\/)/.test(v), 'must be a SQLite file: URL such as file:./data/shequ.db or a PostgreSQL URL such as postgresql://shequ@127.0.0.1:5432/shequ'),
  HOST: z.string().min(1).default('127.0.0.1'),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  LOCALE: z.enum(['zh-CN', 'en']).default('zh-CN'),
  OFFICE_POLICY_FILE: z.string().min(1).optional(),
  BOT_NAME: z.string().min(1).default('社区助手'),
  SANDBOX: switchValue.default('auto'),
  DEMO_DATA: z.enum(['auto', 'off']).default('auto'),
  INSTANCE_ID: z.string().min(1).default(`${os.hostname()}-${process.pid}`),
  LARK_APP_ID: z.string().min(1).optional(),
  LARK_APP_SECRET: z.string().min(1).optional(),
  LARK_ENCRYPT_KEY: z.string().min(1).optional(),
  LARK_VERIFICATION_TOKEN: z.string().min(1).optional(),
  LARK_DOMAIN: z.union([z.enum(['feishu', 'lark']), z.url({ protocol: /^https?$/ })]).default('feishu'),
  LARK_EVENTS: z.enum(['webhook', 'long-connection']).default('webhook'),
  LARK_WEBHOOK_PATH: z.string().startsWith('/').default('/webhooks/lark'),
  ADMIN_CHAT: z.string().regex(ADMIN_CHAT_PATTERN, 'must be platform:chatId, e.g. wechat:12345@chatroom').optional(),
  WECHATY_PUPPET: z.string().min(1).optional(),
  WECHATY_PUPPET_SERVICE_TOKEN: z.string().min(1).optional(),
  WECHATY_PUPPET_SERVICE_ENDPOINT: z.string().min(1).optional(),
  WECHATY_NAME: z.string().min(1).default('data/wechat'),
  TELEGRAM_BOT_TOKEN: z.string().regex(/^\d+:[\w-]+$/, 'must be the token BotFather gave, such as 123456:ABC-def').optional(),
  TELEGRAM_WEBHOOK_URL: z.url({ protocol: /^https?$/ }).optional(),
  TELEGRAM_WEBHOOK_SECRET: z.string().regex(/^[\w-]{16,256}$/, 'must be 16-256 characters of A-Z, a-z, 0-9, _ and -').optional(),
  TELEGRAM_WEBHOOK_PATH: z.string().startsWith('/').default('/webhooks/telegram'),
  TELEGRAM_API_ROOT: z.url({ protocol: /^https?$/ }).default('https://api.telegram.org'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {}

/**
 * Validates the environment; the error names every bad setting and its rule, never its value (a
 * token, a password in DATABASE_URL would end up in a terminal's scrollback or a service's log).
 */
export function loadEnv(source: NodeJS.ProcessEnv = process.env): Env {
  const input = Object.fromEntries(
    Object.keys(envSchema.shape).map((key) => [key, source[key] === '' ? undefined : source[key]]),
  );
  const result = envSchema.safeParse(input);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.')}: ${issue.message}`);
    throw new ConfigError(`配置错误 (invalid setting in the environment / .env):\n${lines.join('\n')}`);
  }
  return result.data;
}

/** The platforms an office has configured; none means the sandbox is the way in. */
export function configuredPlatforms(env: Env): string[] {
  return [
    ...(env.LARK_APP_ID ? ['lark'] : []),
    ...(env.WECHATY_PUPPET ? ['wechat'] : []),
    ...(env.TELEGRAM_BOT_TOKEN ? ['telegram'] : []),
  ];
}

export function sandboxEnabled(env: Env): boolean {
  if (env.SANDBOX === 'on') return true;
  if (env.SANDBOX === 'off') return false;
  return configuredPlatforms(env).length === 0;
}
