import fs from 'node:fs';
import { DateTime } from 'luxon';
import YAML from 'yaml';
import { z } from 'zod';
import type { CalendarEntry } from './office-calendar.ts';

const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date YYYY-MM-DD').refine((v) => DateTime.fromISO(v).isValid, 'is not a real date');
const kind = z.enum(['holiday', 'workday', '休', '班']).transform((v) => (v === '休' ? 'holiday' : v === '班' ? 'workday' : v));

const entrySchema = z.union([
  z.object({ date: isoDate, kind, name: z.string().min(1) }),
  z.object({ from: isoDate, to: isoDate, kind, name: z.string().min(1) }).refine((v) => v.from <= v.to, 'from must not be after to'),
]);

/**
 * The official calendar of a year as an office types it from the State Council notice:
 *   days:
 *     - { from: 2027-02-06, to: 2027-02-13, kind: holiday, name: 春节 }
 *     - { date: 2027-02-14, kind: workday, name: 春节 }   # a 调休 Sunday
 */
export const calendarFileSchema = z.object({ days: z.array(entrySchema).min(1) });

export function parseCalendarFile(raw: unknown): CalendarEntry[] {
  const parsed = calendarFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('\n'));
  }
  const entries: CalendarEntry[] = [];
  for (const day of parsed.data.days) {
    const k = day.kind as CalendarEntry['kind'];
    if ('date' in day) {
      entries.push({ date: day.date, kind: k, name: day.name });
      continue;
    }
    for (let d = DateTime.fromISO(day.from, { zone: 'UTC' }); d.toISODate()! <= day.to; d = d.plus({ days: 1 })) {
      entries.push({ date: d.toISODate()!, kind: k, name: day.name });
    }
  }
  return entries;
}

export function readCalendarFile(file: string): CalendarEntry[] {
  return parseCalendarFile(YAML.parse(fs.readFileSync(file, 'utf8')));
}
