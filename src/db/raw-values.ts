/**
 * A DateTime column of a raw query's row, whichever way the driver hands it over (a Date, or the ISO
 * text SQLite keeps). The message path's queries are raw because a compiled Prisma query costs about
 * four times as much (Prisma 6 compiles every call); README "Raw SQL on the hot path".
 */
export function rawDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function rawOptionalDate(value: string | Date | null): Date | null {
  return value === null ? null : rawDate(value);
}
