import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, Prisma, type Db } from '../../src/db/client.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

let bot: TestApp | null = null;
const clients: Db[] = [];
afterEach(async () => {
  await bot?.stop();
  bot = null;
  for (const db of clients.splice(0)) await db.$disconnect();
});

function open(url: string): Db {
  const db = createDb(url);
  clients.push(db);
  return db;
}

/** Every row of every model, in a fixed order, as the bot reads them. */
async function everyRow(db: Db): Promise<Record<string, unknown[]>> {
  const rows: Record<string, unknown[]> = {};
  for (const model of Object.values(Prisma.ModelName)) {
    const delegate = (db as unknown as Record<string, { findMany(): Promise<unknown[]> }>)[model[0]!.toLowerCase() + model.slice(1)]!;
    rows[model] = (await delegate.findMany()).map((row) => JSON.stringify(row)).sort();
  }
  return rows;
}

describe('shequ export-db / import-db: an office moves from its SQLite file to PostgreSQL', () => {
  it('keeps every row of every table, and the bot goes on from there on PostgreSQL', async () => {
    const sqliteUrl = `file:${path.join(tempDir(), 'office.db')}`;
    bot = await startTestApp({ demo: true, databaseUrl: sqliteUrl, now: '2026-11-23T07:55:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签到');
    await bot.botReply('g-work', (text) => text === '@张伟 已签到 07:55（上午）准时');
    await bot.say('g-work', 'liuyang', '签到');
    await bot.botReply('g-work', (text) => text === '@刘洋 已签到 07:55（上午）准时');
    await bot.say('dm:wangfang', 'wangfang', '帮助');
    await bot.botReply('dm:wangfang', (text) => text.includes('签到'));
    await bot.stop();
    bot = null;

    const file = path.join(tempDir(), 'office.jsonl');
    const exported = await shequ(['export-db', file], { DATABASE_URL: sqliteUrl });
    expect(exported.code, exported.stderr).toBe(0);
    expect(exported.stdout).toMatch(/CheckIn\t2\n/);

    const postgresUrl = await freshPostgresUrl();
    const imported = await shequ(['import-db', file], { DATABASE_URL: postgresUrl });
    expect(imported.code, imported.stderr).toBe(0);
    expect(imported.stdout.split('\n').slice(1)).toEqual(exported.stdout.split('\n').slice(1));

    const before = await everyRow(open(sqliteUrl));
    const after = await everyRow(open(postgresUrl));
    expect(Object.keys(after)).toEqual(Object.keys(before));
    for (const model of Object.keys(before)) expect(after[model], model).toEqual(before[model]);
    expect(before.CheckIn).toHaveLength(2);
    expect(before.Person!.length).toBeGreaterThan(5);

    // A second import would mix two offices' rows: refused, nothing written.
    const again = await shequ(['import-db', file], { DATABASE_URL: postgresUrl });
    expect(again.code).toBe(1);
    expect(again.stderr).toContain('the database is not empty');

    // The ids continue after the imported ones: new rows on PostgreSQL do not collide.
    bot = await startTestApp({ databaseUrl: postgresUrl, now: '2026-11-23T16:35:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签退');
    await bot.botReply('g-work', (text) => text.startsWith('@张伟 已签退 16:35（下午）正常'));
    expect(await bot.app.db.checkIn.count()).toBe(3);
  });

  it('explains what it cannot do', async () => {
    const missing = await shequ(['export-db', path.join(tempDir(), 'x.jsonl')], { DATABASE_URL: `file:${path.join(tempDir(), 'none.db')}` });
    expect(missing.code).toBe(1);
    expect(missing.stderr).toContain('找不到数据库文件');
    const file = path.join(tempDir(), 'x.jsonl');
    fs.writeFileSync(file, '{"format":"something-else"}\n');
    const wrong = await shequ(['import-db', file], { DATABASE_URL: await freshPostgresUrl() });
    expect(wrong.code).toBe(1);
    expect(wrong.stderr).toContain('is not a shequ export');
    const intoSqlite = await shequ(['import-db', file], { DATABASE_URL: `file:${path.join(tempDir(), 'y.db')}` });
    expect(intoSqlite.stderr).toContain('import-db loads into PostgreSQL');
  });
});
