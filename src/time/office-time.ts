import { DateTime } from 'luxon';

/** Wall-clock helpers in the office's time zone; the machine's own zone never enters a rule. */
export function inZone(at: Date, zone: string): DateTime {
  return DateTime.fromJSDate(at, { zone });
}

/** The office-local date, YYYY-MM-DD. */
export function officeDate(at: Date, zone: string): string {
  return inZone(at, zone).toISODate() as string;
}

/** Minutes since local midnight, with seconds truncated: 08:00:59 counts as 08:00. */
export function minuteOfDay(at: Date, zone: string): number {
  const local = inZone(at, zone);
  return local.hour * 60 + local.minute;
}

/** Seconds since local midnight. */
export function secondOfDay(at: Date, zone: string): number {
  const local = inZone(at, zone);
  return local.hour * 3600 + local.minute * 60 + local.second;
}

export function formatClock(at: Date, zone: string): string {
  return inZone(at, zone).toFormat('HH:mm');
}

export function formatDateTime(at: Date, zone: string): string {
  return inZone(at, zone).toFormat('yyyy-MM-dd HH:mm');
}

/** "08:30" → 510. Validated by the policy schema before it gets here. */
export function parseHHMM(value: string): number {
  const [h, m] = value.split(':').map(Number);
  return (h ?? 0) * 60 + (m ?? 0);
}

export function formatHHMM(minutes: number): string {
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return `${String(h).padStart(2, '0')}:${String(m).padStart(2, '0')}`;
}

/** Parses an ISO time; a time without an offset is read in the office zone. */
export function parseOfficeTime(value: string, zone: string): Date | null {
  const parsed = DateTime.fromISO(value, { zone, setZone: false });
  return parsed.isValid ? parsed.toJSDate() : null;
}

/** An office date (YYYY-MM-DD) `days` later (or earlier). */
export function addDays(date: string, days: number): string {
  return DateTime.fromISO(date, { zone: 'UTC' }).plus({ days }).toISODate()!;
}

/** Every date from `from` to `to`, both included. */
export function datesBetween(from: string, to: string): string[] {
  const dates: string[] = [];
  for (let d = from; d <= to; d = addDays(d, 1)) dates.push(d);
  return dates;
}
