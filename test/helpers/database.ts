import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase, POSTGRES_MIGRATIONS_DIR, readMigrations } from '../../src/db/migrate.ts';

/** `TEST_DATABASE=postgres` runs the suite on PostgreSQL; SQLite files otherwise. */
export const TEST_DATABASE: 'sqlite' | 'postgres' = process.env.TEST_DATABASE === 'postgres' ? 'postgres' : 'sqlite';
export const onPostgres = TEST_DATABASE === 'postgres';

/** The server the PostgreSQL runs create their databases on (trust auth on loopback). */
export const TEST_POSTGRES_SERVER = process.env.TEST_POSTGRES_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres';

const created: string[] = [];

/** Runs statements on the server's maintenance database, one short connection. */
export async function onServer<T>(use: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_SERVER });
  await client.connect();
  try {
    return await use(client);
  } finally {
    await client.end();
  }
}

/** The URL of `database` on the test server. */
export function postgresUrl(database: string): string {
  const url = new URL(TEST_POSTGRES_SERVER);
  url.pathname = `/${database}`;
  return url.toString();
}

/** Any fixed number: the lock under which one test process builds the migrated template. */
const TEMPLATE_LOCK = 7_431_027;
let template: Promise<string> | null = null;

/**
 * A migrated database to copy test databases from, one per set of migrations (named by their
 * checksums, kept for the next run): copying is much faster than migrating each one. Built under
 * another name and renamed, so a build that died half-way is never used.
 */
function migratedTemplate(): Promise<string> {
  template ??= (async () => {
    const hash = crypto.createHash('sha256').update(readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.checksum).join(',')).digest('hex').slice(0, 16);
    const name = `shequ_template_${hash}`;
    await onServer(async (client) => {
      await client.query('SELECT pg_advisory_lock($1)', [TEMPLATE_LOCK]);
      try {
        if ((await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [name])).rowCount) return;
        const building = `${name}_${process.pid}`;
        await client.query(`CREATE DATABASE "${building}" TEMPLATE template0 ENCODING 'UTF8'`);
        await migrateDatabase(postgresUrl(building));
        await whileInUse(() => client.query(`ALTER DATABASE "${building}" RENAME TO "${name}"`));
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [TEMPLATE_LOCK]);
      }
    });
    return name;
  })();
  return template;
}

/** Retries while PostgreSQL still counts a just-closed session on the database (55006). */
async function whileInUse<T>(run: () => Promise<T>): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if ((error as { code?: string }).code !== '55006' || attempt >= 50) throw error;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }
}

/**
 * A new PostgreSQL database, dropped when the test file ends (test/helpers/database-setup.ts):
 * migrated (a copy of the template) unless `empty` is asked for, as the migration tests do.
 */
export async function freshPostgresUrl(state: 'migrated' | 'empty' = 'migrated'): Promise<string> {
  const source = state === 'empty' ? 'template0' : await migratedTemplate();
  const name = `shequ_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await onServer((client) => whileInUse(() => client.query(`CREATE DATABASE "${name}" TEMPLATE "${source}" ENCODING 'UTF8'`)));
  created.push(name);
  return postgresUrl(name);
}

/** A fresh database for one test on the database the suite runs on (on PostgreSQL already migrated). */
export async function freshDatabaseUrl(name = 'bot'): Promise<string> {
  if (onPostgres) return freshPostgresUrl();
  return `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-test-')), `${name}.db`)}`;
}

/** A fresh database with the migrations applied, and its client. */
export async function freshDb(name = 'bot'): Promise<{ db: Db; url: string }> {
  const url = await freshDatabaseUrl(name);
  await migrateDatabase(url);
  return { db: createDb(url), url };
}

/** Drops the databases this test file created (FORCE: a client left open does not keep one alive). */
export async function dropCreatedDatabases(): Promise<void> {
  if (created.length === 0) return;
  const names = created.splice(0);
  await onServer(async (client) => {
    for (const name of names) await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  });
}
