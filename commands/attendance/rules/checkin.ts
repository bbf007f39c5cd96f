import type { Policy, SessionRule } from '../../../src/config/policy.ts';
import { formatHHMM, parseHHMM, secondOfDay } from '../../../src/time/office-time.ts';

/** Pure check-in and check-out rules over the policy's sessions, in the office time zone. */

export type CheckInDecision =
  | { open: true; session: SessionRule; status: 'on_time' | 'late'; minutesLate: number }
  | { open: false; next: { session: SessionRule; opensAt: string } | null };

export type CheckOutDecision =
  | { open: true; session: SessionRule; status: 'normal' | 'early'; minutesEarly: number }
  | { open: false };

function sortedSessions(sessions: readonly SessionRule[]): SessionRule[] {
  return [...sessions].sort((a, b) => parseHHMM(a.start) - parseHHMM(b.start));
}

/**
 * Which session a check-in at `at` belongs to, and whether it is on time.
 * On time means at or before start + grace, to the second: 08:00:00 is on time, 08:00:01 late.
 */
export function decideCheckIn(policy: Pick<Policy, 'timezone' | 'checkIn'>, sessions: readonly SessionRule[], at: Date): CheckInDecision {
  const second = secondOfDay(at, policy.timezone);
  const { opensMinutesBefore, graceMinutes } = policy.checkIn;
  for (const session of sortedSessions(sessions)) {
    const start = parseHHMM(session.start) * 60;
    const end = parseHHMM(session.end) * 60;
    const opens = start - opensMinutesBefore * 60;
    if (second >= opens && second < end) {
      const late = second > start + graceMinutes * 60;
      return {
        open: true,
        session,
        status: late ? 'late' : 'on_time',
        minutesLate: late ? Math.ceil((second - start) / 60) : 0,
      };
    }
  }
  const next = sortedSessions(sessions).find((s) => (parseHHMM(s.start) - opensMinutesBefore) * 60 > second);
  return {
    open: false,
    next: next ? { session: next, opensAt: formatHHMM(parseHHMM(next.start) - opensMinutesBefore) } : null,
  };
}

/** Which session a check-out at `at` closes, and whether it leaves early (before the session's end). */
export function decideCheckOut(policy: Pick<Policy, 'timezone' | 'checkIn'>, sessions: readonly SessionRule[], at: Date): CheckOutDecision {
  const second = secondOfDay(at, policy.timezone);
  const closesAfter = policy.checkIn.checkOutClosesMinutesAfter * 60;
  for (const session of sortedSessions(sessions).reverse()) {
    const start = parseHHMM(session.start) * 60;
    const end = parseHHMM(session.end) * 60;
    if (second >= start && second < end + closesAfter) {
      const early = second < end;
      return { open: true, session, status: early ? 'early' : 'normal', minutesEarly: early ? Math.ceil((end - second) / 60) : 0 };
    }
  }
  return { open: false };
}
