import fs from 'node:fs';
import pg from 'pg';
import { describe, expect, it } from 'vitest';
import { migrateDatabase, MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.ts';
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from '../../src/db/postgres-schema.ts';
import { copiesData, prisma } from '../../src/db/twin-migrations.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

async function withClient<T>(url: string, use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/**
 * Columns, indexes and constraints of the public schema, comparable across databases. Columns by
 * name: a column added later sits at the end of its table, which changes nothing for the bot.
 */
function describeSchema(url: string) {
  return withClient(url, async (client) => {
    const columns = await client.query(
      `SELECT table_name, column_name, data_type, is_nullable, column_default, character_maximum_length, datetime_precision
         FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> '_prisma_migrations' ORDER BY table_name, column_name`,
    );
    const indexes = await client.query(`SELECT tablename, indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> '_prisma_migrations' ORDER BY indexname`);
    const constraints = await client.query(
      `SELECT conrelid::regclass::text AS "table", conname, pg_get_constraintdef(oid) AS definition
         FROM pg_constraint WHERE connamespace = 'public'::regnamespace AND conrelid::regclass::text <> '_prisma_migrations' ORDER BY conname`,
    );
    return { columns: columns.rows, indexes: indexes.rows, constraints: constraints.rows };
  });
}

describe('prisma/postgres: the PostgreSQL schema and its twin migrations', () => {
  it('is derived from prisma/schema.prisma as it stands (npm run db:migration writes it)', () => {
    expect(fs.readFileSync(POSTGRES_SCHEMA, 'utf8')).toBe(derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8')));
  });

  it('has a twin of the same name for every SQLite migration, and nothing else', () => {
    expect(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name)).toEqual(readMigrations(MIGRATIONS_DIR).map((m) => m.name));
  });

  it('copies rows where the SQLite migration copies rows', () => {
    const twins = new Map(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => [m.name, m.sql]));
    const copying = readMigrations(MIGRATIONS_DIR).filter((m) => copiesData(m.sql));
    expect(copying.map((m) => m.name)).toContain('20261201020000_approval_steps');
    for (const migration of copying) expect(copiesData(twins.get(migration.name)!), migration.name).toBe(true);
  });

  it('migrations and schema describe the same database', async () => {
    const migrated = await freshPostgresUrl();
    expect(await migrateDatabase(migrated)).toEqual(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name));
    const fromSchema = await freshPostgresUrl();
    const sql = await prisma(['migrate', 'diff', '--from-empty', '--to-schema-datamodel', POSTGRES_SCHEMA, '--script'], { postgres: true });
    await withClient(fromSchema, (client) => client.query(sql));
    expect(await describeSchema(migrated)).toEqual(await describeSchema(fromSchema));
  });

  it('applies each migration once, and refuses one that changed after it was applied', async () => {
    const url = await freshPostgresUrl();
    expect((await migrateDatabase(url)).length).toBeGreaterThan(0);
    expect(await migrateDatabase(url)).toEqual([]);
    await withClient(url, (client) => client.query("UPDATE _prisma_migrations SET checksum = 'edited'"));
    await expect(migrateDatabase(url)).rejects.toThrow(/was changed after it was applied/);
  });

  it('lets two instances starting together migrate one database: one applies, the other waits and finds nothing to do', async () => {
    const url = await freshPostgresUrl();
    const runs = await Promise.all([migrateDatabase(url), migrateDatabase(url), migrateDatabase(url)]);
    const all = readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name);
    expect(runs.map((names) => names.length).sort((a, b) => a - b)).toEqual([0, 0, all.length]);
    const rows = await withClient(url, (client) => client.query('SELECT migration_name FROM _prisma_migrations ORDER BY migration_name'));
    expect(rows.rows.map((row) => row.migration_name)).toEqual(all);
  });

  it('keeps the leave steps a database had when the approval steps arrived', async () => {
    const url = await freshPostgresUrl();
    const all = readMigrations(POSTGRES_MIGRATIONS_DIR);
    const before = all.findIndex((m) => m.name === '20261201020000_approval_steps');
    await withClient(url, async (client) => {
      for (const migration of all.slice(0, before)) await client.query(migration.sql);
      await client.query(`INSERT INTO "Person" ("name", "rosterKey", "updatedAt") VALUES ('张伟', 'k1', now())`);
      await client.query(
        `INSERT INTO "LeaveRequest" ("personId", "type", "startAt", "endAt", "workMinutes", "reason", "destination", "status", "platform", "platformChatId", "createdAt")
         VALUES (1, 'personal', now(), now(), 60, '看病', '本市', 'pending', 'sandbox', 'g1', now())`,
      );
      await client.query(`INSERT INTO "LeaveStep" ("id", "requestId", "index", "role", "status") VALUES (7, 1, 0, 'secretary', 'active')`);
      await client.query(all[before]!.sql);
      const steps = await client.query(`SELECT "id", "kind", "requestId", "role", "status" FROM "ApprovalStep"`);
      expect(steps.rows).toEqual([{ id: 7, kind: 'leave', requestId: 1, role: 'secretary', status: 'active' }]);
      // The id sequence goes on after the copied rows.
      const next = await client.query(`INSERT INTO "ApprovalStep" ("kind", "requestId", "index", "status") VALUES ('leave', 1, 1, 'waiting') RETURNING "id"`);
      expect(next.rows[0].id).toBe(8);
    });
  });
});
