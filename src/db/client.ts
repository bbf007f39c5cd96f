import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import pg from 'pg';
import { PrismaClient, Prisma } from '../generated/prisma/client.ts';
import { PrismaClient as PostgresClient } from '../generated/prisma-postgres/client.ts';
import { databaseKind, resolveDatabaseFile } from './database-url.ts';
import { serialSqlite } from './serial-sqlite.ts';

export { Prisma };
export type Db = PrismaClient;
/** What a command handler gets: the open transaction, never the client itself. */
export type Tx = Prisma.TransactionClient;

type Options = Omit<Prisma.PrismaClientOptions, 'adapter'>;

/**
 * The client for DATABASE_URL. Both generated clients come from the one datamodel and share
 * Prisma's runtime, so the PostgreSQL one is used through the SQLite client's type.
 */
export function createDb(databaseUrl: string): Db {
  const log: Options = process.env.PRISMA_LOG_QUERIES ? { log: [{ emit: 'event', level: 'query' }] } : {};
  let client: Db;
  if (databaseKind(databaseUrl) === 'postgres') {
    client = new PostgresClient({ adapter: new PrismaPg(postgresPool(databaseUrl), { disposeExternalPool: true }), ...log }) as unknown as Db;
  } else {
    const file = resolveDatabaseFile(databaseUrl);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    client = new PrismaClient({ adapter: serialSqlite(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })), ...log });
  }
  if (process.env.PRISMA_LOG_QUERIES) (client as unknown as { $on(e: 'query', f: (q: { query: string }) => void): void }).$on('query', (q) => process.stderr.write(`Q ${q.query.slice(0, 150)}\n`));
  return client;
}

/**
 * A pool whose connections may be cut (a failover, a restart, pg_terminate_backend) without taking
 * the process down: pg emits 'error' on a client whose backend went away, and an 'error' event with
 * no listener throws. The query in flight fails (the request is refused, the platform redelivers)
 * and the pool opens a new connection for the next one.
 */
function postgresPool(connectionString: string): pg.Pool {
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000 });
  const dropped = (error: Error): void => {
    process.emitWarning(`PostgreSQL connection lost: ${error.message}`);
  };
  pool.on('error', dropped);
  pool.on('connect', (connection) => connection.on('error', dropped));
  return pool;
}

/** True when `error` is a unique-constraint violation, the database's own dedupe: of a compiled query (P2002) or a raw one (P2010). */
export function isUniqueViolation(error: unknown): boolean {
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  const cause = (error.meta as { driverAdapterError?: { cause?: { kind?: string } } } | undefined)?.driverAdapterError?.cause;
  return error.code === 'P2010' && cause?.kind === 'UniqueConstraintViolation';
}

/**
 * Runs one insert inside a transaction, and answers null when the unique key already holds the
 * row. On PostgreSQL a savepoint keeps the transaction usable afterwards, since it aborts a
 * transaction at the first error; SQLite undoes only the failed statement and goes on, so there
 * the two extra statements are skipped (an unknown provider gets the savepoint: always correct).
 */
export async function insertUnlessDuplicate<T>(tx: Tx, insert: () => Promise<T>): Promise<T | null> {
  if ((tx as { _activeProvider?: string })._activeProvider === 'sqlite') {
    try {
      return await insert();
    } catch (error) {
      if (isUniqueViolation(error)) return null;
      throw error;
    }
  }
  await tx.$executeRawUnsafe('SAVEPOINT insert_unless_duplicate');
  try {
    const row = await insert();
    await tx.$executeRawUnsafe('RELEASE SAVEPOINT insert_unless_duplicate');
    return row;
  } catch (error) {
    await tx.$executeRawUnsafe('ROLLBACK TO SAVEPOINT insert_unless_duplicate');
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
