import { loadEnv, type Env } from '../config/env.ts';
import type { Policy } from '../config/policy.ts';
import type { CliConfig, Office } from '../core/family.ts';

export type { CliConfig };
import { createDb, type Db, type Tx } from '../db/client.ts';
import { migrateDatabase } from '../db/migrate.ts';
import { translator, type Translate } from '../i18n/index.ts';

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

/** A report's `--community` option: the community's id, null for every community; an unknown name is a usage error. */
export async function communityOption(tx: Tx, name: string | undefined): Promise<number | null> {
  if (!name) return null;
  const community = await tx.community.findUnique({ where: { name } });
  if (!community) throw new UsageError(`找不到社区 (no such community): ${name}`);
  return community.id;
}
