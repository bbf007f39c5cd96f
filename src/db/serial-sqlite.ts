import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { passThrough } from './adapter-proxy.ts';

/** First come, first served: each holder runs once the one before it has released. */
class Lock {
  private tail: Promise<void> = Promise.resolve();

  acquire(): Promise<() => void> {
    let release!: () => void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const turn = this.tail.then(() => release);
    this.tail = this.tail.then(() => held);
    return turn;
  }
}

/**
 * The lock is released when the transaction ends. Prisma ends it by sending COMMIT or ROLLBACK and
 * then calling commit()/rollback(); when that statement fails (a foreign key checked at commit,
 * SQLITE_BUSY, SQLITE_FULL) it calls neither, which would leave the one connection inside the
 * transaction and every later caller waiting for good. Then the transaction is rolled back here and
 * the locks released; the caller still gets the error.
 */
function releasedWhenDone(tx: Transaction, release: () => void): Transaction {
  let released = false;
  const end = async (finish: () => Promise<void>): Promise<void> => {
    if (released) return;
    released = true;
    try {
      await finish();
    } finally {
      release();
    }
  };
  const abandon = () =>
    end(async () => {
      await tx.executeRaw({ sql: 'ROLLBACK', args: [], argTypes: [] }).catch(() => undefined);
      await tx.rollback();
    });
  return new Proxy(tx, {
    get(target, key) {
      if (key === 'commit' || key === 'rollback') return () => end(() => target[key]());
      if (key === 'executeRaw') {
        return async (query: Parameters<Transaction['executeRaw']>[0]) => {
          try {
            return await target.executeRaw(query);
          } catch (error) {
            if (query.sql === 'COMMIT' || query.sql === 'ROLLBACK') await abandon();
            throw error;
          }
        };
      }
      return passThrough(target, key);
    },
  });
}

/**
 * Prisma's better-sqlite3 adapter runs everything on one connection: a query made outside a
 * transaction while another caller's transaction is open runs inside it, sees its uncommitted rows,
 * and is lost when it rolls back (seen: a reply stored by the sandbox vanished with a scheduler
 * claim's rollback). Here such a query waits for the open transaction, as it would on a second
 * connection; better-sqlite3 is synchronous, so nothing runs in parallel that this holds back.
 */
function serialized(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const lock = new Lock();
  const alone = async <T>(run: () => Promise<T>): Promise<T> => {
    const release = await lock.acquire();
    try {
      return await run();
    } finally {
      release();
    }
  };
  return new Proxy(adapter, {
    get(target, key) {
      switch (key) {
        case 'queryRaw':
          return (query: Parameters<SqlDriverAdapter['queryRaw']>[0]) => alone(() => target.queryRaw(query));
        case 'executeRaw':
          return (query: Parameters<SqlDriverAdapter['executeRaw']>[0]) => alone(() => target.executeRaw(query));
        case 'executeScript':
          return (script: string) => alone(() => target.executeScript(script));
        case 'startTransaction':
          return async (level?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => {
            const release = await lock.acquire();
            try {
              return releasedWhenDone(await target.startTransaction(level), release);
            } catch (error) {
              release();
              throw error;
            }
          };
        default:
          return passThrough(target, key);
      }
    },
  });
}

/** The SQLite adapter factory whose connections keep queries out of other callers' transactions. */
export function serialSqlite(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => serialized(await factory.connect()),
    connectToShadowDb: async () => serialized(await factory.connectToShadowDb()),
  };
}
