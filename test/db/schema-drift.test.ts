import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, readMigrations } from '../../src/db/migrate.ts';
import { tempDir } from '../helpers/app.ts';
import { ROOT } from '../helpers/cli.ts';

const run = promisify(execFile);

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

describe('prisma/schema.prisma and prisma/migrations', () => {
  it('describe the same database', async () => {
    const dir = tempDir();
    const migrated = path.join(dir, 'migrated.db');
    expect(migrateDatabase(`file:${migrated}`)).toEqual(readMigrations().map((m) => m.name));

    const { stdout: sql } = await run(
      process.execPath,
      [path.join(ROOT, 'node_modules/prisma/build/index.js'), 'migrate', 'diff', '--from-empty', '--to-schema-datamodel', 'prisma/schema.prisma', '--script'],
      { cwd: ROOT, env: { ...process.env, DATABASE_URL: `file:${path.join(dir, 'cli.db')}` } },
    );
    const fromSchema = path.join(dir, 'from-schema.db');
    const db = new Database(fromSchema);
    db.exec(sql);
    db.close();

    expect(describeSchema(migrated)).toEqual(describeSchema(fromSchema));
  });

  it('applies each migration once, and refuses one that changed after it was applied', () => {
    const file = `file:${path.join(tempDir(), 'again.db')}`;
    expect(migrateDatabase(file).length).toBeGreaterThan(0);
    expect(migrateDatabase(file)).toEqual([]);
    const db = new Database(file.slice('file:'.length));
    db.prepare("UPDATE _prisma_migrations SET checksum = 'edited'").run();
    db.close();
    expect(() => migrateDatabase(file)).toThrow(/was changed after it was applied/);
  });
});
