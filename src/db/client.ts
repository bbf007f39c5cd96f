import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaClient, Prisma } from '../generated/prisma/client.ts';
import { resolveDatabaseFile } from './database-url.ts';

export { Prisma };
export type Db = PrismaClient;
/** What a command handler gets: the open transaction, never the client itself. */
export type Tx = Prisma.TransactionClient;

export function createDb(databaseUrl: string): Db {
  const file = resolveDatabaseFile(databaseUrl);
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const client = new PrismaClient({
    adapter: new PrismaBetterSQLite3({ url: file, timeout: 10_000 }),
    ...(process.env.PRISMA_LOG_QUERIES ? { log: [{ emit: 'event' as const, level: 'query' as const }] } : {}),
  });
  if (process.env.PRISMA_LOG_QUERIES) (client as unknown as { $on(e: 'query', f: (q: { query: string }) => void): void }).$on('query', (q) => process.stderr.write(`Q ${q.query.slice(0, 150)}\n`));
  return client;
}

/** True when `error` is a unique-constraint violation, the database's own dedupe. */
export function isUniqueViolation(error: unknown): boolean {
  return error instanceof Prisma.PrismaClientKnownRequestError && error.code === 'P2002';
}
