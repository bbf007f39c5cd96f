import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { sql } from '../../src/db/sql.ts';
import { freshPostgresUrl } from '../helpers/database.ts';

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

/** What this connection keeps prepared, read on the connection itself (inside one transaction). */
async function preparedOnConnection(client: Db): Promise<{ names: string[]; chats: number }> {
  return client.$transaction(async (tx) => {
    const [row] = await sql(tx).query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "Chat" WHERE "platform" = ${'sandbox'}`;
    const again = await sql(tx).query<{ n: number }>`SELECT COUNT(*) AS "n" FROM "Chat" WHERE "platform" = ${'sandbox'}`;
    await tx.chat.findMany({ where: { platform: 'sandbox' } });
    const prepared = await sql(tx).query<{ name: string }>`SELECT "name" FROM pg_prepared_statements WHERE "name" LIKE ${'shequ_%'} ORDER BY "name"`;
    expect(again[0]!.n).toBe(row!.n);
    return { names: prepared.map((p) => p.name), chats: row!.n };
  });
}

/**
 * On PostgreSQL each statement with parameters is prepared once per connection and then only bound
 * and run (named by its text); `?pgbouncer=true` turns that off for a pooler that cannot keep them.
 */
describe('prepared statements on PostgreSQL', () => {
  it('are kept per connection, the raw channel\'s and Prisma\'s compiled ones alike', async () => {
    const url = await freshPostgresUrl();
    db = createDb(url);
    await db.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-1', kind: 'group' } });
    const { names, chats } = await preparedOnConnection(db);
    expect(chats).toBe(1);
    // The count (run twice, prepared once), the compiled findMany, the read of pg_prepared_statements itself.
    expect(names.length).toBeGreaterThanOrEqual(3);
    expect(new Set(names).size).toBe(names.length);
  });

  it('are not kept with ?pgbouncer=true', async () => {
    const url = new URL(await freshPostgresUrl());
    url.searchParams.set('pgbouncer', 'true');
    db = createDb(url.toString());
    const { names } = await preparedOnConnection(db);
    expect(names).toEqual([]);
  });
});
