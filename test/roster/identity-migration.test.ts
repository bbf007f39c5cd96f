import fs from 'node:fs';
import path from 'node:path';
import { afterEach, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase, MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR } from '../../src/db/migrate.ts';
import { importRoster, validateRoster } from '../../src/roster/import-roster.ts';
import { tempDir } from '../helpers/app.ts';
import { freshDatabaseUrl, freshPostgresUrl, onPostgres } from '../helpers/database.ts';

const MIGRATION = '20261217000000_roster_identity';

let db: Db | null = null;
afterEach(() => db?.$disconnect());

/** A database migrated up to just before the roster identity, as an office's was. */
async function databaseBefore(): Promise<string> {
  const url = onPostgres ? await freshPostgresUrl('empty') : await freshDatabaseUrl();
  const all = onPostgres ? POSTGRES_MIGRATIONS_DIR : MIGRATIONS_DIR;
  const earlier = tempDir();
  for (const name of fs.readdirSync(all).filter((n) => /^\d{14}_/.test(n) && n < MIGRATION)) fs.cpSync(path.join(all, name), path.join(earlier, name), { recursive: true });
  await migrateDatabase(url, earlier);
  return url;
}

it('gives the people on file their mobile number as their key, except a number two of them share', async () => {
  const url = await databaseBefore();
  db = createDb(url);
  const people = [
    ['王芳', '书记', '138 0000 0001'],
    ['张伟', '社工', '+86 139-0000-0002'],
    ['刘洋', '社工', '010-12345678'],
    ['李雷', '居民', '13700000003'],
    ['韩梅', '居民', '137 0000 0003'],
    ['钱大爷', '居民', null],
  ] as const;
  await db.$executeRaw`INSERT INTO "Community" ("name") VALUES ('幸福社区')`;
  for (const [name, role, phone] of people) {
    await db.$executeRaw`INSERT INTO "Person" ("name", "rosterKey", "phone", "communityId", "updatedAt") VALUES (${name}, ${`community:幸福社区:${name}`}, ${phone}, 1, ${new Date()})`;
    await db.$executeRaw`INSERT INTO "PersonRole" ("personId", "role") SELECT "id", ${role === '书记' ? 'secretary' : role === '社工' ? 'staff' : 'resident'} FROM "Person" WHERE "name" = ${name}`;
  }
  const applied = await migrateDatabase(url);
  // This migration first, then any later one.
  expect(applied[0]).toBe(MIGRATION);
  expect(applied.every((name) => name >= MIGRATION)).toBe(true);

  const keys = await db.person.findMany({ orderBy: { id: 'asc' }, select: { name: true, rosterKey: true, phoneKey: true } });
  expect(keys.map((p) => [p.name, p.phoneKey])).toEqual([
    ['王芳', '13800000001'],
    ['张伟', '13900000002'],
    ['刘洋', null],
    ['李雷', null],
    ['韩梅', null],
    ['钱大爷', null],
  ]);
  expect(keys.every((p) => p.rosterKey === `community:幸福社区:${p.name}`)).toBe(true);

  // The same sheet again finds every one of them.
  const rows = people.map(([name, role, phone], index) => ({ rowNumber: index + 2, cells: { 姓名: name, 角色: role, 社区: '幸福社区', 手机: phone ?? '' } }));
  const result = await importRoster(db, validateRoster(rows.filter((r) => r.cells.姓名 !== '韩梅')));
  expect(result).toMatchObject({ created: 0, confirmations: 0 });
  expect(await db.person.count()).toBe(people.length);
});
