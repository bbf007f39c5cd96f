import { afterEach, describe, expect, it } from 'vitest';
import { createDb, type Db } from '../../src/db/client.ts';
import { sql } from '../../src/db/sql.ts';
import { freshPostgresUrl, onServer } from '../helpers/database.ts';
import { until } from '../helpers/until.ts';

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

/** The backends that served `count` statements sent at once, each holding its connection a moment. */
async function backendsServing(client: Db, count: number): Promise<number> {
  const pids = await Promise.all(
    Array.from({ length: count }, () => sql(client).query<{ pid: number }>`SELECT pg_backend_pid() AS "pid", (SELECT 1 FROM pg_sleep(${0.05})) AS "slept"`),
  );
  return new Set(pids.map(([row]) => row!.pid)).size;
}

/** Instances share one server's connections: `?connection_limit=N` sizes each one's pool; a cut connection is told, and replaced. */
describe('the PostgreSQL pool', () => {
  it('opens at most connection_limit connections, and 10 without it', async () => {
    const url = new URL(await freshPostgresUrl());
    db = createDb(url.toString());
    expect(await backendsServing(db, 12)).toBe(10);
    await db.$disconnect();
    url.searchParams.set('connection_limit', '3');
    db = createDb(url.toString());
    expect(await backendsServing(db, 12)).toBe(3);
  });

  it('tells its owner of an idle connection cut under it (the bot logs it), and serves the next statement on a new one', async () => {
    const url = await freshPostgresUrl();
    const lost: Error[] = [];
    db = createDb(url, { onConnectionLost: (error) => lost.push(error) });
    const [before] = await sql(db).query<{ pid: number }>`SELECT pg_backend_pid() AS "pid"`;
    await onServer((client) => client.query('SELECT pg_terminate_backend($1)', [before!.pid]));
    await until('the cut to be told', () => lost.length > 0);
    expect(lost[0]!.message).toMatch(/terminat/i);
    const [after] = await sql(db).query<{ pid: number }>`SELECT pg_backend_pid() AS "pid"`;
    expect(after!.pid).not.toBe(before!.pid);
  });

  it('refuses a connection_limit that is not a whole number of at least 1', async () => {
    const url = new URL(await freshPostgresUrl());
    url.searchParams.set('connection_limit', '0');
    expect(() => createDb(url.toString())).toThrow(/connection_limit must be a whole number/);
  });
});
