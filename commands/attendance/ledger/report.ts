import fs from 'node:fs';
import { DateTime } from 'luxon';
import { reportJson, writeReportXlsx } from './export.ts';
import { loadMonthReport } from '../load-report.ts';
import { officeStaff } from '../../../src/core/people.ts';
import { parseOfficeTime } from '../../../src/time/office-time.ts';
import { MONTHLY_LEDGER_OPTIONS, type ReportSpec } from '../../../src/core/family.ts';
import { communityOption, UsageError, withDatabase } from '../../../src/cli/context.ts';

/** `shequ report attendance --month YYYY-MM [--community 社区] --format xlsx|json [--out file]` */
async function reportAction(options: { month: string; community?: string; format: string; out?: string; now?: string }, { env, policy, t }: Parameters<ReportSpec['run']>[1]): Promise<void> {
  if (!/^\d{4}-\d{2}$/.test(options.month) || !DateTime.fromISO(`${options.month}-01`).isValid) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'xlsx' && options.format !== 'json') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  const now = options.now ? parseOfficeTime(options.now, policy.timezone) : new Date();
  if (!now) throw new UsageError(`--now 不是有效时间 (not an ISO time): ${options.now}`);
  const report = await withDatabase(env, (db) =>
    db.$transaction(async (tx) => loadMonthReport(tx, policy, options.month, await officeStaff(tx, await communityOption(tx, options.community)), now)),
  );
  if (options.format === 'json') {
    const text = `${JSON.stringify(reportJson(report, options.month, options.community ?? null), null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
    return;
  }
  const out = options.out ?? `考勤-${options.community ?? '全部社区'}-${options.month}.xlsx`;
  await writeReportXlsx(report, policy, t, out);
  process.stdout.write(`已导出 ${report.people.length} 人的 ${options.month} 考勤：${out}\n`);
}

export const attendanceReport: ReportSpec = {
  name: 'attendance',
  description: '月度考勤：每人、每天、每个时段，含合计和百分制得分 (monthly attendance per person, day and session, with totals and the 100-point score)',
  options: [
    ...MONTHLY_LEDGER_OPTIONS,
    { flags: '--now <time>', description: 'ISO time the report is made at; sessions after it are pending (default: now)' },
  ],
  run: (options, context) => reportAction(options as Parameters<typeof reportAction>[0], context),
};
