/**
 * Values of a raw query's row as each driver reads them: SQLite gives a DateTime column as ISO text,
 * PostgreSQL as a Date. The hot path reads with raw SQL because a compiled Prisma query costs about
 * four times as much (the query compiler runs on every call in Prisma 6); writes stay compiled.
 */
export function rawDate(value: string | Date): Date {
  return value instanceof Date ? value : new Date(value);
}

export function rawOptionalDate(value: string | Date | null): Date | null {
  return value === null ? null : rawDate(value);
}
