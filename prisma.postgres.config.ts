// Prisma CLI configuration for PostgreSQL: the schema derived from prisma/schema.prisma (see
// src/db/postgres-schema.ts), its twin migrations, and the pg driver adapter.
import path from 'node:path';
import { defineConfig } from 'prisma/config';
import { PrismaPg } from '@prisma/adapter-pg';
import { databaseKind } from './src/db/database-url.ts';

// The schema's datasource must name a PostgreSQL URL to parse, even where DATABASE_URL is the SQLite file.
if (databaseKind(process.env.DATABASE_URL) !== 'postgres') process.env.DATABASE_URL = 'postgresql://postgres@127.0.0.1:5432/postgres';

export default defineConfig({
  experimental: { adapter: true },
  engine: 'js',
  schema: path.join('prisma', 'postgres', 'schema.prisma'),
  migrations: { path: path.join('prisma', 'postgres', 'migrations') },
  async adapter() {
    return new PrismaPg({ connectionString: process.env.DATABASE_URL });
  },
});
