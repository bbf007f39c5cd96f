import fs from 'node:fs';
import { DateTime } from 'luxon';
import type { Command } from 'commander';
import { daysText } from './format.ts';
import { DutyImportError, importDutySheet, validateDutySheet } from './import.ts';
import { loadShown, rosterLedger } from './ledger.ts';
import { readSheet } from '../../src/roster/read-sheet.ts';
import { officeDate, addDays } from '../../src/time/office-time.ts';
import { communityOption, nowOption, officeNow, UsageError, withDatabase, type CliConfig } from '../../src/cli/context.ts';
import { parseMonth, parsePeriod } from '../../src/ledger/period.ts';
import { runLedger, type LedgerOptions } from '../../src/ledger/run.ts';

const isoDate = (value: string | undefined, flag: string): string | undefined => {
  if (value === undefined) return undefined;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || !DateTime.fromISO(value).isValid) throw new UsageError(`${flag} 应为 YYYY-MM-DD (must be YYYY-MM-DD): ${value}`);
  return value;
};

/** `shequ roster import 值班表.xlsx [--from D] [--to D] [--community 名]` */
async function importAction(file: string, options: { from?: string; to?: string; community?: string }, { env, policy }: CliConfig): Promise<void> {
  if (!fs.existsSync(file)) throw new UsageError(`找不到文件 (no such file): ${file}`);
  const fromOption = isoDate(options.from, '--from');
  const toOption = isoDate(options.to, '--to');
  let rows;
  try {
    rows = await readSheet(file);
  } catch (error) {
    throw new UsageError(`无法读取值班表 (cannot read the sheet): ${(error as Error).message}`);
  }
  const result = await withDatabase(env, async (db) => {
    const now = await officeNow(env, db);
    const from = fromOption ?? officeDate(now, policy.timezone);
    const to = toOption ?? addDays(from, 27);
    let entries;
    try {
      entries = await validateDutySheet(db, policy, rows, { from, to, defaultCommunity: options.community ?? null });
    } catch (error) {
      if (error instanceof DutyImportError) throw new UsageError(error.message);
      throw error;
    }
    return importDutySheet(db, policy, entries, now);
  });
  process.stdout.write(`值班表导入完成：新排 ${result.created} 个班，调整 ${result.changed} 个（记为导入调整，原计划保留在台账里）。\n`);
}

/** `shequ roster show 2026-12 [--community 名] [--format text|json|xlsx] [--out file]`: text here, JSON and XLSX by the ledger pipeline. */
async function showAction(month: string, options: Omit<LedgerOptions, 'month'>, config: CliConfig): Promise<void> {
  parseMonth(month);
  if (options.format === 'json' || options.format === 'xlsx') return runLedger(rosterLedger, { ...options, month }, config);
  if (options.format !== 'text') throw new UsageError(`--format 应为 text、json 或 xlsx (must be text, json or xlsx): ${options.format}`);
  const { env, policy, t } = config;
  const { from, to } = parsePeriod({ month }, 'month', policy.timezone);
  const shown = await withDatabase(env, async (db) => {
    const now = nowOption(options.now, policy.timezone, await officeNow(env, db));
    return db.$transaction(async (tx) => loadShown(tx, policy, await communityOption(tx, options.community), from, to, now));
  });
  const text = `${shown.map((c) => `${c.community} ${month}\n${daysText(t, policy, c.days)}`).join('\n\n')}\n`;
  if (options.out) fs.writeFileSync(options.out, text);
  else process.stdout.write(text);
}

/** The `roster` command group: the duty roster set up and shown without code. */
export function addRosterCommands(program: Command, config: () => CliConfig): void {
  const roster = program.command('roster').description('值班表 (duty roster): import a sheet, show or export a month');
  roster
    .command('import')
    .description('导入值班表 (import the office 值班表: 日期 or 星期, 班次, 值班人员, optional 带班领导, 社区)')
    .argument('<file>', '.csv or .xlsx file')
    .option('--from <YYYY-MM-DD>', '星期 rows apply from this date (default: today)')
    .option('--to <YYYY-MM-DD>', '… to this date (default: four weeks)')
    .option('--community <name>', '社区 of rows without one')
    .action((file: string, options: Parameters<typeof importAction>[1]) => importAction(file, options, config()));
  roster
    .command('show')
    .description('显示或导出一个月的值班表 (show or export a month: planned, on duty, changes, check-ins, handovers)')
    .argument('<month>', 'YYYY-MM')
    .option('--community <name>', '社区 (default: every community)')
    .option('--format <format>', 'text, json or xlsx', 'text')
    .option('--out <file>', 'output file')
    .option('--now <time>', 'ISO time the roster is generated at (default: now)')
    .action((month: string, options: Parameters<typeof showAction>[1]) => showAction(month, options, config()));
}
