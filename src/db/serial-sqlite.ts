import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, Transaction } from '@prisma/driver-adapter-utils';
import { intercept, onEndFailure } from './prisma-internals.ts';

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
 * The lock is released when the transaction ends. When Prisma's COMMIT or ROLLBACK fails (a foreign
 * key checked at commit, SQLITE_BUSY, SQLITE_FULL) it calls neither commit() nor rollback()
 * (prisma-internals.ts, "transaction end"), which would leave the one connection inside the
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
  return intercept(tx, {
    ...onEndFailure(tx, abandon),
    commit: () => end(() => tx.commit()),
    rollback: () => end(() => tx.rollback()),
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
  return intercept(adapter, {
    queryRaw: (query) => alone(() => adapter.queryRaw(query)),
    executeRaw: (query) => alone(() => adapter.executeRaw(query)),
    executeScript: (script) => alone(() => adapter.executeScript(script)),
    startTransaction: async (level) => {
      const release = await lock.acquire();
      try {
        return releasedWhenDone(await adapter.startTransaction(level), release);
      } catch (error) {
        release();
        throw error;
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
