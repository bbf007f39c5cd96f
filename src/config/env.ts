import os from 'node:os';
import { z } from 'zod';
import { DEFAULT_DATABASE_URL } from '../db/database-url.ts';
import { ADMIN_CHAT_PATTERN } from '../messaging/admin-report.ts';

const switchValue = z.enum(['auto', 'on', 'off']);

/** A name the server answers to, as a Host header carries it without the port: a DNS name, an IPv4 or a bracketed IPv6 address. */
const HOST_NAME = /^(\[[0-9a-f:.]+\]|[a-z0-9_]([a-z0-9_.-]*[a-z0-9_])?)$/;
/** At least 16 characters that need no quoting in a cookie or a URL. */
const SANDBOX_TOKEN = /^[A-Za-z0-9._~+/=-]{16,}$/;

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
  // Checked after the schema (sandboxTokenRefusal), so its value is never printed.
  SANDBOX_TOKEN: z.string().optional(),
  PUBLIC_HOSTNAMES: z
    .string()
    .default('')
    .transform((v) => v.split(',').map((name) => name.trim().toLowerCase()).filter(Boolean))
    .refine((names) => names.every((name) => HOST_NAME.test(name)), 'must be host names separated by commas, without scheme or port, e.g. bot.example.org,[2001:db8::1]'),
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
  const refusal = sandboxTokenRefusal(result.data);
  if (refusal) throw new ConfigError(`配置错误 (invalid setting in the environment / .env):\n  SANDBOX_TOKEN: ${refusal}`);
  return result.data;
}

/**
 * Why SANDBOX_TOKEN cannot be used as set, or null. Beside a real platform the sandbox API can write
 * in the office's name, so SANDBOX=on there needs a token; the token itself is never printed.
 */
function sandboxTokenRefusal(env: Env): string | null {
  if (env.SANDBOX_TOKEN !== undefined) {
    return SANDBOX_TOKEN.test(env.SANDBOX_TOKEN) ? null : 'must be at least 16 characters of A-Z a-z 0-9 . _ ~ + / = - (value not shown). Generate one: openssl rand -hex 24';
  }
  const platforms = configuredPlatforms(env);
  if (env.SANDBOX !== 'on' || platforms.length === 0) return null;
  return `required with SANDBOX=on beside ${platforms.join(', ')}: the sandbox page and API ask for it, so nobody else who reaches this server can speak as the bot or its people. Generate one: openssl rand -hex 24`;
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

/** The sandbox is the only platform: only then may its clock be moved, as no real chat feels it. */
export function sandboxAlone(env: Env): boolean {
  return sandboxEnabled(env) && configuredPlatforms(env).length === 0;
}

/**
 * The names the HTTP server answers to (Host header, port aside): loopback, HOST, the Telegram
 * webhook's host and PUBLIC_HOSTNAMES. Any other name is refused, so a page elsewhere that points
 * its own name at this address (DNS rebinding) reaches nothing.
 */
export function serverHostNames(env: Env): string[] {
  const host = env.HOST.toLowerCase();
  return [
    ...new Set([
      '127.0.0.1',
      'localhost',
      '[::1]',
      host.includes(':') && !host.startsWith('[') ? `[${host}]` : host,
      ...(env.TELEGRAM_WEBHOOK_URL ? [new URL(env.TELEGRAM_WEBHOOK_URL).hostname] : []),
      ...env.PUBLIC_HOSTNAMES,
    ]),
  ];
}
