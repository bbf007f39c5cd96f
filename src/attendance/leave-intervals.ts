import type { Tx } from '../db/client.ts';
import type { LeaveInterval } from '../rules/attendance.ts';

/**
 * The seam between attendance and leave: the approved leave of these people that overlaps
 * [from, to). Leave is built in parallel (its own table and approval chain); until the two are
 * merged this reads nothing and returns no leave. The integrator replaces the body with a query of
 * approved leave rows, mapped to `{ personId, from, to, type }` (type: 事假, 病假, 年休假 …).
 */
export async function approvedLeaveIntervals(_tx: Tx, _personIds: readonly number[], _from: Date, _to: Date): Promise<LeaveInterval[]> {
  return [];
}
