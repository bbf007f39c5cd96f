import fs from 'node:fs';
import { DateTime } from 'luxon';
import { reportJson, writeReportXlsx } from '../attendance/export.ts';
import { loadMonthReport } from '../attendance/load-report.ts';
import { officeStaff } from '../attendance/people.ts';
import { translator } from '../i18n/index.ts';
import { parseOfficeTime } from '../time/office-time.ts';
import { cliConfig, UsageError, withDatabase } from './context.ts';

/** `shequ report attendance --month YYYY-MM [--community 社区] --format xlsx|json [--out file]` */
export async function reportAction(options: { month: string; community?: string; format: string; out?: string; now?: string }): Promise<void> {
  if (!/^\d{4}-\d{2}$/.test(options.month) || !DateTime.fromISO(`${options.month}-01`).isValid) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'xlsx' && options.format !== 'json') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  const { env, policy } = cliConfig();
  const now = options.now ? parseOfficeTime(options.now, policy.timezone) : new Date();
  if (!now) throw new UsageError(`--now 不是有效时间 (not an ISO time): ${options.now}`);
  const report = await withDatabase(env, (db) =>
    db.$transaction(async (tx) => {
      let communityId: number | null = null;
      if (options.community) {
        const community = await tx.community.findUnique({ where: { name: options.community } });
        if (!community) throw new UsageError(`找不到社区 (no such community): ${options.community}`);
        communityId = community.id;
      }
      return loadMonthReport(tx, policy, options.month, await officeStaff(tx, communityId), now);
    }),
  );
  const t = translator(env.LOCALE);
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
