import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { onPostgres, onServer } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';
import { post, startBotProcess, type BotProcess } from './bot-process.ts';

let bot: TestApp | null = null;
let botProcess: BotProcess | null = null;
afterEach(async () => {
  await bot?.stop();
  await botProcess?.kill('SIGKILL');
  bot = null;
  botProcess = null;
});

describe('/healthz fails when the database cannot be written', () => {
  it('answers ok while the database takes writes', async () => {
    bot = await startTestApp();
    expect(await bot.get('/healthz')).toEqual({ status: 200, body: { ok: true } });
  });

  it.skipIf(onPostgres)('SQLite: a database file the bot may not write is 503 with the reason, while messages fail', async () => {
    const dir = tempDir();
    fs.chmodSync(dir, 0o777);
    const file = path.join(dir, 'bot.db');
    await migrateDatabase(`file:${file}`);
    fs.chmodSync(file, 0o444);
    // Root writes a file whatever its mode: then the bot runs as nobody, and the file stays root's.
    const user = process.getuid?.() === 0 ? { uid: 65534, gid: 65534 } : undefined;
    botProcess = await startBotProcess({ DATABASE_URL: `file:${file}` }, [], user);
    const response = await fetch(`${botProcess.url}/healthz`);
    const health = { status: response.status, body: await response.json() };
    process.stdout.write(`healthz, a SQLite file the bot cannot write: ${health.status} ${JSON.stringify(health.body)}\n`);
    expect(health).toEqual({ status: 503, body: { ok: false, reason: 'database is read-only' } });
    expect(await post(botProcess.url, '/sandbox/api/messages', { chatId: 'dm:x', userId: 'x', text: '帮助' })).toBe(500);
  });

  it.skipIf(!onPostgres)('PostgreSQL: default_transaction_read_only on the database (as on a standby) is 503 once the connections are new', async () => {
    bot = await startTestApp();
    expect((await bot.get('/healthz')).status).toBe(200);
    const database = new URL(bot.databaseUrl).pathname.slice(1);
    await onServer(async (client) => {
      await client.query(`ALTER DATABASE "${database}" SET default_transaction_read_only = on`);
      await client.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [database]);
    });
    // The first probe may meet a connection just cut; the pool's next one is read-only.
    const health = await until('a read-only answer', async () => {
      const answer = await bot!.get('/healthz');
      return answer.body.reason === 'database is read-only' ? answer : null;
    });
    process.stdout.write(`healthz, read-only PostgreSQL database: ${health.status} ${JSON.stringify(health.body)}\n`);
    expect(health.status).toBe(503);
    await onServer((client) => client.query(`ALTER DATABASE "${database}" RESET default_transaction_read_only`));
    await until('writable again', async () => (await bot!.get('/healthz')).status === 200);
  });
});
