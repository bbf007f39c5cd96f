import fs from 'node:fs';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { isDriverAdapterError, type MappedError, type SqlDriverAdapter, type SqlMigrationAwareDriverAdapterFactory, type Transaction } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { PrismaClient, Prisma } from '../generated/prisma/client.ts';
import { PrismaClient as PostgresClient } from '../generated/prisma-postgres/client.ts';
import { databaseKind, resolveDatabaseFile } from './database-url.ts';
import { serialSqlite } from './serial-sqlite.ts';
import { driverAdapterErrorOf, intercept, namingClient, onEndFailure, pgTransactionClient } from './prisma-internals.ts';
import { sql, sqlChannels } from './sql.ts';

export { Prisma };
export type Db = PrismaClient;
/** What a command handler gets: the open transaction, never the client itself. */
export type Tx = Prisma.TransactionClient;

type Options = Omit<Prisma.PrismaClientOptions, 'adapter'>;

export interface DbOptions {
  /** Told of a PostgreSQL connection cut under the pool (the bot logs it); the query on it fails by itself. */
  onConnectionLost?: (error: Error) => void;
}

/**
 * The client for DATABASE_URL. Both generated clients come from the one datamodel and share
 * Prisma's runtime, so the PostgreSQL one is used through the SQLite client's type.
 */
export function createDb(databaseUrl: string, options: DbOptions = {}): Db {
  const log: Options = process.env.PRISMA_LOG_QUERIES ? { log: [{ emit: 'event', level: 'query' }] } : {};
  let client: Db;
  if (databaseKind(databaseUrl) === 'postgres') {
    const channels = sqlChannels(releasingPg(new PrismaPg(postgresPool(databaseUrl, options.onConnectionLost ?? (() => {})), { disposeExternalPool: true })));
    client = new PostgresClient({ adapter: channels.factory, ...log }) as unknown as Db;
    channels.attach(client);
  } else {
    const file = resolveDatabaseFile(databaseUrl);
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    const channels = sqlChannels(serialSqlite(new PrismaBetterSQLite3({ url: file, timeout: 10_000 })));
    client = new PrismaClient({ adapter: channels.factory, ...log });
    channels.attach(client);
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
function postgresPool(connectionString: string, dropped: (error: Error) => void): pg.Pool {
  const params = new URL(connectionString).searchParams;
  const prepared = params.get('pgbouncer') !== 'true';
  const pool = new pg.Pool({ connectionString, connectionTimeoutMillis: 10_000, max: connectionLimit(params), ...(prepared ? { Client: PreparingClient } : {}) });
  pool.on('error', dropped);
  pool.on('connect', (connection) => connection.on('error', dropped));
  return pool;
}

/**
 * The pool's size: `?connection_limit=N` (Prisma's own parameter, which its driver adapters leave to
 * the driver), else pg's 10. Several instances share one server's connections, so a district sizes
 * the sum to the server (a few per core) rather than each instance to itself.
 */
function connectionLimit(params: URLSearchParams): number {
  const limit = Number(params.get('connection_limit') ?? 10);
  if (!Number.isInteger(limit) || limit < 1) throw new Error('DATABASE_URL: connection_limit must be a whole number of at least 1');
  return limit;
}

/** Statement texts given a name, at most this many: the same few statements run on every message. */
const PREPARED_LIMIT = 500;
const preparedNames = new Map<string, string>();

/**
 * Names each statement with parameters by its text, so that each connection has PostgreSQL parse and
 * plan it once and then only binds and runs it (pg keeps the names per connection); Prisma's adapter
 * sends unnamed ones, parsed and planned afresh each time. Off with `?pgbouncer=true` (Prisma's own
 * switch), for a PgBouncer in transaction mode that does not keep prepared statements.
 */
const PreparingClient = namingClient((text) => {
  let name = preparedNames.get(text);
  if (!name && preparedNames.size < PREPARED_LIMIT) preparedNames.set(text, (name = `shequ_${preparedNames.size + 1}`));
  return name;
});

/**
 * Prisma hands a transaction's connection back to the pool only after its COMMIT or ROLLBACK
 * succeeded (prisma-internals.ts, "transaction end"); when that statement fails (the backend was
 * terminated), the connection is never handed back. Ten such and the pool is full of dead
 * connections: every later transaction waits connectionTimeoutMillis and fails, until a restart.
 * Here a failed COMMIT/ROLLBACK releases the connection with the error, so the pool destroys it
 * (its state is unknown) and opens a new one.
 */
function releasingPg(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  const releasing = (tx: Transaction): Transaction =>
    intercept(
      tx,
      onEndFailure(tx, async (error) => {
        // Without the pool's client, the adapter's own release.
        const client = pgTransactionClient(tx);
        if (client) client.release(error as Error);
        else await tx.rollback().catch(() => undefined);
      }),
    );
  const adapter = (inner: SqlDriverAdapter): SqlDriverAdapter => intercept(inner, { startTransaction: async (...args) => releasing(await inner.startTransaction(...args)) });
  return intercept(factory, { connect: async () => adapter(await factory.connect()) });
}

/** Prisma's codes for an unreachable or lost database (P2024: no connection from the pool in time). */
const UNAVAILABLE_PRISMA = new Set(['P1001', 'P1002', 'P1008', 'P1017', 'P2024']);
/** The adapter's kinds for the same, and the socket's own codes. */
const UNAVAILABLE_KINDS: ReadonlySet<string> = new Set(['DatabaseNotReachable', 'ConnectionClosed', 'SocketTimeout', 'TooManyConnections', 'TlsConnectionError'] satisfies MappedError['kind'][]);
const UNAVAILABLE_SOCKET = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
/** pg's own errors, which the adapter passes through unconverted. */
const UNAVAILABLE_PG = /^(Connection terminated|Client has encountered a connection error|timeout exceeded when trying to connect)/;

/**
 * True when `error` says the database could not be reached or its connection was lost, not that
 * the statement was wrong: the event was not handled and should be delivered again. PostgreSQL's
 * class 08 (connection exception) and 57P0x (shutdown, terminated backend) count. The error comes
 * as Prisma's, as the adapter's (with the driver's as its cause) or as pg's own.
 */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const walk = (e: unknown): boolean => {
    if (!e || typeof e !== 'object' || seen.has(e)) return false;
    seen.add(e);
    const { code, kind, message, originalCode, cause } = e as Record<string, unknown>;
    const pgCode = typeof originalCode === 'string' ? originalCode : typeof code === 'string' ? code : '';
    if (UNAVAILABLE_PRISMA.has(pgCode) || UNAVAILABLE_SOCKET.has(pgCode) || /^(08|57P0)/.test(pgCode)) return true;
    if (typeof kind === 'string' && UNAVAILABLE_KINDS.has(kind)) return true;
    if (typeof message === 'string' && UNAVAILABLE_PG.test(message)) return true;
    return walk(cause) || walk(driverAdapterErrorOf(e));
  };
  return walk(error);
}

/**
 * True when `error` is a unique-constraint violation, the database's own dedupe: of a compiled query
 * (P2002), of Prisma's raw one (P2010), or of a statement on the raw channel (the adapter's own error).
 */
export function isUniqueViolation(error: unknown): boolean {
  if (isDriverAdapterError(error)) return error.cause.kind === 'UniqueConstraintViolation';
  if (!(error instanceof Prisma.PrismaClientKnownRequestError)) return false;
  if (error.code === 'P2002') return true;
  return error.code === 'P2010' && driverAdapterErrorOf(error)?.cause?.kind === 'UniqueConstraintViolation';
}

/**
 * Runs one insert inside a transaction, and answers null when the unique key already holds the
 * row. On PostgreSQL a savepoint keeps the transaction usable afterwards, since it aborts a
 * transaction at the first error; SQLite undoes only the failed statement and goes on, so there
 * the two extra statements are skipped.
 */
export async function insertUnlessDuplicate<T>(tx: Tx, insert: () => Promise<T>): Promise<T | null> {
  const channel = sql(tx);
  const savepoint = channel.provider === 'postgres';
  if (savepoint) await channel.execute`SAVEPOINT insert_unless_duplicate`;
  try {
    const row = await insert();
    if (savepoint) await channel.execute`RELEASE SAVEPOINT insert_unless_duplicate`;
    return row;
  } catch (error) {
    if (savepoint) await channel.execute`ROLLBACK TO SAVEPOINT insert_unless_duplicate`;
    if (isUniqueViolation(error)) return null;
    throw error;
  }
}
