import { DateTime } from 'luxon';
import type { SessionRule } from '../../../src/config/policy.ts';
import type { Role } from '../../../src/core/roles.ts';
import { parseHHMM } from '../../../src/time/office-time.ts';

/** Who approves a leave, and how much working time it takes: pure functions of policy, applicant, interval, calendar. */

/** A step of a chain: its approver, taken when the leave is longer than `over` ("0", "2h", "1d"). */
export interface ChainStep {
  role: Role;
  over: string;
}

/** The chains the leave policy names (policy.ts reads its steps' lengths from here, so the rules do not import it). */
export interface Chains {
  chain: readonly ChainStep[];
  chainByApplicantRole: Partial<Record<Role, readonly ChainStep[]>>;
}

/** Minutes of one full working day: the sum of the sessions. */
export function dayMinutes(sessions: readonly SessionRule[]): number {
  return sessions.reduce((sum, s) => sum + parseHHMM(s.end) - parseHHMM(s.start), 0);
}

/** Working minutes inside [start, end): session time on working days only (holidays and weekends do not count, 调休 days do). */
export function workingMinutes(start: Date, end: Date, sessions: readonly SessionRule[], isWorkday: (date: string) => boolean, zone: string): number {
  const from = DateTime.fromJSDate(start, { zone });
  const to = DateTime.fromJSDate(end, { zone });
  let total = 0;
  for (let day = from.startOf('day'); day < to; day = day.plus({ days: 1 })) {
    if (!isWorkday(day.toISODate()!)) continue;
    for (const session of sessions) {
      const s = day.plus({ minutes: parseHHMM(session.start) });
      const e = day.plus({ minutes: parseHHMM(session.end) });
      const overlap = Math.min(e.toMillis(), to.toMillis()) - Math.max(s.toMillis(), from.toMillis());
      if (overlap > 0) total += overlap / 60_000;
    }
  }
  return Math.round(total);
}

/** "0", "2h" (hours) or "1d" (working days) in working minutes; a bare number is hours. */
export function thresholdMinutes(over: string, perDay: number): number {
  const value = Number.parseFloat(over);
  return over.endsWith('d') ? value * perDay : value * 60;
}

/**
 * The approvers' roles in order. The applicant's role may have its own chain (the secretary's own
 * leave goes to the street chief); every step whose threshold the leave exceeds is taken, so a
 * longer leave climbs through the shorter leave's approvers first.
 */
export function approvalChain(leave: Chains, applicantRoles: readonly Role[], minutes: number, perDay: number): Role[] {
  const own = applicantRoles.map((role) => leave.chainByApplicantRole[role]).find((steps) => steps !== undefined);
  const steps = own ?? leave.chain;
  const roles = steps.filter((step) => minutes > thresholdMinutes(step.over, perDay)).map((step) => step.role);
  // A zero-length leave still needs someone: the first step.
  return roles.length > 0 ? roles : [steps[0]!.role];
}
