import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseKind, resolveDatabaseFile } from './database-url.ts';

const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma');
export const MIGRATIONS_DIR = path.join(PRISMA_DIR, 'migrations');
/** The PostgreSQL twins: one folder of the same name for each SQLite migration. */
export const POSTGRES_MIGRATIONS_DIR = path.join(PRISMA_DIR, 'postgres', 'migrations');

export interface Migration {
  name: string;
  sql: string;
  checksum: string;
}

export function readMigrations(dir = MIGRATIONS_DIR): Migration[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(dir, entry.name, 'migration.sql')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const sql = fs.readFileSync(path.join(dir, name, 'migration.sql'), 'utf8');
      return { name, sql, checksum: crypto.createHash('sha256').update(sql).digest('hex') };
    });
}

/**
 * Applies the pending migrations at start-up, in-process and offline. It keeps Prisma's own
 * `_prisma_migrations` table, so `prisma migrate status` agrees with what it did.
 */
export async function migrateDatabase(databaseUrl: string, dir?: string): Promise<string[]> {
  return databaseKind(databaseUrl) === 'postgres'
    ? migratePostgres(databaseUrl, dir ?? POSTGRES_MIGRATIONS_DIR)
    : migrateSqlite(databaseUrl, dir ?? MIGRATIONS_DIR);
}

function checkUnchanged(migration: Migration, known: string, where: string): void {
  if (known !== migration.checksum) throw new Error(`migration ${migration.name} was changed after it was applied to ${where}`);
}

function migrateSqlite(databaseUrl: string, dir: string): string[] {
  const file = resolveDatabaseFile(databaseUrl);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file, { timeout: 10_000 });
  try {
    db.pragma('journal_mode = WAL');
    db.exec(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" TEXT PRIMARY KEY NOT NULL, "checksum" TEXT NOT NULL, "finished_at" DATETIME,
      "migration_name" TEXT NOT NULL, "logs" TEXT, "rolled_back_at" DATETIME,
      "started_at" DATETIME NOT NULL DEFAULT current_timestamp, "applied_steps_count" INTEGER UNSIGNED NOT NULL DEFAULT 0)`);
    const applied = new Map(
      (db.prepare('SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL').all() as {
        migration_name: string;
        checksum: string;
      }[]).map((row) => [row.migration_name, row.checksum]),
    );
    const done: string[] = [];
    for (const migration of readMigrations(dir)) {
      const known = applied.get(migration.name);
      if (known !== undefined) {
        checkUnchanged(migration, known, file);
        continue;
      }
      const startedAt = new Date().toISOString();
      db.transaction(() => {
        db.exec(migration.sql);
        db.prepare(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES (?, ?, ?, ?, ?, 1)',
        ).run(crypto.randomUUID(), migration.checksum, new Date().toISOString(), migration.name, startedAt);
      })();
      done.push(migration.name);
    }
    return done;
  } finally {
    db.close();
  }
}

/** Any fixed number: the key of the session lock that lets one instance at a time migrate a database. */
const MIGRATION_LOCK = 7_431_026;

/**
 * Instances starting together take turns under an advisory lock (scoped to this database); each
 * migration commits with its `_prisma_migrations` row, as PostgreSQL's DDL is transactional.
 */
async function migratePostgres(databaseUrl: string, dir: string): Promise<string[]> {
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    await client.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    await client.query(`CREATE TABLE IF NOT EXISTS "_prisma_migrations" (
      "id" VARCHAR(36) PRIMARY KEY NOT NULL, "checksum" VARCHAR(64) NOT NULL, "finished_at" TIMESTAMPTZ,
      "migration_name" VARCHAR(255) NOT NULL, "logs" TEXT, "rolled_back_at" TIMESTAMPTZ,
      "started_at" TIMESTAMPTZ NOT NULL DEFAULT now(), "applied_steps_count" INTEGER NOT NULL DEFAULT 0)`);
    const rows = await client.query<{ migration_name: string; checksum: string }>(
      'SELECT migration_name, checksum FROM _prisma_migrations WHERE rolled_back_at IS NULL AND finished_at IS NOT NULL',
    );
    const applied = new Map(rows.rows.map((row) => [row.migration_name, row.checksum]));
    const done: string[] = [];
    for (const migration of readMigrations(dir)) {
      const known = applied.get(migration.name);
      if (known !== undefined) {
        checkUnchanged(migration, known, new URL(databaseUrl).pathname.slice(1));
        continue;
      }
      const startedAt = new Date();
      await client.query('BEGIN');
      try {
        await client.query(migration.sql);
        await client.query(
          'INSERT INTO _prisma_migrations (id, checksum, finished_at, migration_name, started_at, applied_steps_count) VALUES ($1, $2, now(), $3, $4, 1)',
          [crypto.randomUUID(), migration.checksum, migration.name, startedAt],
        );
        await client.query('COMMIT');
      } catch (error) {
        await client.query('ROLLBACK');
        throw error;
      }
      done.push(migration.name);
    }
    return done;
  } finally {
    // Ending the session releases the lock too; unlocking first lets a waiting instance go on at once.
    await client.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await client.end();
  }
}
