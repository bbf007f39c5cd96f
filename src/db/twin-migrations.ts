import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import Database from 'better-sqlite3';
import { MIGRATIONS_DIR, POSTGRES_MIGRATIONS_DIR, readMigrations, type Migration } from './migrate.ts';
import { derivePostgresSchema, POSTGRES_SCHEMA, SQLITE_SCHEMA } from './postgres-schema.ts';

const run = promisify(execFile);
const ROOT = path.resolve(MIGRATIONS_DIR, '../..');
const PRISMA = path.join(ROOT, 'node_modules/prisma/build/index.js');

/** Runs the Prisma CLI (SQLite config unless `postgres`), returning what it printed on stdout. */
export async function prisma(args: string[], options: { postgres?: boolean; databaseUrl?: string } = {}): Promise<string> {
  const config = options.postgres ? ['--config', path.join(ROOT, 'prisma.postgres.config.ts')] : [];
  const env = { ...process.env, DATABASE_URL: options.databaseUrl ?? 'file::memory:' };
  const { stdout } = await run(process.execPath, [PRISMA, ...args, ...config], { cwd: ROOT, env, maxBuffer: 64 * 1024 * 1024 });
  return stdout;
}

/** Writes prisma/postgres/schema.prisma from prisma/schema.prisma; true when it changed. */
export function writePostgresSchema(): boolean {
  const derived = derivePostgresSchema(fs.readFileSync(SQLITE_SCHEMA, 'utf8'));
  if (fs.existsSync(POSTGRES_SCHEMA) && fs.readFileSync(POSTGRES_SCHEMA, 'utf8') === derived) return false;
  fs.writeFileSync(POSTGRES_SCHEMA, derived);
  return true;
}

/**
 * The schema after the given SQLite migrations: applied to a scratch SQLite file and introspected
 * (`prisma db pull`); `migrate diff --from-migrations` needs a shadow database it cannot have offline.
 */
async function sqliteStateAfter(migrations: Migration[], dir: string): Promise<string> {
  const file = path.join(dir, `after-${migrations.length}.db`);
  const db = new Database(file);
  for (const migration of migrations) db.exec(migration.sql);
  db.close();
  const schema = path.join(dir, `after-${migrations.length}.prisma`);
  const pulled = await prisma(['db', 'pull', '--print'], { databaseUrl: `file:${file}` });
  // The CLI prints a warning about the datasource url before the schema.
  fs.writeFileSync(schema, pulled.slice(pulled.search(/^(generator|datasource) /m)));
  return schema;
}

/** The same state as PostgreSQL sees it. */
async function postgresStateAfter(migrations: Migration[], dir: string): Promise<string> {
  const schema = path.join(dir, `after-${migrations.length}.postgres.prisma`);
  if (fs.existsSync(schema)) return schema;
  fs.writeFileSync(schema, derivePostgresSchema(fs.readFileSync(await sqliteStateAfter(migrations, dir), 'utf8')));
  return schema;
}

function scratchDir<T>(use: (dir: string) => Promise<T>): Promise<T> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-twins-'));
  return use(dir).finally(() => fs.rmSync(dir, { recursive: true, force: true }));
}

const EMPTY_SQL = /^\s*(--[^\n]*\n|\s)*$/;

/** The SQL that brings the SQLite migrations up to prisma/schema.prisma ('' when they agree). */
export function pendingSqliteChange(): Promise<string> {
  return scratchDir(async (dir) => {
    const migrations = readMigrations(MIGRATIONS_DIR);
    const from = migrations.length === 0 ? ['--from-empty'] : ['--from-schema-datamodel', await sqliteStateAfter(migrations, dir)];
    const sql = await prisma(['migrate', 'diff', ...from, '--to-schema-datamodel', SQLITE_SCHEMA, '--script']);
    return EMPTY_SQL.test(sql) ? '' : sql;
  });
}

/** Statements beyond the schema change Prisma writes itself: rows copied or changed by hand. */
export function copiesData(sql: string): boolean {
  const statements = sql.replace(/--[^\n]*/g, '').split(';');
  return statements.some((s) => /^\s*(INSERT\s+INTO\s+"(?!new_)|UPDATE\s|DELETE\s)/i.test(s));
}

export interface Twin {
  name: string;
  /** The SQLite migration changes rows: the same must be written into the twin by hand. */
  copiesData: boolean;
}

/** Writes the PostgreSQL twin of every SQLite migration that has none, oldest first. */
export async function writeMissingTwins(): Promise<Twin[]> {
  const sqlite = readMigrations(MIGRATIONS_DIR);
  const twins = new Set(fs.existsSync(POSTGRES_MIGRATIONS_DIR) ? readMigrations(POSTGRES_MIGRATIONS_DIR).map((m) => m.name) : []);
  const written: Twin[] = [];
  await scratchDir(async (scratch) => {
    for (const [index, migration] of sqlite.entries()) {
      if (twins.has(migration.name)) continue;
      const before = index === 0 ? ['--from-empty'] : ['--from-schema-datamodel', await postgresStateAfter(sqlite.slice(0, index), scratch)];
      const after = await postgresStateAfter(sqlite.slice(0, index + 1), scratch);
      const sql = await prisma(['migrate', 'diff', ...before, '--to-schema-datamodel', after, '--script'], { postgres: true });
      const dir = path.join(POSTGRES_MIGRATIONS_DIR, migration.name);
      fs.mkdirSync(dir, { recursive: true });
      fs.writeFileSync(path.join(dir, 'migration.sql'), `-- PostgreSQL twin of prisma/migrations/${migration.name}.\n${sql.replace(/^-- CreateSchema\nCREATE SCHEMA IF NOT EXISTS "public";\n\n/, '')}`);
      written.push({ name: migration.name, copiesData: copiesData(migration.sql) });
    }
  });
  fs.writeFileSync(path.join(POSTGRES_MIGRATIONS_DIR, 'migration_lock.toml'), '# Please do not edit this file manually\n# It should be added in your version-control system (e.g., Git)\nprovider = "postgresql"\n');
  return written;
}
