import fs from 'node:fs';
import { communityOption, nowOption, officeNow, UsageError, withDatabase, type CliConfig } from '../cli/context.ts';
import type { Ledger, LedgerContext } from './ledger.ts';
import { parsePeriod } from './period.ts';
import { writeLedgerXlsx } from './xlsx.ts';

/** The options every `shequ report <name>` takes, as commander hands them over. */
export interface LedgerOptions {
  month?: string;
  week?: string;
  community?: string;
  format: string;
  out?: string;
  now?: string;
}

/** A district's month is read in one transaction: longer than Prisma's 5 seconds for 5,000 people. */
const LOAD_TIMEOUT_MS = 10 * 60_000;

/**
 * Exports one ledger: checks the options, loads the ledger in one snapshot of the database, writes
 * it as JSON (to stdout without --out) or XLSX, and says on stderr what went where.
 */
export async function runLedger<Data>(ledger: Ledger<Data>, options: LedgerOptions, { env, policy, t }: CliConfig): Promise<void> {
  const zone = policy.timezone;
  const period = parsePeriod(options, ledger.period, zone);
  if (options.format !== 'xlsx' && options.format !== 'json') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  const { context, data } = await withDatabase(env, async (db) => {
    const now = nowOption(options.now, zone, await officeNow(env, db));
    return db.$transaction(
      async (tx) => {
        const context: LedgerContext = { policy, t, period, community: await communityOption(tx, options.community), now };
        return { context, data: await ledger.load(tx, context) };
      },
      { timeout: LOAD_TIMEOUT_MS },
    );
  });
  let where: string;
  if (options.format === 'json') {
    const text = `${JSON.stringify(ledger.json(data, context), null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
    where = options.out ?? t('ledger.stdout');
  } else {
    where = options.out ?? `${t(ledger.title)}-${context.community?.name ?? t('ledger.allCommunities')}-${period.value}.xlsx`;
    await writeLedgerXlsx(ledger, data, context, where);
  }
  const summary = ledger.summary?.(data, context) ?? t('ledger.summary', { period: period.value, title: t(ledger.title) });
  process.stderr.write(`${t('ledger.written', { summary, file: where })}\n`);
}
