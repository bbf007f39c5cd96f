// Prisma CLI configuration: the Rust-free engine with the SQLite driver adapter, so generate,
// migrate diff and migrate status run offline (no engine download).
import fs from 'node:fs';
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { databaseKind, DEFAULT_DATABASE_URL, resolveDatabaseFile } from './src/db/database-url.ts';

// The schema's datasource reads DATABASE_URL; the bot's own default applies when it is unset or names
// PostgreSQL (whose schema is prisma.postgres.config.ts's), so `npm install` works in either setting.
if (databaseKind(process.env.DATABASE_URL) !== 'sqlite') process.env.DATABASE_URL = DEFAULT_DATABASE_URL;
process.env.DATABASE_URL ??= DEFAULT_DATABASE_URL;

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'migrations') },
  async adapter() {
    const file = resolveDatabaseFile(process.env.DATABASE_URL);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    return new PrismaBetterSQLite3({ url: file });
  },
});
