import path from 'node:path';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, readMigrations } from '../../src/db/migrate.ts';
import { prisma } from '../../src/db/twin-migrations.ts';
import { tempDir } from '../helpers/app.ts';

/** Tables, columns, indexes and foreign keys of a SQLite file, in a comparable form. */
function describeSchema(file: string) {
  const db = new Database(file, { readonly: true });
  try {
    const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
    return Object.fromEntries(
      tables.map((table) => [
        table,
        {
          columns: db.prepare(`PRAGMA table_info("${table}")`).all(),
          indexes: (db.prepare(`PRAGMA index_list("${table}")`).all() as { name: string; unique: number }[])
            .map((index) => ({ name: index.name, unique: index.unique, columns: db.prepare(`PRAGMA index_info("${index.name}")`).all() }))
            .sort((a, b) => a.name.localeCompare(b.name)),
          foreignKeys: db.prepare(`PRAGMA foreign_key_list("${table}")`).all(),
        },
      ]),
    );
  } finally {
    db.close();
  }
}

describe('prisma/schema.prisma and prisma/migrations (SQLite)', () => {
  it('describe the same database', async () => {
    const dir = tempDir();
    const migrated = path.join(dir, 'migrated.db');
    expect(await migrateDatabase(`file:${migrated}`)).toEqual(readMigrations().map((m) => m.name));

    const sql = await prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script']);
    const fromSchema = path.join(dir, 'from-schema.db');
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();

    expect(describeSchema(migrated)).toEqual(describeSchema(fromSchema));
  });

  it('applies each migration once, and refuses one that changed after it was applied', async () => {
    const file = `file:${path.join(tempDir(), 'again.db')}`;
    expect((await migrateDatabase(file)).length).toBeGreaterThan(0);
    expect(await migrateDatabase(file)).toEqual([]);
    const db = new Database(file.slice('file:'.length));
    db.prepare("UPDATE _prisma_migrations SET checksum = 'edited'").run();
    db.close();
    await expect(migrateDatabase(file)).rejects.toThrow(/was changed after it was applied/);
  });
});
