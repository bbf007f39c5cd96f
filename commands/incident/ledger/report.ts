import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { communityOption, UsageError, withDatabase } from '../../../src/cli/context.ts';
import { MONTHLY_LEDGER_OPTIONS, type ReportSpec } from '../../../src/core/family.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { KeysUnder } from '../../../src/i18n/value-text.ts';
import { loadLedger, type Ledger } from './rows.ts';
import { writeReference } from '../../../src/core/reference.ts';

/** `shequ report incidents --month YYYY-MM [--community 社区] --format xlsx|json [--out file]` */

async function workbook(t: Translate, ledger: Ledger): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const cases = book.addWorksheet(t('incident.sheet.cases'));
  const col = (key: KeysUnder<'incident.col.'>, width: number) => ({ header: t(`incident.col.${key}`), key, width });
  cases.columns = [
    col('id', 6), col('community', 12), col('className', 12), col('type', 12), col('level', 8), col('casualties', 6), col('status', 8),
    col('text', 30), col('place', 16), col('reporter', 10), col('reporterPhone', 14),
    col('reportedAt', 17), col('takenAt', 17), col('onSiteAt', 17), col('closedAt', 17), col('visitedAt', 17),
    col('minutesToTake', 8), col('minutesToReach', 8), col('minutesToClose', 8), col('minutesToVisit', 8),
    col('takenBy', 10), col('holder', 10), col('onSiteBy', 10), col('closedBy', 10), col('escalations', 6), col('streetEscalatedAt', 17),
    col('followUps', 40), col('attachments', 6), col('outcome', 30), col('rating', 8), col('reopened', 6), col('merged', 12), col('mediation', 40),
  ];
  for (const row of ledger.rows) {
    cases.addRow({
      ...row,
      casualties: row.casualties ? t('incident.col.yes') : '',
      followUps: row.followUps.map((f) => `${f.at} ${f.name}：${f.text}`).join('\n'),
      merged: [row.mergedInto ? `→ ${writeReference(row.mergedInto)}` : '', ...row.merged.map((id) => `← ${writeReference(id)}`)].filter(Boolean).join(' '),
      mediation: row.mediation ? t('incident.mediation.record', row.mediation) : '',
    });
  }
  const summary = book.addWorksheet(t('incident.sheet.summary'));
  summary.columns = [
    col('className', 14), col('count', 8), col('closedCount', 8), col('satisfied', 8), col('unsatisfied', 8),
    col('takeMedian', 12), col('takeWorst', 12), col('reachMedian', 12), col('reachWorst', 12),
  ];
  for (const row of [...ledger.summary.classes, { ...ledger.summary.total, className: t('incident.ledger.total') }]) {
    summary.addRow({ ...row, className: row.className ?? t('incident.ledger.unclassified'), closedCount: row.closed });
  }
  return book;
}

async function reportAction(options: { month: string; community?: string; format: string; out?: string }, { env, policy, t }: Parameters<ReportSpec['run']>[1]): Promise<void> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'json' && options.format !== 'xlsx') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  const ledger = await withDatabase(env, (db) =>
    db.$transaction(async (tx) => loadLedger(tx, policy, t, options.month, await communityOption(tx, options.community))),
  );
  if (options.format === 'json') {
    const text = `${JSON.stringify(ledger, null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
  } else {
    const out = options.out ?? `突发事件-${options.community ?? '全部社区'}-${options.month}.xlsx`;
    await (await workbook(t, ledger)).xlsx.writeFile(out);
    process.stdout.write(`已导出 ${options.month} 突发事件 ${ledger.rows.length} 件：${out}\n`);
  }
}

export const incidentReport: ReportSpec = {
  name: 'incidents',
  description: '突发事件台账：每件事的分类、级别、上报/受理/到场/办结/回访时间和用时、处理人、续报、结果和评价，并按类别汇总 (the incident ledger with a summary per class)',
  options: MONTHLY_LEDGER_OPTIONS,
  run: (options, context) => reportAction(options as Parameters<typeof reportAction>[0], context),
};
