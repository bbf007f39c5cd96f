import type { Db } from '../db/client.ts';

/**
 * The sandbox clock as last set through its API, kept in the database: a restarted bot goes on
 * from it, and the CLI (bind codes, ledgers' defaults) reads the same office time. A running clock
 * keeps going from the moment it was set.
 */
export interface SavedClock {
  now: Date;
  frozen: boolean;
}

/** There is one clock: its row. */
const ROW = 1;

export async function saveSandboxClock(db: Db, at: Date, frozen: boolean, systemNow = new Date()): Promise<void> {
  const data = { at, setAt: systemNow, frozen };
  await db.sandboxClock.upsert({ where: { id: ROW }, create: { id: ROW, ...data }, update: data });
}

export async function savedSandboxClock(db: Db, systemNow = new Date()): Promise<SavedClock | null> {
  const row = await db.sandboxClock.findUnique({ where: { id: ROW } });
  if (!row) return null;
  const now = row.frozen ? row.at : new Date(row.at.getTime() + systemNow.getTime() - row.setAt.getTime());
  return { now, frozen: row.frozen };
}
