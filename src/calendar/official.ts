import data from 'chinese-days/dist/chinese-days.json' with { type: 'json' };
import type { CalendarEntry } from './office-calendar.ts';

/** The national holidays and make-up workdays as the chinese-days package knows them. */
let cached: CalendarEntry[] | null = null;

function chineseName(value: string): string {
  // The package stores "English,中文,days".
  return value.split(',')[1] ?? value;
}

export function officialCalendar(): CalendarEntry[] {
  cached ??= [
    ...Object.entries(data.holidays as Record<string, string>).map(([date, name]) => ({ date, kind: 'holiday' as const, name: chineseName(name) })),
    ...Object.entries(data.workdays as Record<string, string>).map(([date, name]) => ({ date, kind: 'workday' as const, name: chineseName(name) })),
  ];
  return cached;
}
