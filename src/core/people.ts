import type { Tx } from '../db/client.ts';
import { OFFICE_STAFF } from './roles.ts';

/** Office staff of a community, as attendance sees them. */

export interface Colleague {
  id: number;
  name: string;
  grid: string | null;
  community: string | null;
}

const select = { id: true, name: true, grid: true, community: { select: { name: true } } } as const;

function colleague(row: { id: number; name: string; grid: string | null; community: { name: string } | null }): Colleague {
  return { id: row.id, name: row.name, grid: row.grid, community: row.community?.name ?? null };
}

/** Everyone of the community (or of every community when null) who checks in, by name. */
export async function officeStaff(tx: Tx, communityId: number | null): Promise<Colleague[]> {
  const rows = await tx.person.findMany({
    where: { ...(communityId === null ? { communityId: { not: null } } : { communityId }), roles: { some: { role: { in: [...OFFICE_STAFF] } } } },
    select,
    orderBy: [{ communityId: 'asc' }, { id: 'asc' }],
  });
  return rows.map(colleague);
}

/** A colleague named in a command, with or without @. */
export async function findColleague(tx: Tx, communityId: number, name: string): Promise<Colleague | null> {
  const row = await tx.person.findFirst({
    where: { communityId, name: name.replace(/^[@＠]/, '').trim(), roles: { some: { role: { in: [...OFFICE_STAFF] } } } },
    select,
  });
  return row ? colleague(row) : null;
}
