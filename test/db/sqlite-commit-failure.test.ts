import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { sql } from '../../src/db/sql.ts';

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

/**
 * A COMMIT that fails (here a foreign key checked at commit; on a busy or full disk, SQLITE_BUSY or
 * SQLITE_FULL) must not leave the one SQLite connection inside its transaction, nor keep the lock
 * that queues every other caller: the bot would wait forever after it.
 */
describe('a failed COMMIT on SQLite', () => {
  it('fails its transaction only: nothing of it is kept, and the next ones run', async () => {
    const databaseUrl = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-commit-')), 'bot.db')}`;
    await migrateDatabase(databaseUrl);
    db = createDb(databaseUrl);
    let inserted = false;
    const failing = db.$transaction(async (tx) => {
      await sql(tx).execute`PRAGMA defer_foreign_keys = ON`;
      await tx.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-lost', kind: 'group' } });
      await sql(tx).execute`INSERT INTO "Binding" ("personId", "platform", "platformUserId") VALUES (9999, 'sandbox', 'u-nobody')`;
      inserted = true;
    });
    await expect(failing).rejects.toThrow(/ForeignKey/);
    expect(inserted).toBe(true);

    const next = await Promise.race([
      db.$transaction((tx) => tx.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-next', kind: 'group' } })).then(() => 'ran'),
      new Promise((resolve) => setTimeout(() => resolve('still waiting after 5 s'), 5_000)),
    ]);
    expect(next).toBe('ran');
    expect(await Promise.race([db.chat.findMany().then((rows) => rows.map((r) => r.platformChatId)), new Promise((resolve) => setTimeout(() => resolve('still waiting'), 5_000))])).toEqual(['g-next']);
  }, 20_000);
});
