import type { Policy, SessionRule } from '../../../src/config/policy.ts';
import { formatHHMM, parseHHMM } from '../../../src/time/office-time.ts';

/** Whose hours are which: staggered schedules (错时) by name, then by grid, else the office hours. */

export interface PersonRef {
  name: string;
  grid: string | null;
}

export interface PersonHours {
  /** The schedule's name, or null for the office hours. */
  schedule: string | null;
  sessions: readonly SessionRule[];
  /** Minutes before a start the person is due when a duty shift of theirs covers it (the duty roster says when). */
  leadMinutes: number;
}

export function hoursFor(policy: Pick<Policy, 'sessions' | 'attendance'>, person: PersonRef): PersonHours {
  const { schedules, duty } = policy.attendance;
  const schedule =
    schedules.find((s) => s.people.includes(person.name)) ?? (person.grid ? schedules.find((s) => s.grids.includes(person.grid!)) : undefined);
  return {
    schedule: schedule?.name ?? null,
    sessions: schedule?.sessions ?? policy.sessions,
    leadMinutes: duty.leadMinutes,
  };
}

/** Sessions moved earlier by the duty lead where the person is on duty: a duty person's 08:00 start is due at 07:50. */
export function dueSessions(hours: PersonHours, onDuty: readonly string[] = []): SessionRule[] {
  if (hours.leadMinutes === 0 || onDuty.length === 0) return [...hours.sessions];
  return hours.sessions.map((s) => (onDuty.includes(s.id) ? { ...s, start: formatHHMM(Math.max(0, parseHHMM(s.start) - hours.leadMinutes)) } : s));
}
