import { AsyncLocalStorage } from 'node:async_hooks';
import type { ArgType, SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery, Transaction } from '@prisma/driver-adapter-utils';
import pg from 'pg';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';

/*
 * Everything the database layer relies on in Prisma and pg beyond their documented API, each with
 * why. Prisma is pinned to one exact version in package.json (prisma, @prisma/client, its adapters
 * and @prisma/driver-adapter-utils); test/db/prisma-internals.test.ts checks each reliance below
 * directly, by its name, so an upgrade that breaks one fails there and says which. README "How it
 * is built".
 */

/**
 * Reliance "adapter proxy": the target with some methods replaced, every other property read from
 * the target and its methods called on the target itself. Prisma reads more of an adapter than the
 * methods wrapped here (a transaction's `options`, the adapter's `getConnectionInfo`), which a Proxy
 * passes on without knowing them; the better-sqlite3 adapter keeps its state in `#private` fields,
 * which only the adapter itself may read, so `this` must be the target, never the Proxy.
 */
export function intercept<T extends object>(target: T, overrides: Partial<T>): T {
  return new Proxy(target, {
    get(inner, key) {
      if (Object.hasOwn(overrides, key)) return overrides[key as keyof T];
      const value = Reflect.get(inner, key) as unknown;
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(inner) : value;
    },
  });
}

/**
 * Reliance "transaction end": Prisma's transaction manager ends a transaction by sending COMMIT or
 * ROLLBACK through the adapter transaction's executeRaw and only then calls its commit() or
 * rollback(), which is where the adapters hand back their connection (pg) or their lock
 * (better-sqlite3); when that statement fails it calls neither. So it does while the transaction's
 * `options.usePhantomQuery` is false, as both adapters have it. The executeRaw returned here runs
 * `failed` when that statement fails, then rethrows for Prisma; spread it into intercept().
 */
export function onEndFailure(tx: Transaction, failed: (error: unknown) => Promise<void>): Pick<Transaction, 'executeRaw'> {
  return {
    async executeRaw(query) {
      try {
        return await tx.executeRaw(query);
      } catch (error) {
        if (query.sql === 'COMMIT' || query.sql === 'ROLLBACK') await failed(error);
        throw error;
      }
    },
  };
}

/** An adapter transaction Prisma opened, and whether it has ended it yet (called commit() or rollback()). */
export interface AdapterTransaction {
  readonly transaction: Transaction;
  readonly ended: boolean;
}

/** Set around a callback `$transaction`, so the adapter's startTransaction can say which transaction it opened. */
const opening = new AsyncLocalStorage<{ opened?: AdapterTransaction }>();

function watched(transaction: Transaction): AdapterTransaction {
  const opened = { transaction, ended: false };
  const end = (key: 'commit' | 'rollback') => () => {
    opened.ended = true;
    return transaction[key]();
  };
  opened.transaction = intercept(transaction, { commit: end('commit'), rollback: end('rollback') });
  return opened;
}

/**
 * Reliance "one adapter, linked transactions": the adapter Prisma connects through `factory`, and
 * for each callback `$transaction` of the client built on it the adapter transaction its callback
 * runs on. Prisma connects the factory once (at $connect or its first query), runs every query
 * outside a transaction on that adapter and calls its dispose() at $disconnect; it calls the
 * adapter's startTransaction for a callback `$transaction` inside the async context of that call
 * and before the callback runs, so an AsyncLocalStorage slot set around the call learns which of
 * several concurrent transactions is this one's; it ends the transaction with commit() or
 * rollback(); the client's `$transaction` can be replaced on the instance, and the callback's
 * argument is the object its queries are made on.
 */
export function linkedAdapter(factory: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  /** The connected adapter; null before the client connects and after it disconnects. */
  adapter(): SqlDriverAdapter | null;
  /** Has `opened(tx, transaction)` run for each callback transaction of `client`, before its callback. */
  attach(client: PrismaClient, opened: (tx: object, transaction: AdapterTransaction) => void): void;
} {
  let adapter: SqlDriverAdapter | null = null;
  const connect = async (): Promise<SqlDriverAdapter> => {
    const inner = await factory.connect();
    const proxy: SqlDriverAdapter = intercept(inner, {
      dispose: () => {
        if (adapter === proxy) adapter = null;
        return inner.dispose();
      },
      startTransaction: async (...args) => {
        const opened = watched(await inner.startTransaction(...args));
        const slot = opening.getStore();
        if (slot && !slot.opened) slot.opened = opened;
        return opened.transaction;
      },
    });
    adapter = proxy;
    return proxy;
  };
  return {
    factory: intercept(factory, { connect }),
    adapter: () => adapter,
    attach(client, opened) {
      const original = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
      const transaction = (arg: unknown, options?: unknown): Promise<unknown> => {
        if (typeof arg !== 'function') return original(arg, options);
        const slot: { opened?: AdapterTransaction } = {};
        return opening.run(slot, () =>
          original(async (tx: object) => {
            if (!slot.opened) throw new Error('the adapter did not report the transaction it opened');
            opened(tx, slot.opened);
            return (arg as (tx: object) => Promise<unknown>)(tx);
          }, options),
        );
      };
      Object.defineProperty(client, '$transaction', { value: transaction, configurable: true, writable: true });
    },
  };
}

/**
 * Reliance "adapter statements": a statement for the adapter's own queryRaw/executeRaw, below
 * Prisma's client. Prisma.sql's `.sql` has SQLite's `?` placeholders and `.text` PostgreSQL's `$n`,
 * which the adapters take as they are; each argument's type tells the adapter how to map it, as it
 * does for Prisma's own queries (a Date marked datetime becomes SQLite's ISO text or PostgreSQL's
 * timestamp).
 */
export function adapterStatement(provider: 'sqlite' | 'postgres', strings: TemplateStringsArray, values: unknown[]): SqlQuery {
  const built = Prisma.sql(strings, ...values);
  return { sql: provider === 'postgres' ? built.text : built.sql, args: built.values, argTypes: built.values.map(argTypeOf) };
}

function argTypeOf(value: unknown): ArgType {
  const scalarType: ArgType['scalarType'] =
    value instanceof Date ? 'datetime' : typeof value === 'boolean' ? 'boolean' : typeof value === 'bigint' ? 'bigint' : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value === 'string' ? 'string' : 'unknown';
  return { scalarType, arity: 'scalar' };
}

/**
 * Reliance "Prisma's wrapped adapter error": a failed raw query (P2010) or a connection Prisma lost
 * keeps the adapter's error, undocumented, as `meta.driverAdapterError`, with the adapter's mapped
 * error (its `kind`, the database's `originalCode`) as that error's `cause`.
 */
export function driverAdapterErrorOf(error: unknown): { cause?: { kind?: string } } | undefined {
  const meta = (error as { meta?: { driverAdapterError?: { cause?: { kind?: string } } } } | null)?.meta;
  return meta?.driverAdapterError;
}

/**
 * Reliance "pg transaction client": adapter-pg's transaction keeps the pool's client it checked out
 * as its (TypeScript-protected) `client`. Undefined when it has none, as on SQLite.
 */
export function pgTransactionClient(tx: Transaction): pg.PoolClient | undefined {
  const client = Reflect.get(tx, 'client') as pg.PoolClient | undefined;
  return typeof client?.release === 'function' ? client : undefined;
}

/**
 * Reliance "adapter-pg statements": a pg.Client class, for pg.Pool's `Client` option, that names
 * each statement with parameters `nameFor(text)` (pg then parses and plans it once per connection).
 * adapter-pg sends every statement as `client.query({ text, values, rowMode, types })`, an object
 * without a name, and leaves the pool's clients to the pool.
 */
export function namingClient(nameFor: (text: string) => string | undefined): typeof pg.Client {
  return class NamingClient extends pg.Client {
    override query(...args: unknown[]): never {
      const config = args[0] as Partial<pg.QueryConfig> | string | undefined;
      if (typeof config === 'object' && config.text && !config.name && config.values?.length) {
        const name = nameFor(config.text);
        if (name) args[0] = { ...config, name };
      }
      return (super.query as (...a: unknown[]) => never)(...args);
    }
  };
}

/**
 * Reliance "pg backend id": a connected pg.Client keeps its backend's process id as `processID`
 * (set from the server's BackendKeyData, undocumented); a notification's `processId` is the
 * sender's, so an instance knows its own signals.
 */
export function backendProcessId(client: pg.Client): number | undefined {
  const id = (client as unknown as { processID?: number | null }).processID;
  return typeof id === 'number' ? id : undefined;
}
