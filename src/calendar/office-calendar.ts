import { DateTime } from 'luxon';

/** Which days are worked, on the Chinese calendar with its 调休: pure, over plain data. */

export type DayKind = 'workday' | 'weekend' | 'holiday' | 'makeup_workday';

export interface CalendarEntry {
  /** YYYY-MM-DD */
  date: string;
  /** holiday: no work on this day; workday: work on this day (a 调休 Saturday or Sunday). */
  kind: 'holiday' | 'workday';
  name: string;
}

export interface DayInfo {
  date: string;
  kind: DayKind;
  /** The holiday's name, or the holiday a make-up workday belongs to. */
  name: string | null;
  /** 1 = Monday … 7 = Sunday. */
  weekday: number;
  source: 'official' | 'office' | 'weekend rule';
}

/** Whether the day is worked: a workday, or a weekend day made a workday (调休). The one workday test. */
export function isWorkday(day: Pick<DayInfo, 'kind'>): boolean {
  return day.kind === 'workday' || day.kind === 'makeup_workday';
}

export class OfficeCalendar {
  private readonly official = new Map<string, CalendarEntry>();
  private readonly office = new Map<string, CalendarEntry>();
  private readonly knownYears = new Set<number>();

  /** `official` is the national calendar from the package; `office` entries win over it. */
  constructor(official: readonly CalendarEntry[], office: readonly CalendarEntry[]) {
    for (const entry of official) {
      this.official.set(entry.date, entry);
      this.knownYears.add(Number(entry.date.slice(0, 4)));
    }
    for (const entry of office) {
      this.office.set(entry.date, entry);
      if (entry.kind === 'holiday') this.knownYears.add(Number(entry.date.slice(0, 4)));
    }
  }

  /** True when the national holidays of that year are known (from the package or loaded by the office). */
  knowsYear(year: number): boolean {
    return this.knownYears.has(year);
  }

  day(date: string): DayInfo {
    const weekday = DateTime.fromISO(date, { zone: 'UTC' }).weekday;
    const weekend = weekday >= 6;
    const fromOffice = this.office.get(date);
    const entry = fromOffice ?? this.official.get(date);
    const source = fromOffice ? 'office' : entry ? 'official' : 'weekend rule';
    if (entry?.kind === 'holiday') return { date, kind: 'holiday', name: entry.name, weekday, source };
    if (entry?.kind === 'workday') return { date, kind: weekend ? 'makeup_workday' : 'workday', name: entry.name, weekday, source };
    return { date, kind: weekend ? 'weekend' : 'workday', name: null, weekday, source: 'weekend rule' };
  }

  isWorkday(date: string): boolean {
    return isWorkday(this.day(date));
  }

  /** Every day of a month (YYYY-MM). */
  month(month: string): DayInfo[] {
    const first = DateTime.fromISO(`${month}-01`, { zone: 'UTC' });
    return Array.from({ length: first.daysInMonth ?? 0 }, (_, i) => this.day(first.plus({ days: i }).toISODate()!));
  }

  /** Working days from `from` to `to`, both included (YYYY-MM-DD). */
  workdaysBetween(from: string, to: string): string[] {
    const days: string[] = [];
    for (let d = DateTime.fromISO(from, { zone: 'UTC' }); d.toISODate()! <= to; d = d.plus({ days: 1 })) {
      if (this.isWorkday(d.toISODate()!)) days.push(d.toISODate()!);
    }
    return days;
  }
}
