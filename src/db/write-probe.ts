import { isDatabaseUnavailable, type Db } from './client.ts';
import { sql } from './sql.ts';

/**
 * Null when the database takes writes, else why not: a read-only SQLite file, a PostgreSQL standby
 * or `default_transaction_read_only`, an unreachable server. The statement changes no row but is a
 * write all the same: SQLite takes its write lock for it and PostgreSQL refuses it in a read-only
 * transaction, so it costs one round trip and leaves nothing behind.
 */
export async function writeProbe(db: Db): Promise<{ reason: string; error: unknown } | null> {
  try {
    await sql(db).execute`UPDATE "_prisma_migrations" SET "checksum" = "checksum" WHERE 1 = 0`;
    return null;
  } catch (error) {
    if (isDatabaseUnavailable(error)) return { reason: 'database unreachable', error };
    const text = String((error as Error)?.message ?? error);
    return { reason: /read-?only/i.test(text) ? 'database is read-only' : 'database write failed', error };
  }
}
