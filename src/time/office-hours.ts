import type { Policy } from '../config/policy.ts';
import { minuteOfDay, officeDate, parseHHMM } from './office-time.ts';

/**
 * True on a working day between check-in opening and check-out closing (07:00-17:30 by default):
 * when the office may be written to about leave. Reminders due at night wait for the morning.
 */
export function isOfficeTime(policy: Pick<Policy, 'timezone' | 'sessions' | 'checkIn'>, isWorkday: (date: string) => boolean, at: Date): boolean {
  if (!isWorkday(officeDate(at, policy.timezone))) return false;
  const starts = policy.sessions.map((s) => parseHHMM(s.start));
  const ends = policy.sessions.map((s) => parseHHMM(s.end));
  const minute = minuteOfDay(at, policy.timezone);
  return minute >= Math.min(...starts) - policy.checkIn.opensMinutesBefore && minute <= Math.max(...ends) + policy.checkIn.checkOutClosesMinutesAfter;
}
