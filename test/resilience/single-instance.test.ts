import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { until } from '../helpers/until.ts';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';
import { post, runBotProcess, startBotProcess, type BotProcess } from './bot-process.ts';

let bots: BotProcess[] = [];
let telegram: FakeBotApi | null = null;
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.kill('SIGKILL');
  await telegram?.stop();
  telegram = null;
});

/** 帮助 from the demo secretary, and an answer in her private chat: the bot is up and handling messages. */
const TOKEN = 'single-instance-sandbox-token';

async function answers(bot: BotProcess, id: string): Promise<void> {
  const fromBot = async () => {
    const { messages } = (await (await fetch(`${bot.url}/sandbox/api/messages?chatId=dm%3Awangfang`, { headers: { authorization: `Bearer ${TOKEN}` } })).json()) as { messages: { userId: string }[] };
    return messages.filter((m) => m.userId === 'bot').length;
  };
  const before = await fromBot();
  expect(await post(bot.url, '/sandbox/api/messages', { chatId: 'dm:wangfang', userId: 'wangfang', text: '帮助', id }, TOKEN)).toBe(200);
  await until(`the answer to ${id}`, async () => (await fromBot()) > before);
}

describe('one bot process per SQLite file', () => {
  it('a second bot refuses to start before it reaches a platform, the first goes on, the CLI still works, and after kill -9 a new one starts', async () => {
    telegram = await FakeBotApi.start();
    const dir = tempDir();
    const file = path.join(dir, 'data', 'bot.db');
    // Beside Telegram the sandbox asks for its token.
    const env = { DATABASE_URL: `file:${file}`, DEMO_DATA: 'auto', TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, SANDBOX_TOKEN: TOKEN };
    const first = await startBotProcess(env);
    bots.push(first);
    await answers(first, 'ask-1');
    const getMe = () => telegram!.calls.filter((c) => c.method === 'getMe' || c.method === 'deleteWebhook').length;
    const platformCalls = getMe();

    // The same file by another path (a symlinked directory) is the same database.
    fs.symlinkSync(path.join(dir, 'data'), path.join(dir, 'link'));
    const second = await runBotProcess({ ...env, DATABASE_URL: `file:${path.join(dir, 'link', 'bot.db')}` });
    process.stdout.write(`second bot on the same SQLite file: exit ${second.code}: ${second.output.trim()}\n`);
    expect(second.code).toBe(1);
    expect(second.output).toContain(`另一个社区助手进程正在使用数据库 ${file}`);
    expect(second.output).toContain(`(another shequ-bot process is using ${file}`);
    expect(second.output).not.toContain('启动失败');
    expect(getMe()).toBe(platformCalls);

    await answers(first, 'ask-2');
    const issued = await shequ(['bind-code', '王芳', '--json'], { DATABASE_URL: `file:${file}` });
    expect(issued.code, issued.stderr).toBe(0);
    expect(JSON.parse(issued.stdout).code).toMatch(/^\d{8}$/);

    await first.kill('SIGKILL');
    bots = [];
    const third = await startBotProcess(env);
    bots.push(third);
    await answers(third, 'ask-3');
  });
});
