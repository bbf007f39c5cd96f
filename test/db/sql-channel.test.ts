import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { createDb, insertUnlessDuplicate, isUniqueViolation, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { sql } from '../../src/db/sql.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

const databases = {
  sqlite: async () => `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-sql-')), 'bot.db')}`,
  postgres: () => freshPostgresUrl(),
};

const opened: Db[] = [];
afterEach(async () => {
  for (const db of opened.splice(0)) await db.$disconnect();
});

async function open(url: () => Promise<string>): Promise<Db> {
  const databaseUrl = await url();
  await migrateDatabase(databaseUrl);
  const db = createDb(databaseUrl);
  opened.push(db);
  return db;
}

const insertChat = (on: object, chatId: string) => sql(on).execute`INSERT INTO "Chat" ("platform", "platformChatId", "kind", "updatedAt") VALUES ('sandbox', ${chatId}, 'group', ${new Date()})`;

/**
 * The raw channel runs its statements on the adapter Prisma uses, inside Prisma's own transaction:
 * what it writes commits and rolls back with the compiled queries beside it, each of several
 * concurrent transactions gets its own, and its rows read as Prisma's do.
 */
describe.each(Object.entries(databases))('the raw SQL channel, on %s', (_, url) => {
  it('writes inside the transaction Prisma opened: seen by its queries, gone with its rollback', async () => {
    const db = await open(url);
    await db.$transaction(async (tx) => {
      await insertChat(tx, 'g-kept');
      expect(await tx.chat.count({ where: { platformChatId: 'g-kept' } })).toBe(1);
    });
    await expect(
      db.$transaction(async (tx) => {
        await tx.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-compiled', kind: 'group' } });
        await insertChat(tx, 'g-raw');
        throw new Error('handler failed');
      }),
    ).rejects.toThrow('handler failed');
    expect((await db.chat.findMany({ orderBy: { id: 'asc' } })).map((c) => c.platformChatId)).toEqual(['g-kept']);
  });

  it('gives each of several concurrent transactions its own', async () => {
    const db = await open(url);
    // Uncommitted rows are seen only in their own transaction: each direction checked, by name.
    const seen = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        db.$transaction(async (tx) => {
          await insertChat(tx, `g-raw-${i}`);
          await tx.chat.create({ data: { platform: 'sandbox', platformChatId: `g-compiled-${i}`, kind: 'group' } });
          await new Promise((resolve) => setTimeout(resolve, 20));
          const compiledSeesRaw = await tx.chat.count({ where: { platformChatId: `g-raw-${i}` } });
          const [row] = await sql(tx).query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "Chat" WHERE "platformChatId" = ${`g-compiled-${i}`}`;
          return [compiledSeesRaw, row!.n];
        }),
      ),
    );
    expect(seen).toEqual(Array.from({ length: 6 }, () => [1, 1]));
    expect(await db.chat.count()).toBe(12);
  });

  it('reads rows as Prisma reads them: numbers, booleans, instants, nulls', async () => {
    const db = await open(url);
    const community = await db.community.create({ data: { name: '幸福社区' } });
    const person = await db.person.create({ data: { name: '张伟', rosterKey: 'k', communityId: community.id } });
    const at = new Date('2026-11-30T15:59:59.123Z');
    const base = { personId: person.id, communityId: community.id, officeDate: '2026-12-01', kind: 'in', at, status: 'on_time', platform: 'sandbox' };
    await db.checkIn.create({ data: { ...base, session: 'am', latitude: 22.54, longitude: 114.05, distanceMeters: 812, outsideGeofence: true } });
    await db.checkIn.create({ data: { ...base, session: 'pm' } });
    const columns = ['id', 'personId', 'session', 'at', 'latitude', 'distanceMeters', 'outsideGeofence', 'inboxEventId'] as const;
    const compiled = await db.checkIn.findMany({ orderBy: { id: 'asc' }, select: Object.fromEntries(columns.map((c) => [c, true])) });
    const raw = await sql(db).query<Record<string, unknown>>`
      SELECT "id", "personId", "session", "at", "latitude", "distanceMeters", "outsideGeofence", "inboxEventId" FROM "CheckIn" ORDER BY "id"`;
    expect(raw).toEqual(compiled);
    expect(raw[0]!.at).toEqual(at);
  });

  it('reports a duplicate as one, and keeps the transaction usable after it', async () => {
    const db = await open(url);
    await insertChat(db, 'g-1');
    const error = await insertChat(db, 'g-1').catch((e: unknown) => e);
    expect(isUniqueViolation(error)).toBe(true);
    const inserted = await db.$transaction(async (tx) => {
      const again = await insertUnlessDuplicate(tx, () => insertChat(tx, 'g-1'));
      await insertChat(tx, 'g-2');
      return again;
    });
    expect(inserted).toBeNull();
    expect(await db.chat.count()).toBe(2);
  });

  it('refuses a statement after its transaction has ended', async () => {
    const db = await open(url);
    let kept: object | null = null;
    await db.$transaction(async (tx) => {
      kept = tx;
    });
    await expect(insertChat(kept!, 'g-late')).rejects.toThrow(/already closed/);
    expect(await db.chat.count()).toBe(0);
  });
});
