import type { Db, Tx } from '../db/client.ts';
import { OfficeCalendar, type CalendarEntry, type DayInfo } from './office-calendar.ts';
import { officialCalendar } from './official.ts';
import { sql } from '../db/sql.ts';

type Reader = Pick<Db, 'calendarDay'> | Pick<Tx, 'calendarDay'>;

/** The office calendar: the package's national calendar with the office's own entries on top. */
export async function loadCalendar(db: Reader): Promise<OfficeCalendar> {
  const office = await db.calendarDay.findMany();
  return new OfficeCalendar(
    officialCalendar(),
    office.map((row) => ({ date: row.date, kind: row.kind as CalendarEntry['kind'], name: row.name })),
  );
}

let nationalOnly: OfficeCalendar | null = null;

/** One day as the office calendar has it, reading only that date's office entry (every check-in asks). */
export async function loadDay(db: Db | Tx, date: string): Promise<DayInfo> {
  const [row] = await sql(db).query<{ date: string; kind: string; name: string }>`SELECT "date", "kind", "name" FROM "CalendarDay" WHERE "date" = ${date}`;
  if (!row) return (nationalOnly ??= new OfficeCalendar(officialCalendar(), [])).day(date);
  return new OfficeCalendar(officialCalendar(), [{ date: row.date, kind: row.kind as CalendarEntry['kind'], name: row.name }]).day(date);
}

/**
 * Stores office entries (a loaded year or corrections); an entry for a date replaces the old one (the
 * last of a date wins). Two statements, not one per day: a year is ~100 days, and on PostgreSQL
 * each statement is a round trip inside the transaction's time limit.
 */
export async function saveCalendarEntries(db: Db, entries: readonly CalendarEntry[], source: string): Promise<number> {
  const byDate = new Map(entries.map((entry) => [entry.date, { date: entry.date, kind: entry.kind, name: entry.name, source }]));
  await db.$transaction(async (tx) => {
    await tx.calendarDay.deleteMany({ where: { date: { in: [...byDate.keys()] } } });
    await tx.calendarDay.createMany({ data: [...byDate.values()] });
  });
  return entries.length;
}

export async function removeCalendarEntry(db: Db, date: string): Promise<boolean> {
  const result = await db.$transaction((tx) => tx.calendarDay.deleteMany({ where: { date } }));
  return result.count > 0;
}
