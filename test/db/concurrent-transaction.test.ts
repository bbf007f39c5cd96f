import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

const databases = {
  sqlite: async () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-concurrent-')), 'bot.db')}`,
  postgres: freshPostgresUrl,
};

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

const row = (chat: string) => ({ platform: 'sandbox', platformChatId: chat, payload: '{"text":"x"}', nextAttemptAt: new Date(), createdAt: new Date() });

/**
 * A write outside any transaction, made while another caller's transaction is open and then rolls
 * back (a scheduler claim that lost its race), must survive: on SQLite one connection serves both.
 */
describe.each(Object.entries(databases))('a write beside a transaction that rolls back, on %s', (_, url) => {
  it('is kept, and the transaction sees none of it nor leaves any of its own', async () => {
    const databaseUrl = await url();
    await migrateDatabase(databaseUrl);
    db = createDb(databaseUrl);
    const client = db;
    let inside!: () => void;
    const opened = new Promise<void>((resolve) => (inside = resolve));
    const rolledBack = client
      .$transaction(async (tx) => {
        await tx.outboxMessage.create({ data: row('in-tx') });
        inside();
        await new Promise((resolve) => setTimeout(resolve, 200));
        throw new Error('lost the race');
      })
      .catch((error: Error) => error.message);
    await opened;
    await client.outboxMessage.create({ data: row('beside') });
    expect(await rolledBack).toBe('lost the race');
    expect((await client.outboxMessage.findMany()).map((r) => r.platformChatId)).toEqual(['beside']);
  });
});
