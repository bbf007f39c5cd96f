import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, insertUnlessDuplicate, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

const databases = {
  sqlite: async () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-unique-')), 'bot.db')}`,
  postgres: freshPostgresUrl,
};

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

/**
 * A check-in whose unique key already holds a row, inside the transaction that also writes the
 * reply: PostgreSQL aborts a transaction at its first error, SQLite goes on. Both must go on.
 */
describe.each(Object.entries(databases))('a duplicate insert inside a transaction on %s', (_, url) => {
  async function open(): Promise<{ db: Db; personId: number; communityId: number }> {
    const databaseUrl = await url();
    await migrateDatabase(databaseUrl);
    db = createDb(databaseUrl);
    const community = await db.community.create({ data: { name: '幸福社区' } });
    const person = await db.person.create({ data: { name: '张伟', rosterKey: 'k', communityId: community.id } });
    return { db, personId: person.id, communityId: community.id };
  }

  it('answers null, and the transaction goes on and commits its other writes', async () => {
    const { db, personId, communityId } = await open();
    const row = { personId, communityId, officeDate: '2026-11-23', session: 'am', kind: 'in', at: new Date('2026-11-23T00:00:00Z'), status: 'on_time', platform: 'sandbox' };
    await db.checkIn.create({ data: row });
    const outcome = await db.$transaction(async (tx) => {
      const second = await insertUnlessDuplicate(tx, () => tx.checkIn.create({ data: { ...row, at: new Date('2026-11-23T00:00:01Z') } }));
      await tx.outboxMessage.create({ data: { platform: 'sandbox', platformChatId: 'g', payload: '{"text":"已签到"}', nextAttemptAt: new Date(), createdAt: new Date() } });
      return second;
    });
    expect(outcome).toBeNull();
    expect(await db.checkIn.count()).toBe(1);
    expect(await db.outboxMessage.count()).toBe(1);
  });

  it('returns the row when the key is free, and lets other errors through', async () => {
    const { db, personId, communityId } = await open();
    const row = { personId, communityId, officeDate: '2026-11-23', session: 'am', kind: 'in', at: new Date(), status: 'on_time', platform: 'sandbox' };
    const created = await db.$transaction((tx) => insertUnlessDuplicate(tx, () => tx.checkIn.create({ data: row })));
    expect(created).toMatchObject({ personId, session: 'am' });
    await expect(db.$transaction((tx) => insertUnlessDuplicate(tx, () => tx.checkIn.create({ data: { ...row, session: 'pm', personId: 999 } })))).rejects.toThrow(/Foreign key/i);
    expect(await db.checkIn.count()).toBe(1);
  });
});
