import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';

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

/** A new, empty PostgreSQL database, dropped when the test file ends (test/helpers/database-setup.ts). */
export async function freshPostgresUrl(): Promise<string> {
  const name = `shequ_test_${process.pid}_${crypto.randomBytes(4).toString('hex')}`;
  await onServer((client) => client.query(`CREATE DATABASE "${name}" TEMPLATE template0 ENCODING 'UTF8'`));
  created.push(name);
  return postgresUrl(name);
}

/** A fresh, empty database for one test on the database the suite runs on. */
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
