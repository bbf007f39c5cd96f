import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { databaseKind, resolveDatabaseFile } from './database-url.ts';

/** The bot refused to start on a SQLite file another bot process holds; its message is printed as is. */
export class DatabaseInUseError extends Error {}

export interface InstanceLock {
  release(): void;
}

/** The file itself, not the path to it: two paths to one file (a symlink, ./data against /srv/…/data) are one lock. */
function canonical(file: string): string {
  if (fs.existsSync(file)) return fs.realpathSync(file);
  fs.mkdirSync(path.dirname(file), { recursive: true });
  return path.join(fs.realpathSync(path.dirname(file)), path.basename(file));
}

/**
 * One bot process per SQLite file: two would each run the scheduler and the delivery worker, and
 * their write transactions would time each other out (seen: messages stored as failed, then the
 * redelivery dropped as a duplicate). The holder keeps an exclusive transaction open on a side
 * file, `<db>.lock`, for as long as it runs; the lock is the operating system's, so it goes with
 * the process however it ends (kill -9 included) and is never stale. The CLI opens the database
 * itself, never this file, so it runs beside the bot. Null on PostgreSQL, which several instances
 * share, and for :memory:.
 */
export function takeInstanceLock(databaseUrl: string): InstanceLock | null {
  if (databaseKind(databaseUrl) !== 'sqlite') return null;
  const resolved = resolveDatabaseFile(databaseUrl);
  if (resolved === ':memory:') return null;
  const file = canonical(resolved);
  const lockFile = `${file}.lock`;
  let db: Database.Database | null = null;
  try {
    db = new Database(lockFile, { timeout: 0 });
    // No journal file beside it: nothing is ever written, the transaction is only held.
    db.pragma('journal_mode = MEMORY');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db?.close();
    if ((error as { code?: string }).code === 'SQLITE_BUSY') {
      throw new DatabaseInUseError(
        `另一个社区助手进程正在使用数据库 ${file}，本进程不再启动。请先停止那个进程；要运行多个实例，请改用 PostgreSQL。\n` +
          `(another shequ-bot process is using ${file}, so this one does not start: stop that process first; several instances need PostgreSQL)`,
      );
    }
    throw new DatabaseInUseError(`无法锁定数据库 ${file} (cannot lock the database through ${lockFile}): ${(error as Error).message}`);
  }
  const held = db;
  return {
    release() {
      if (held.open) held.close();
    },
  };
}
