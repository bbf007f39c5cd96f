import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { hoursFor } from '../attendance/api.ts';
import { approvedLeaveIntervals } from '../leave/api.ts';
import { coveredBy, sessionSpans, weekInterval, workdaysOf, type IsWorkday } from './rules/week.ts';

/** Who posts a weekly plan, and who of them is away on approved leave. */

export interface PlanColleague {
  id: number;
  name: string;
  grid: string | null;
  communityId: number;
}

/** The holders of the policy's plan roles in a community (every community when null), by community and id. */
export async function planPeople(tx: Tx, policy: Policy, communityId: number | null): Promise<PlanColleague[]> {
  const rows = await tx.person.findMany({
    where: { ...(communityId === null ? { communityId: { not: null } } : { communityId }), roles: { some: { role: { in: [...policy.plans.roles] } } } },
    select: { id: true, name: true, grid: true, communityId: true },
    orderBy: [{ communityId: 'asc' }, { id: 'asc' }],
  });
  return rows.map((r) => ({ ...r, communityId: r.communityId! }));
}

export interface Absence {
  /** Approved leave covers every working session of the week. */
  wholeWeek: boolean;
  /** Approved leave covers the working sessions of `date` from `at` on (the rest of that day). */
  restOfDay(date: string, at?: Date): boolean;
}

/** Each person's approved leave in the week, read once for the community. */
export async function absences(tx: Tx, policy: Policy, people: readonly PlanColleague[], week: string, isWorkday: IsWorkday): Promise<Map<number, Absence>> {
  const { from, to } = weekInterval(week, policy.timezone);
  const intervals = people.length === 0 ? [] : await approvedLeaveIntervals(tx, { personIds: people.map((p) => p.id), from, to });
  const workdays = workdaysOf(week, isWorkday);
  const result = new Map<number, Absence>();
  for (const person of people) {
    const own = intervals.filter((i) => i.personId === person.id);
    const { sessions } = hoursFor(policy, person);
    result.set(person.id, {
      wholeWeek: own.length > 0 && workdays.length > 0 && coveredBy(sessionSpans(workdays, sessions, policy.timezone), own),
      restOfDay(date, at) {
        if (own.length === 0) return false;
        const spans = sessionSpans([date], sessions, policy.timezone)
          .map((s) => ({ from: at && at > s.from ? at : s.from, to: s.to }))
          .filter((s) => s.from < s.to);
        return spans.length > 0 && coveredBy(spans, own);
      },
    });
  }
  return result;
}
