import type { Db, Tx } from '../../src/db/client.ts';

export interface LeaveInterval {
  personId: number;
  leaveId: number;
  from: Date;
  to: Date;
  type: string;
}

type Reader = Pick<Db, 'leaveRequest'> | Pick<Tx, 'leaveRequest'>;

/**
 * Approved leave overlapping [from, to), for attendance: time inside an interval is 请假, not 旷工.
 * An interval ends at the actual return (销假) when that was earlier than planned; it is clipped
 * to [from, to).
 */
export async function approvedLeaveIntervals(
  db: Reader,
  query: { personIds?: readonly number[]; communityId?: number; from: Date; to: Date },
): Promise<LeaveInterval[]> {
  const rows = await db.leaveRequest.findMany({
    where: {
      status: 'approved',
      startAt: { lt: query.to },
      endAt: { gt: query.from },
      ...(query.personIds ? { personId: { in: [...query.personIds] } } : {}),
      ...(query.communityId !== undefined ? { communityId: query.communityId } : {}),
    },
    orderBy: [{ personId: 'asc' }, { startAt: 'asc' }],
  });
  const intervals: LeaveInterval[] = [];
  for (const row of rows) {
    const end = row.returnedAt && row.returnedAt < row.endAt ? row.returnedAt : row.endAt;
    const from = row.startAt > query.from ? row.startAt : query.from;
    const to = end < query.to ? end : query.to;
    if (from < to) intervals.push({ personId: row.personId, leaveId: row.id, from, to, type: row.type });
  }
  return intervals;
}

/** True when the person is on approved leave at `at` and has not reported back. */
export async function isOnLeave(tx: Tx, personId: number, at: Date): Promise<boolean> {
  const found = await tx.leaveRequest.findFirst({
    where: { personId, status: 'approved', startAt: { lte: at }, endAt: { gt: at }, returnedAt: null },
    select: { id: true },
  });
  return found !== null;
}
