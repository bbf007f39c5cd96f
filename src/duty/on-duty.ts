import type { Policy } from '../config/policy.ts';
import type { Tx } from '../db/client.ts';

export interface DutyPerson {
  personId: number;
  name: string;
  /** The shift's name (白班, 夜班 …), when a roster knows it. */
  shift: string | null;
}

export interface OnDuty {
  people: DutyPerson[];
  /** The leader on call (带班领导), when a roster names one. */
  leader: { personId: number; name: string } | null;
}

/**
 * Who is on duty in a community at an instant: the one question the incident desk and notices ask
 * of the duty roster. Until the roster family exists it answers from the policy's
 * `attendance.duty.people` (names), at any time of day.
 */
export async function onDutyAt(tx: Tx, policy: Policy, communityId: number, at: Date): Promise<OnDuty> {
  void at;
  const names = policy.attendance.duty.people;
  if (names.length === 0) return { people: [], leader: null };
  const people = await tx.person.findMany({ where: { communityId, name: { in: names } }, select: { id: true, name: true }, orderBy: { id: 'asc' } });
  return { people: people.map((p) => ({ personId: p.id, name: p.name, shift: null })), leader: null };
}
