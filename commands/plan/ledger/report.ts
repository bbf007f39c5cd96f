import fs from 'node:fs';
import { UsageError, withDatabase } from '../../../src/cli/context.ts';
import type { ReportSpec } from '../../../src/core/family.ts';
import { weekMonday, weekOf, weeksOfMonth } from '../rules/week.ts';
import { loadArchive, writeArchiveXlsx } from './archive.ts';

/** `shequ report plans --week 2026-W49 | --month 2026-12 [--community 社区] --format xlsx|json [--out file]` */
async function reportPlansAction(options: { week?: string; month?: string; community?: string; format: string; out?: string }, { env, policy, t }: Parameters<ReportSpec['run']>[1]): Promise<void> {
  if (Boolean(options.week) === Boolean(options.month)) throw new UsageError('请给 --week 或 --month 其中一个 (give either --week YYYY-Www or --month YYYY-MM)');
  if (options.week && !weekMonday(options.week)) throw new UsageError(`--week 应为 YYYY-Www，如 2026-W49 (must be an ISO week): ${options.week}`);
  if (options.month && !/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'xlsx' && options.format !== 'json') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  const weeks = options.week ? [weekOf(weekMonday(options.week)!)] : weeksOfMonth(options.month!);
  const archive = await withDatabase(env, (db) =>
    db.$transaction(async (tx) => {
      const community = options.community ? await tx.community.findUnique({ where: { name: options.community }, select: { id: true, name: true } }) : null;
      if (options.community && !community) throw new UsageError(`找不到社区 (no such community): ${options.community}`);
      return loadArchive(tx, policy, t, weeks, community);
    }),
  );
  const period = options.week ?? options.month!;
  if (options.format === 'json') {
    const text = `${JSON.stringify(archive, null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
    return;
  }
  const out = options.out ?? `周计划-${options.community ?? '全部社区'}-${period}.xlsx`;
  await writeArchiveXlsx(t, archive, out);
  process.stdout.write(`已导出 ${period} 的周计划 ${archive.plans.length} 条、例会纪要 ${archive.meetings.length} 份：${out}\n`);
}

export const plansReport: ReportSpec = {
  name: 'plans',
  description: '周工作计划台账：每人每周的计划事项、完成情况、上周转入、例会任务、发布和修改时间，附例会纪要 (weekly plans with results, carry-over, meeting tasks and history; meeting minutes)',
  options: [
    { flags: '--week <YYYY-Www>', description: 'ISO 周，如 2026-W49' },
    { flags: '--month <YYYY-MM>', description: '月份：周四落在该月的各周' },
    { flags: '--community <name>', description: '社区 (default: every community)' },
    { flags: '--format <format>', description: 'xlsx or json', default: 'xlsx' },
    { flags: '--out <file>', description: 'output file (json default: stdout)' },
  ],
  run: (options, context) => reportPlansAction(options as Parameters<typeof reportPlansAction>[0], context),
};
