import type { Command } from 'commander';
import type { CliConfig } from '../cli/context.ts';
import type { Ledger } from './ledger.ts';
import { runLedger, type LedgerOptions } from './run.ts';

/** `shequ report <name>` for every family's ledger, each with the same options. */
export function addReportCommands(program: Command, ledgers: readonly Ledger<unknown>[], config: () => CliConfig): void {
  const report = program
    .command('report')
    .description('导出台账 (export a ledger): XLSX with a title block to sign, or JSON; the summary line goes to stderr');
  for (const ledger of ledgers) {
    const command = report.command(ledger.name).description(ledger.description);
    if (ledger.period === 'week-or-month') {
      command.option('--week <YYYY-Www>', 'ISO 周，如 2026-W49 (an ISO week; or --month)');
      command.option('--month <YYYY-MM>', '月份，如 2026-12 (a month; or --week)');
    } else {
      command.requiredOption('--month <YYYY-MM>', '月份，如 2026-12 (a month)');
    }
    command
      .option('--community <name>', '社区 (default: every community)')
      .option('--format <format>', 'xlsx or json', 'xlsx')
      .option('--out <file>', '输出文件 (output file; default: json to stdout, xlsx to <台账>-<社区>-<月份>.xlsx)')
      .option('--now <time>', '制表时间，ISO 格式，不带时区即办公时间 (the time the ledger is made at; default: now)')
      .action((options: LedgerOptions) => runLedger(ledger, options, config()));
  }
}
