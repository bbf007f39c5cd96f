import { loadEnv, sandboxAlone, type Env } from '../config/env.ts';
import { savedSandboxClock } from '../sandbox/clock.ts';
import type { CliConfig, Office } from '../core/family.ts';

export type { CliConfig };
import { createDb, type Db, type Tx } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { translator } from '../i18n/index.ts';
import { parseOfficeTime } from '../time/office-time.ts';

/** A mistake in how the command was called: printed as is, exit code 1. */
export class UsageError extends Error {}

/** The settings and the office policy of the office the CLI was started for (bin/shequ.js). */
export function cliConfig(office: Office): CliConfig {
  const env = loadEnv();
  return { env, policy: office.policy.load(env.OFFICE_POLICY_FILE), t: translator(env.LOCALE, office.texts) };
}

/** Opens the bot's database, migrated, for one CLI command; always closed afterwards. */
export async function withDatabase<T>(env: Env, run: (db: Db) => Promise<T>): Promise<T> {
  await migrateDatabase(env.DATABASE_URL);
  const db = createDb(env.DATABASE_URL);
  try {
    return await run(db);
  } finally {
    await db.$disconnect();
  }
}

/** A report's `--community` option: the community, null for every community; an unknown name is a usage error. */
export async function communityOption(tx: Tx, name: string | undefined): Promise<{ id: number; name: string } | null> {
  if (!name) return null;
  const community = await tx.community.findUnique({ where: { name }, select: { id: true, name: true } });
  if (!community) throw new UsageError(`找不到社区 (no such community): ${name}`);
  return community;
}

/**
 * The office's time for a CLI command: with the sandbox alone, its clock as its API last set it
 * (src/sandbox/clock.ts), so a bind code or a ledger's default follows the bot; the system's otherwise.
 */
export async function officeNow(env: Env, db: Db): Promise<Date> {
  if (!sandboxAlone(env)) return new Date();
  return (await savedSandboxClock(db))?.now ?? new Date();
}

/** A `--now <time>` option: an ISO time, office time without an offset; `fallback` (the office's time) when omitted. */
export function nowOption(value: string | undefined, zone: string, fallback: Date): Date {
  if (value === undefined) return fallback;
  const now = parseOfficeTime(value, zone);
  if (!now) throw new UsageError(`--now 不是有效时间 (not an ISO time): ${value}`);
  return now;
}
