import { describe, expect, it } from 'vitest';
import { parseCallbackData, callbackData } from '../../adapters/telegram/callback-data.ts';
import { telegramSettings } from '../../adapters/telegram/settings.ts';
import { toSendError } from '../../adapters/telegram/send-error.ts';
import { ConfigError, configuredPlatforms, loadEnv, sandboxEnabled } from '../../src/config/env.ts';

const TOKEN = '123456:ABC-def_ghi';

describe('Telegram settings', () => {
  it('a token turns Telegram on and the sandbox off; polling through the public API by default', () => {
    const env = loadEnv({ TELEGRAM_BOT_TOKEN: TOKEN });
    expect(configuredPlatforms(env)).toEqual(['telegram']);
    expect(sandboxEnabled(env)).toBe(false);
    expect(telegramSettings(env)).toEqual({ token: TOKEN, apiRoot: 'https://api.telegram.org', webhook: null });
  });

  it('a webhook needs its secret, and bad values are named', () => {
    expect(() => telegramSettings(loadEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg' }))).toThrow(/TELEGRAM_WEBHOOK_SECRET: required/);
    expect(() => loadEnv({ TELEGRAM_BOT_TOKEN: 'nonsense' })).toThrow(ConfigError);
    expect(() => loadEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_SECRET: 'short' })).toThrow(/TELEGRAM_WEBHOOK_SECRET/);
    const env = loadEnv({ TELEGRAM_BOT_TOKEN: TOKEN, TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/tg', TELEGRAM_WEBHOOK_SECRET: 'a-long-enough-secret', TELEGRAM_WEBHOOK_PATH: '/tg' });
    expect(telegramSettings(env).webhook).toEqual({ url: 'https://bot.example.org/tg', secret: 'a-long-enough-secret', path: '/tg' });
  });
});

describe('Telegram buttons and errors', () => {
  it('callback_data carries a value up to 64 bytes and a position beyond', () => {
    expect(callbackData({ label: 'x', value: '同意 #12' }, 0)).toBe('同意 #12');
    expect(callbackData({ label: 'x', value: '同'.repeat(22) }, 2)).toBe('#btn:2');
    expect(callbackData({ label: 'x', value: '#btn:0' }, 1)).toBe('#btn:1');
    expect(parseCallbackData('#btn:2')).toEqual({ index: 2 });
    expect(parseCallbackData('#btn:x')).toBeNull();
    expect(parseCallbackData('签到')).toEqual({ value: '签到' });
  });

  it('a network failure is retried', () => {
    expect(toSendError(new Error('connect ECONNREFUSED 127.0.0.1:1'))).toMatchObject({ retryable: true });
  });
});
