import path from 'node:path';

export const DEFAULT_DATABASE_URL = 'file:./data/shequ.db';

/** The SQLite file a `file:` URL names, resolved against the working directory. */
export function resolveDatabaseFile(url: string | undefined): string {
  const value = url ?? DEFAULT_DATABASE_URL;
  if (!value.startsWith('file:')) {
    throw new Error(`DATABASE_URL must be a SQLite file: URL (file:./data/shequ.db), got "${value}"`);
  }
  const file = value.slice('file:'.length);
  return file === ':memory:' ? file : path.resolve(file);
}
