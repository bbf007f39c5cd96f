import { ColumnTypeEnum, type ColumnType, type SqlMigrationAwareDriverAdapterFactory, type SqlQuery, type SqlQueryable, type SqlResultSet } from '@prisma/driver-adapter-utils';
import type { PrismaClient } from '../generated/prisma/client.ts';
import { adapterStatement, linkedAdapter } from './prisma-internals.ts';

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
    const statement = adapterStatement(this.provider, strings, values);
    if (logged) process.stderr.write(`Q ${statement.sql.replace(/\s+/g, ' ').trim().slice(0, 150)}\n`);
    return statement;
  }
}

const transactions = new WeakMap<object, Sql>();
const clients = new WeakMap<object, Sql>();

/**
 * Wraps the adapter factory so the client's raw channel can find its adapter and each callback
 * transaction its adapter transaction (src/db/prisma-internals.ts); `attach` then hooks the client
 * built on it.
 */
export function sqlChannels(factory: SqlMigrationAwareDriverAdapterFactory): {
  factory: SqlMigrationAwareDriverAdapterFactory;
  attach(client: PrismaClient): void;
} {
  const provider = factory.provider === 'postgres' ? 'postgres' : 'sqlite';
  const linked = linkedAdapter(factory);
  return {
    factory: linked.factory,
    attach(client) {
      clients.set(client, new Channel(provider, () => linked.adapter() ?? client.$connect().then(() => linked.adapter()!)));
      linked.attach(client, (tx, opened) =>
        transactions.set(
          tx,
          new Channel(provider, () => {
            if (opened.ended) throw new Error('Transaction already closed: a raw statement came after its commit or rollback');
            return opened.transaction;
          }),
        ),
      );
    },
  };
}

/** The raw channel of a client from createDb, or of a transaction it opened. */
export function sql(on: object): Sql {
  const channel = transactions.get(on) ?? clients.get(on);
  if (!channel) throw new Error('sql(): not a client from createDb, nor a transaction it opened');
  return channel;
}
