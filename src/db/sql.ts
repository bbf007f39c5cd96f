import { AsyncLocalStorage } from 'node:async_hooks';
import {
  ColumnTypeEnum,
  type ArgType,
  type ColumnType,
  type SqlDriverAdapter,
  type SqlMigrationAwareDriverAdapterFactory,
  type SqlQuery,
  type SqlQueryable,
  type SqlResultSet,
  type Transaction,
} from '@prisma/driver-adapter-utils';
import { Prisma, type PrismaClient } from '../generated/prisma/client.ts';
import { passThrough } from './adapter-proxy.ts';

/**
 * Raw statements of the message path, run on the driver adapter Prisma itself uses and, inside a
 * transaction, on Prisma's own open transaction. Prisma's $queryRaw sends even a raw statement
 * through its request pipeline and query compiler, which cost more than the statement (README
 * "Raw SQL on the hot path"); this skips both and nothing else: same connection, same transaction,
 * the adapter's own argument and error mapping.
 */
export interface Sql {
  readonly provider: 'sqlite' | 'postgres';
  /** Rows as objects; integers and floats as numbers, booleans as booleans, DateTime columns as Dates. */
  query<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]>;
  /** The number of rows changed. */
  execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number>;
}

type Queryable = SqlQueryable | Promise<SqlQueryable>;

const NUMBERS = new Set<ColumnType>([ColumnTypeEnum.Int32, ColumnTypeEnum.Int64, ColumnTypeEnum.Float, ColumnTypeEnum.Double, ColumnTypeEnum.Numeric, ColumnTypeEnum.UnknownNumber]);

function decode(value: unknown, type: ColumnType | undefined): unknown {
  if (value === null || type === undefined) return value;
  if (NUMBERS.has(type)) return Number(value);
  // PostgreSQL hands over booleans; SQLite keeps 0/1, which its adapter passes on as text.
  if (type === ColumnTypeEnum.Boolean) return typeof value === 'boolean' ? value : Number(value) !== 0;
  if (type === ColumnTypeEnum.DateTime) return new Date(value as string);
  return value;
}

function rowsOf<T>({ columnNames, columnTypes, rows }: SqlResultSet): T[] {
  return rows.map((row) => {
    const record: Record<string, unknown> = {};
    for (let i = 0; i < columnNames.length; i++) record[columnNames[i]!] = decode(row[i], columnTypes[i]);
    return record as T;
  });
}

/** The adapters map a Date by its argument type (SQLite's ISO text, PostgreSQL's timestamp), as for Prisma's own queries. */
function argTypeOf(value: unknown): ArgType {
  const scalarType: ArgType['scalarType'] =
    value instanceof Date ? 'datetime' : typeof value === 'boolean' ? 'boolean' : typeof value === 'bigint' ? 'bigint' : typeof value === 'number' ? (Number.isInteger(value) ? 'int' : 'float') : typeof value === 'string' ? 'string' : 'unknown';
  return { scalarType, arity: 'scalar' };
}

/** PRISMA_LOG_QUERIES lists these beside Prisma's own, which it no longer sees. */
const logged = Boolean(process.env.PRISMA_LOG_QUERIES);

class Channel implements Sql {
  constructor(
    readonly provider: 'sqlite' | 'postgres',
    private readonly on: () => Queryable,
  ) {}

  async query<T>(strings: TemplateStringsArray, ...values: unknown[]): Promise<T[]> {
    const statement = this.statement(strings, values);
    return rowsOf<T>(await (await this.on()).queryRaw(statement));
  }

  async execute(strings: TemplateStringsArray, ...values: unknown[]): Promise<number> {
    const statement = this.statement(strings, values);
    return (await this.on()).executeRaw(statement);
  }

  private statement(strings: TemplateStringsArray, values: unknown[]): SqlQuery {
    const built = Prisma.sql(strings, ...values);
    if (logged) process.stderr.write(`Q ${built.sql.replace(/\s+/g, ' ').trim().slice(0, 150)}\n`);
    return { sql: this.provider === 'postgres' ? built.text : built.sql, args: built.values, argTypes: built.values.map(argTypeOf) };
  }
}

/** An open transaction as the adapter started it, until Prisma commits or rolls it back. */
interface Opened {
  transaction: Transaction;
  closed: boolean;
}

/** Set around a callback transaction, so the adapter's startTransaction can say which transaction it opened. */
const opening = new AsyncLocalStorage<{ opened?: Opened }>();
const transactions = new WeakMap<object, Sql>();
const clients = new WeakMap<object, Sql>();

function watched(transaction: Transaction): Opened {
  const opened: Opened = { transaction, closed: false };
  opened.transaction = new Proxy(transaction, {
    get(target, key) {
      if (key !== 'commit' && key !== 'rollback') return passThrough(target, key);
      return () => {
        opened.closed = true;
        return target[key]();
      };
    },
  });
  return opened;
}

/**
 * Wraps the adapter factory so the client's raw channel can find its adapter and each callback
 * transaction its adapter transaction; `attach` then hooks the client built on it.
 */
export function sqlChannels(factory: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  attach(client: PrismaClient): void;
} {
  const provider = factory.provider === 'postgres' ? 'postgres' : 'sqlite';
  let adapter: SqlDriverAdapter | null = null;
  const wrap = (inner: SqlDriverAdapter): SqlDriverAdapter => {
    const proxy: SqlDriverAdapter = new Proxy(inner, {
      get(target, key) {
        if (key === 'dispose') {
          return () => {
            if (adapter === proxy) adapter = null;
            return target.dispose();
          };
        }
        if (key !== 'startTransaction') return passThrough(target, key);
        return async (...args: Parameters<SqlDriverAdapter['startTransaction']>) => {
          const opened = watched(await target.startTransaction(...args));
          const slot = opening.getStore();
          if (slot && !slot.opened) slot.opened = opened;
          return opened.transaction;
        };
      },
    });
    return proxy;
  };
  const connect = async (): Promise<SqlDriverAdapter> => {
    adapter = wrap(await factory.connect());
    return adapter;
  };
  return {
    factory: new Proxy(factory, {
      get(target, key) {
        return key === 'connect' ? connect : passThrough(target, key);
      },
    }),
    attach(client) {
      clients.set(client, new Channel(provider, () => adapter ?? client.$connect().then(() => adapter!)));
      const original = client.$transaction.bind(client) as (arg: unknown, options?: unknown) => Promise<unknown>;
      const transaction = (arg: unknown, options?: unknown): Promise<unknown> => {
        if (typeof arg !== 'function') return original(arg, options);
        const slot: { opened?: Opened } = {};
        return opening.run(slot, () =>
          original(async (tx: object) => {
            const opened = slot.opened;
            if (!opened) throw new Error('the adapter did not report the transaction it opened');
            transactions.set(
              tx,
              new Channel(provider, () => {
                if (opened.closed) throw new Error('Transaction already closed: a raw statement came after its commit or rollback');
                return opened.transaction;
              }),
            );
            return (arg as (tx: object) => Promise<unknown>)(tx);
          }, options),
        );
      };
      Object.defineProperty(client, '$transaction', { value: transaction, configurable: true, writable: true });
    },
  };
}

/** The raw channel of a client from createDb, or of a transaction it opened. */
export function sql(on: object): Sql {
  const channel = transactions.get(on) ?? clients.get(on);
  if (!channel) throw new Error('sql(): not a client from createDb, nor a transaction it opened');
  return channel;
}
