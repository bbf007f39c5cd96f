import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createDb } from '../../src/db/client.ts';
import { migrateDatabase, MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../src/db/migrate.ts';
import { tempDir } from '../helpers/app.ts';
import { freshPostgresUrl, onPostgres } from '../helpers/database.ts';

const MIGRATION = '20261216000000_question_once';

/** The migrations before `MIGRATION`, in a folder of their own. */
function migrationsBefore(): string {
  const source = onPostgres ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR;
  const dir = tempDir();
  for (const name of fs.readdirSync(source).filter((entry) => entry < MIGRATION && fs.statSync(path.join(source, entry)).isDirectory())) {
    fs.cpSync(path.join(source, name), path.join(dir, name), { recursive: true });
  }
  return dir;
}

describe('one question per message', () => {
  it('a database that filed a message twice before the unique key keeps both questions, the later one under a message id of its own', async () => {
    const url = onPostgres ? await freshPostgresUrl('empty') : `file:${path.join(tempDir(), 'old.db')}`;
    await migrateDatabase(url, migrationsBefore());
    const db = createDb(url);
    try {
      const asked = { platform: 'sandbox', chatId: 'g-residents', messageId: 'm1', askerUserId: 'r1', askerName: '居民甲', text: '周六办公吗？', askedAt: new Date('2026-11-23T01:00:00Z') };
      await db.residentQuestion.create({ data: asked });
      await db.residentQuestion.create({ data: { ...asked, status: 'answered', answer: '办公' } });
      // It is the first to apply; later migrations follow it.
      expect((await migrateDatabase(url))[0]).toBe(MIGRATION);
      const rows = await db.residentQuestion.findMany({ orderBy: { id: 'asc' }, select: { id: true, messageId: true, status: true } });
      expect(rows).toEqual([
        { id: 1, messageId: 'm1', status: 'open' },
        { id: 2, messageId: 'm1#2', status: 'answered' },
      ]);
      await expect(db.residentQuestion.create({ data: asked })).rejects.toThrow(/Unique constraint/);
    } finally {
      await db.$disconnect();
    }
  });
});
