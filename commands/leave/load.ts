import type { Tx } from '../../src/db/client.ts';

export const leaveInclude = { person: { include: { roles: true } } };

export async function loadLeave(tx: Tx, id: number) {
  return tx.leaveRequest.findUnique({ where: { id }, include: leaveInclude });
}
export type LoadedLeave = NonNullable<Awaited<ReturnType<typeof loadLeave>>>;
