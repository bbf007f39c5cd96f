import { AsyncLocalStorage } from 'node:async_hooks';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PrismaBetterSQLite3 } from '@prisma/adapter-better-sqlite3';
import { PrismaPg } from '@prisma/adapter-pg';
import { isDriverAdapterError, type SqlMigrationAwareDriverAdapterFactory, type SqlQuery, type Transaction } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { afterEach, describe, expect, it } from 'vitest';
import { Prisma, PrismaClient } from '../../src/generated/prisma/client.ts';
import { Prisma as PostgresPrisma, PrismaClient as PostgresClient } from '../../src/generated/prisma-postgres/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import {
  adapterStatement,
  backendProcessId,
  driverAdapterErrorOf,
  intercept,
  linkedAdapter,
  namingClient,
  pgTransactionClient,
  type AdapterTransaction,
} from '../../src/db/prisma-internals.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

/*
 * Each reliance of src/db/prisma-internals.ts, checked on Prisma and pg themselves (no createDb
 * around them): a test named after a reliance fails when an upgrade breaks it.
 */

const ROOT = path.resolve(import.meta.dirname, '../..');
const PINNED = ['prisma', '@prisma/client', '@prisma/adapter-better-sqlite3', '@prisma/adapter-pg', '@prisma/driver-adapter-utils'];

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

const statement = (sql: string, ...args: unknown[]): SqlQuery => ({ sql, args, argTypes: args.map(() => ({ scalarType: 'unknown', arity: 'scalar' }) as const) });

interface Database {
  /** A new adapter factory on the database (on PostgreSQL with a pool of its own). */
  factory(): SqlMigrationAwareDriverAdapterFactory;
  client(adapter: SqlMigrationAwareDriverAdapterFactory): PrismaClient;
}

const databases: Record<'sqlite' | 'postgres', () => Promise<Database>> = {
  sqlite: async () => {
    const url = `file:${path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'shequ-internals-')), 'bot.db')}`;
    await migrateDatabase(url);
    return { factory: () => new PrismaBetterSQLite3({ url: url.slice('file:'.length) }), client: (adapter) => new PrismaClient({ adapter }) };
  },
  postgres: async () => {
    const url = await freshPostgresUrl();
    return {
      factory: () => new PrismaPg(new pg.Pool({ connectionString: url }), { disposeExternalPool: true }),
      // Both generated clients share Prisma's runtime; createDb uses the PostgreSQL one through the SQLite one's type too.
      client: (adapter) => new PostgresClient({ adapter }) as unknown as PrismaClient,
    };
  },
};

interface Recorded {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** What Prisma called on the factory, its adapter and its transactions, in order. */
  calls: string[];
  /** The transactions the adapter opened, as it returned them. */
  opened: Transaction[];
  /** The test's async-context store at each startTransaction. */
  contexts: unknown[];
  /** Make the next COMMIT statement fail. */
  failNextCommit(): void;
}

const context = new AsyncLocalStorage<string>();

/** The factory with every call Prisma makes on it and below it written down. */
function recorded(factory: SqlMigrationAwareDriverAdapterFactory): Recorded {
  const calls: string[] = [];
  const opened: Transaction[] = [];
  const contexts: unknown[] = [];
  let failCommit = false;
  const transaction = (tx: Transaction): Transaction =>
    intercept(tx, {
      queryRaw: (query) => (calls.push(`tx.queryRaw`), tx.queryRaw(query)),
      executeRaw: async (query) => {
        calls.push(`tx.executeRaw ${query.sql}`);
        if (query.sql === 'COMMIT' && failCommit) {
          failCommit = false;
          throw new Error('COMMIT failed (by the test)');
        }
        return tx.executeRaw(query);
      },
      commit: () => (calls.push('tx.commit'), tx.commit()),
      rollback: () => (calls.push('tx.rollback'), tx.rollback()),
    });
  return {
    calls,
    opened,
    contexts,
    failNextCommit: () => (failCommit = true),
    factory: intercept(factory, {
      connect: async () => {
        calls.push('connect');
        const adapter = await factory.connect();
        return intercept(adapter, {
          queryRaw: (query) => (calls.push('adapter.queryRaw'), adapter.queryRaw(query)),
          dispose: () => (calls.push('dispose'), adapter.dispose()),
          startTransaction: async (level) => {
            calls.push('adapter.startTransaction');
            contexts.push(context.getStore());
            const tx = await adapter.startTransaction(level);
            opened.push(tx);
            return transaction(tx);
          },
        });
      },
    }),
  };
}

async function openClient(kind: keyof typeof databases): Promise<{ client: PrismaClient; seen: Recorded; database: Database }> {
  const database = await databases[kind]();
  const seen = recorded(database.factory());
  const client = database.client(seen.factory);
  cleanups.push(() => client.$disconnect());
  return { client, seen, database };
}

const newChat = (chatId: string) => ({ data: { platform: 'sandbox', platformChatId: chatId, kind: 'group' } });

describe('the pinned Prisma', () => {
  it('is one exact version in package.json and its lock, the installed one, which generated both clients', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> };
    const lock = JSON.parse(fs.readFileSync(path.join(ROOT, 'package-lock.json'), 'utf8')) as { packages: Record<string, { version?: string; dependencies?: Record<string, string> }> };
    const installed = (name: string) => (JSON.parse(fs.readFileSync(path.join(ROOT, 'node_modules', name, 'package.json'), 'utf8')) as { version: string }).version;
    for (const name of PINNED) {
      expect(manifest.dependencies[name], `${name} in package.json`).toMatch(/^\d+\.\d+\.\d+$/);
      expect(lock.packages['']!.dependencies![name], `${name} in package-lock.json`).toBe(manifest.dependencies[name]);
      expect(lock.packages[`node_modules/${name}`]!.version, `${name} locked`).toBe(manifest.dependencies[name]);
      expect(installed(name), `${name} installed`).toBe(manifest.dependencies[name]);
    }
    expect(Prisma.prismaVersion.client).toBe(manifest.dependencies['@prisma/client']);
    expect(PostgresPrisma.prismaVersion.client).toBe(manifest.dependencies['@prisma/client']);
  });
});

describe.each(Object.keys(databases) as (keyof typeof databases)[])('Prisma internals the database layer relies on, on %s', (kind) => {
  it('"adapter proxy": Prisma runs its queries and transactions through an intercept()ed adapter and transaction, unchanged', async () => {
    const database = await databases[kind]();
    // Nothing replaced, one layer at a time: what the Proxy passes on must work as the adapter's own.
    const layers: ((factory: SqlMigrationAwareDriverAdapterFactory) => SqlMigrationAwareDriverAdapterFactory)[] = [
      (factory) => intercept(factory, {}),
      (factory) => intercept(factory, { connect: async () => intercept(await factory.connect(), {}) }),
      (factory) =>
        intercept(factory, {
          connect: async () => {
            const adapter = await factory.connect();
            return intercept(adapter, { startTransaction: async (level) => intercept(await adapter.startTransaction(level), {}) });
          },
        }),
    ];
    for (const [n, layer] of layers.entries()) {
      const client = database.client(layer(database.factory()));
      cleanups.push(() => client.$disconnect());
      await client.chat.create(newChat(`g-${n}-kept`));
      await client.$transaction(async (tx) => tx.chat.create(newChat(`g-${n}-committed`)));
      await expect(client.$transaction(async (tx) => (await tx.chat.create(newChat(`g-${n}-undone`)), Promise.reject(new Error('undo'))))).rejects.toThrow('undo');
      expect((await client.$queryRaw<{ n: bigint }[]>`SELECT COUNT(*) AS "n" FROM "Chat" WHERE "platformChatId" LIKE ${`g-${n}-%`}`).map((row) => Number(row.n))).toEqual([2]);
      await client.$disconnect();
    }
  });

  it('"transaction end": Prisma sends COMMIT or ROLLBACK through executeRaw, then calls commit() or rollback(); after a failed COMMIT neither', async () => {
    const { client, seen } = await openClient(kind);
    const ends = () => seen.calls.filter((call) => /^tx\.(executeRaw (COMMIT|ROLLBACK)|commit|rollback)$/.test(call));

    await client.$transaction((tx) => tx.chat.count());
    expect(ends()).toEqual(['tx.executeRaw COMMIT', 'tx.commit']);
    expect(seen.opened[0]!.options.usePhantomQuery).toBe(false);

    seen.calls.length = 0;
    await expect(client.$transaction(() => Promise.reject(new Error('undo')))).rejects.toThrow('undo');
    expect(ends()).toEqual(['tx.executeRaw ROLLBACK', 'tx.rollback']);

    seen.calls.length = 0;
    seen.failNextCommit();
    await expect(client.$transaction((tx) => tx.chat.create(newChat('g-lost')))).rejects.toThrow(/COMMIT failed/);
    expect(ends()).toEqual(['tx.executeRaw COMMIT']);
    // What onEndFailure's callers then do themselves: end it and hand back the connection.
    const left = seen.opened.at(-1)!;
    await left.executeRaw(statement('ROLLBACK'));
    await left.rollback();
    expect(await client.chat.count()).toBe(0);
  });

  it('"one adapter, linked transactions": one connect, queries outside a transaction on its adapter, startTransaction in the caller\'s async context before the callback', async () => {
    const { client, seen } = await openClient(kind);
    await client.$connect();
    await client.chat.count();
    await client.$queryRaw`SELECT 1`;
    const order: string[] = [];
    await Promise.all(
      ['first', 'second', 'third'].map((name) =>
        context.run(name, () =>
          client.$transaction(async (tx) => {
            order.push(`callback ${name} after ${seen.contexts.includes(name) ? 'its' : 'no'} startTransaction`);
            return tx.chat.count();
          }),
        ),
      ),
    );
    expect(seen.calls.filter((call) => call === 'connect')).toHaveLength(1);
    expect(seen.calls.slice(0, 3)).toEqual(['connect', 'adapter.queryRaw', 'adapter.queryRaw']);
    expect([...seen.contexts].sort()).toEqual(['first', 'second', 'third']);
    expect(order.sort()).toEqual(['callback first after its startTransaction', 'callback second after its startTransaction', 'callback third after its startTransaction']);

    const replaced = () => Promise.resolve('replaced');
    Object.defineProperty(client, '$transaction', { value: replaced, configurable: true, writable: true });
    expect(client.$transaction).toBe(replaced);
    await client.$disconnect();
    expect(seen.calls.at(-1)).toBe('dispose');
  });

  it('"one adapter, linked transactions": linkedAdapter gives each callback its own adapter transaction, ended after it', async () => {
    const database = await databases[kind]();
    const linked = linkedAdapter(database.factory());
    const client = database.client(linked.factory);
    cleanups.push(() => client.$disconnect());
    const seen = new Map<object, AdapterTransaction>();
    linked.attach(client, (tx, transaction) => seen.set(tx, transaction));
    expect(linked.adapter()).toBeNull();
    await client.$connect();
    expect(linked.adapter()).not.toBeNull();

    const inside: { open: AdapterTransaction; ended: boolean }[] = [];
    await Promise.all(
      [1, 2].map((n) =>
        client.$transaction(async (tx) => {
          await tx.chat.create(newChat(`g-${n}`));
          const open = seen.get(tx)!;
          const [row] = await open.transaction.queryRaw(statement(kind === 'postgres' ? 'SELECT COUNT(*) AS "n" FROM "Chat" WHERE "platformChatId" = $1' : 'SELECT COUNT(*) AS "n" FROM "Chat" WHERE "platformChatId" = ?', `g-${n}`)).then((r) => r.rows);
          expect(Number(row![0])).toBe(1);
          inside.push({ open, ended: open.ended });
        }),
      ),
    );
    expect(inside.map((i) => i.ended)).toEqual([false, false]);
    expect(inside[0]!.open.transaction).not.toBe(inside[1]!.open.transaction);
    expect(inside.every((i) => i.open.ended)).toBe(true);
    await client.$disconnect();
    expect(linked.adapter()).toBeNull();
  });

  it('"adapter statements": the adapter takes Prisma.sql\'s placeholders for its database, and maps a Date as for Prisma\'s own queries', async () => {
    const built = Prisma.sql`SELECT ${1} AS "a", ${'b'} AS "b"`;
    expect(built.sql).toBe('SELECT ? AS "a", ? AS "b"');
    expect(built.text).toBe('SELECT $1 AS "a", $2 AS "b"');
    const { client, database } = await openClient(kind);
    const adapter = await database.factory().connect();
    cleanups.push(() => adapter.dispose());
    const at = new Date('2026-03-04T05:06:07.089Z');
    const on = (strings: TemplateStringsArray, ...values: unknown[]) => adapterStatement(kind, strings, values);
    const insert = on`INSERT INTO "Chat" ("platform", "platformChatId", "kind", "updatedAt") VALUES (${'sandbox'}, 'g-raw', 'group', ${at})`;
    expect(insert.argTypes.map((t) => t.scalarType)).toEqual(['string', 'datetime']);
    expect(await adapter.executeRaw(insert)).toBe(1);
    const chat = await client.chat.findUniqueOrThrow({ where: { platform_platformChatId: { platform: 'sandbox', platformChatId: 'g-raw' } } });
    expect(chat.updatedAt.toISOString()).toBe(at.toISOString());
    const read = await adapter.queryRaw(on`SELECT "platformChatId" AS "id" FROM "Chat" WHERE "platform" = ${'sandbox'}`);
    expect(read.columnNames).toEqual(['id']);
    expect(read.rows).toEqual([['g-raw']]);
  });

  it('"Prisma\'s wrapped adapter error": a failed raw query (P2010) keeps the adapter\'s error as meta.driverAdapterError, its kind as its cause', async () => {
    const { client } = await openClient(kind);
    const insert = () => client.$executeRaw`INSERT INTO "Chat" ("platform", "platformChatId", "kind", "updatedAt") VALUES ('sandbox', 'g-twice', 'group', ${new Date()})`;
    await insert();
    const error = await insert().then(() => null, (e: unknown) => e);
    expect(error).toBeInstanceOf(Prisma.PrismaClientKnownRequestError);
    expect((error as Prisma.PrismaClientKnownRequestError).code).toBe('P2010');
    const wrapped = driverAdapterErrorOf(error);
    expect(isDriverAdapterError(wrapped)).toBe(true);
    expect(wrapped?.cause).toMatchObject({ kind: 'UniqueConstraintViolation', originalCode: kind === 'postgres' ? '23505' : 'SQLITE_CONSTRAINT_UNIQUE' });
  });
});

describe('pg internals the database layer relies on', () => {
  it('"pg transaction client": adapter-pg\'s transaction keeps the pool\'s client it checked out; released with an error, the pool drops it', async () => {
    const pool = new pg.Pool({ connectionString: await freshPostgresUrl() });
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    cleanups.push(() => adapter.dispose());
    const tx = await adapter.startTransaction();
    const client = pgTransactionClient(tx);
    expect(client).toBeInstanceOf(pg.Client);
    expect([pool.totalCount, pool.idleCount]).toEqual([1, 0]);
    const [pid] = (await tx.queryRaw(statement('SELECT pg_backend_pid()'))).rows;
    expect((await client!.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid).toBe(pid![0]);
    client!.release(new Error('its COMMIT failed'));
    expect(pool.totalCount).toBe(0);

    const sqlite = await new PrismaBetterSQLite3({ url: ':memory:' }).connect();
    const sqliteTx = await sqlite.startTransaction();
    expect(pgTransactionClient(sqliteTx)).toBeUndefined();
    await sqliteTx.rollback();
    await sqlite.dispose();
  });

  it('"adapter-pg statements": adapter-pg sends each statement as an object without a name, through the pool\'s Client class', async () => {
    const named: string[] = [];
    const Client = namingClient((text) => (named.push(text), 'shequ_internals_1'));
    const pool = new pg.Pool({ connectionString: await freshPostgresUrl(), max: 1, Client });
    const adapter = await new PrismaPg(pool, { disposeExternalPool: true }).connect();
    cleanups.push(() => adapter.dispose());
    const read = statement('SELECT $1::int + 1 AS "n"', 2);
    expect((await adapter.queryRaw(read)).rows).toEqual([[3]]);
    expect((await adapter.queryRaw(read)).rows).toEqual([[3]]);
    expect(named).toEqual([read.sql, read.sql]);
    const prepared = await adapter.queryRaw(statement('SELECT "name", "statement" FROM pg_prepared_statements'));
    expect(prepared.rows).toEqual([['shequ_internals_1', read.sql]]);
  });

  it('"pg backend id": a connected pg.Client keeps its backend\'s process id, the one its own notifications carry', async () => {
    const client = new pg.Client({ connectionString: await freshPostgresUrl() });
    expect(backendProcessId(client)).toBeUndefined();
    await client.connect();
    cleanups.push(() => client.end());
    const pid = (await client.query<{ pid: number }>('SELECT pg_backend_pid() AS pid')).rows[0]!.pid;
    expect(backendProcessId(client)).toBe(pid);
    const received = new Promise<number>((resolve) => client.on('notification', (message) => resolve(message.processId)));
    await client.query('LISTEN shequ_internals');
    await client.query("SELECT pg_notify('shequ_internals', 'x')");
    expect(await received).toBe(pid);
  });
});
