import { Domain } from '@larksuiteoapi/node-sdk';
import { afterEach, describe, expect, it } from 'vitest';
import { enqueue } from '../../src/messaging/outbox.ts';
import { larkConfig } from '../../adapters/lark/config.ts';
import { ConfigError, configuredPlatforms, loadEnv, sandboxEnabled } from '../../src/config/env.ts';
import { APP_ID, APP_SECRET } from './fake-lark.ts';
import { startLarkBot, type LarkBot } from './lark-bot.ts';

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

describe('Lark settings', () => {
  it('turns Lark on with an app id, and the sandbox off unless asked for', () => {
    const env = loadEnv({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: APP_SECRET, LARK_ENCRYPT_KEY: 'k', LARK_VERIFICATION_TOKEN: 'v' });
    expect(configuredPlatforms(env)).toEqual(['lark']);
    expect(sandboxEnabled(env)).toBe(false);
    const config = larkConfig(env);
    expect(config.domain).toBe(Domain.Feishu);
    expect(config.webhook).toEqual({ path: '/webhooks/lark', encryptKey: 'k', verificationToken: 'v' });
    expect(larkConfig({ ...env, LARK_DOMAIN: 'https://open.example.gov.cn/' }).domain).toBe('https://open.example.gov.cn');
  });

  it('names the missing or bad setting', () => {
    const env = loadEnv({ LARK_APP_ID: APP_ID, LARK_APP_SECRET: APP_SECRET });
    expect(() => larkConfig(env)).toThrow(ConfigError);
    expect(() => larkConfig(env)).toThrow(/LARK_ENCRYPT_KEY/);
    expect(() => larkConfig({ ...env, LARK_APP_SECRET: undefined })).toThrow(/LARK_APP_SECRET/);
    expect(larkConfig({ ...env, LARK_EVENTS: 'long-connection' }).webhook).toBeNull();
    expect(() => loadEnv({ LARK_DOMAIN: 'ftp://open.feishu.cn' })).toThrow(/LARK_DOMAIN/);
    expect(() => loadEnv({ LARK_EVENTS: 'socket' })).toThrow(/LARK_EVENTS/);
  });

  it('with the long connection, serves no webhook and still sends through the Open API', async () => {
    t = await startLarkBot({ env: { LARK_EVENTS: 'long-connection', LARK_ENCRYPT_KEY: '', LARK_VERIFICATION_TOKEN: '' } });
    const response = await fetch(t.webhook, { method: 'POST', body: '{}', headers: { 'content-type': 'application/json' } });
    expect(response.status).toBe(404);
    expect(t.bot.app.adapters.get('lark')!.isReady()).toBe(true);
    await t.bot.app.db.$transaction((tx) => enqueue(tx, [{ platform: 'lark', message: { chatId: 'oc_work', text: '长连接也能发' } }], new Date()));
    t.bot.app.delivery.kick();
    await t.sent((_m, text) => text === '长连接也能发');
  });
});
