import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { redactor } from '../../src/config/redact.ts';
import { tempDir } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';
import { runBotProcess, startBotProcess, type BotProcess } from '../resilience/bot-process.ts';

let bot: BotProcess | null = null;
afterEach(async () => {
  await bot?.kill('SIGKILL');
  bot = null;
});

const sqlite = () => `file:${path.join(tempDir(), 'bot.db')}`;

describe('secrets in settings never reach the terminal or the log', () => {
  it('blanks the secret settings, a URL password and a Telegram token in an API path out of a text', () => {
    const redact = redactor({ DATABASE_URL: 'postgresql://shequ:pa%24%24word@db.example:5432/shequ', LARK_APP_SECRET: 'lark"secret', TELEGRAM_BOT_TOKEN: '123456:tg-secret' });
    expect(redact('password authentication failed: postgresql://shequ:pa%24%24word@db.example:5432/shequ and pa$$word')).toBe(
      'password authentication failed: postgresql://shequ:***@db.example:5432/shequ and ***',
    );
    expect(redact(JSON.stringify({ data: JSON.stringify({ app_id: 'cli_1', app_secret: 'lark"secret' }) }))).toBe('{"data":"{\\"app_id\\":\\"cli_1\\",\\"app_secret\\":\\"***\\"}"}');
    expect(redact('request to https://api.telegram.org/bot654321:other-token/getMe failed, 123456:tg-secret')).toBe('request to https://api.telegram.org/bot***/getMe failed, ***');
    expect(redact('redis://cache.example:6379 stays as it is')).toBe('redis://cache.example:6379 stays as it is');
  });

  it('a bad DATABASE_URL is named with its rule; the password in it is not printed', async () => {
    const { code, output } = await runBotProcess({ DATABASE_URL: 'mysql://shequ:pa55word-4711@db.example/shequ' });
    expect(code).toBe(1);
    expect(output).toContain('配置错误 (invalid setting in the environment / .env):\n  DATABASE_URL: must be a SQLite file: URL');
    expect(output).not.toContain('pa55word');
  });

  it('the Lark SDK logs its failed token request, and the app secret in it is blanked out', async () => {
    const secret = 'LarkAppSecret-4711';
    bot = await startBotProcess({
      DATABASE_URL: sqlite(),
      LARK_APP_ID: 'cli_a1b2c3d4e5f60718',
      LARK_APP_SECRET: secret,
      LARK_ENCRYPT_KEY: 'EncryptKey-4711',
      LARK_VERIFICATION_TOKEN: 'VerificationToken-4711',
      // Nothing listens there: the SDK's token request fails, and the SDK logs the request it made.
      LARK_DOMAIN: 'http://127.0.0.1:1',
      // Beside a platform the sandbox asks for its token (a secret too).
      SANDBOX_TOKEN: 'SandboxToken-4711-abcdef',
    });
    await until('the SDK error in the log', () => bot!.output().includes('tenant_access_token'));
    expect(bot.output()).toContain('\\"app_secret\\":\\"***\\"');
    expect(bot.output()).not.toContain('4711');
  });
});
