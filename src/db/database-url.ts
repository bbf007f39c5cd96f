import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:./data/shequ.db';

export type DatabaseKind = 'sqlite' | 'postgres';

/** Which database a DATABASE_URL names: a SQLite `file:` or a PostgreSQL `postgresql://` URL (never quoted back: it may hold a password). */
export function databaseKind(url: string | undefined): DatabaseKind {
  const value = url ?? DEFAULT_DATABASE_URL;
  if (value.startsWith('file:')) return 'sqlite';
  if (/^postgres(ql)?:\/\//.test(value)) return 'postgres';
  throw new Error('DATABASE_URL must be a SQLite file: URL (file:./data/shequ.db) or a PostgreSQL URL (postgresql://user@host:5432/shequ)');
}

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function resolveDatabaseFile(url: string | undefined): string {
  const value = url ?? DEFAULT_DATABASE_URL;
  if (databaseKind(value) !== 'sqlite') throw new Error('DATABASE_URL is not a SQLite file: URL');
  const file = value.slice('file:'.length);
  return file === ':memory:' ? file : path.resolve(file);
}
