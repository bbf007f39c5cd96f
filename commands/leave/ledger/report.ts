import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { type MessageKey, type Translate } from '../../../src/i18n/index.ts';
import { textOf } from '../../../src/i18n/value-text.ts';
import type { StepStatus } from '../../../src/approval/kind.ts';
import { leaveRegister, type RegisterRow } from './rows.ts';
import type { ReportSpec } from '../../../src/core/family.ts';
import { UsageError, withDatabase } from '../../../src/cli/context.ts';

const STEP_TEXT = {
  approved: 'leave.step.approved',
  rejected: 'leave.step.rejected',
  pending: 'leave.step.pending',
  waiting: 'leave.step.waiting',
  skipped: 'leave.step.skipped',
} as const satisfies Record<StepStatus, MessageKey>;
const stepStatus = (t: Translate, status: string) => textOf(t, STEP_TEXT, status);

function chainText(t: Translate, row: RegisterRow): string {
  return row.chain.map((s) => `${s.role}${s.approver ?? ''} ${stepStatus(t, s.status)}${s.actedAt ? ` ${s.actedAt}` : ''}${s.comment ? `（${s.comment}）` : ''}`).join(' → ');
}

async function workbook(t: Translate, rows: RegisterRow[]): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const notes = book.addWorksheet(t('leave.sheet.register'));
  notes.columns = [
    { header: t('leave.col.id'), key: 'id', width: 6 },
    { header: t('leave.col.person'), key: 'person', width: 10 },
    { header: t('leave.col.community'), key: 'community', width: 12 },
    { header: t('leave.col.type'), key: 'type', width: 8 },
    { header: t('leave.col.start'), key: 'start', width: 17 },
    { header: t('leave.col.end'), key: 'end', width: 17 },
    { header: t('leave.col.workDays'), key: 'workDays', width: 8 },
    { header: t('leave.col.reason'), key: 'reason', width: 20 },
    { header: t('leave.col.destination'), key: 'destination', width: 14 },
    { header: t('leave.col.byPhone'), key: 'byPhone', width: 6 },
    { header: t('leave.col.submittedAt'), key: 'submittedAt', width: 17 },
    { header: t('leave.col.chain'), key: 'chain', width: 60 },
    { header: t('leave.col.outcome'), key: 'outcome', width: 8 },
    { header: t('leave.col.decidedAt'), key: 'decidedAt', width: 17 },
    { header: t('leave.col.returnedAt'), key: 'returnedAt', width: 17 },
  ];
  for (const row of rows) notes.addRow({ ...row, byPhone: row.byPhone ? t('leave.col.yes') : '', chain: chainText(t, row) });
  const steps = book.addWorksheet(t('leave.sheet.steps'));
  steps.columns = [
    { header: t('leave.col.id'), key: 'id', width: 6 },
    { header: t('leave.col.person'), key: 'person', width: 10 },
    { header: t('leave.col.step'), key: 'step', width: 6 },
    { header: t('leave.col.role'), key: 'role', width: 14 },
    { header: t('leave.col.approver'), key: 'approver', width: 10 },
    { header: t('leave.col.status'), key: 'status', width: 8 },
    { header: t('leave.col.activatedAt'), key: 'activatedAt', width: 17 },
    { header: t('leave.col.actedAt'), key: 'actedAt', width: 17 },
    { header: t('leave.col.comment'), key: 'comment', width: 24 },
  ];
  for (const row of rows) for (const step of row.chain) steps.addRow({ id: row.id, person: row.person, ...step, status: stepStatus(t, step.status) });
  return book;
}

/** `shequ report leave --month YYYY-MM --format xlsx|json [--out file]` */
async function reportLeaveAction(options: { month: string; format: string; out?: string }, { env, policy, t }: Parameters<ReportSpec['run']>[1]): Promise<void> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'json' && options.format !== 'xlsx') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  if (options.format === 'xlsx' && !options.out) throw new UsageError('xlsx 需要 --out <文件> (xlsx needs --out <file>)');
  const rows = await withDatabase(env, (db) => leaveRegister(db, policy, t, options.month));
  if (options.format === 'json') {
    const text = `${JSON.stringify(rows, null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
  } else {
    await (await workbook(t, rows)).xlsx.writeFile(options.out!);
  }
  if (options.out) process.stderr.write(`请假登记 ${options.month}：${rows.length} 条，已写入 ${options.out}\n`);
}

export const leaveReport: ReportSpec = {
  name: 'leave',
  description: '请销假登记：每张请假条、审批过程、结果和销假时间 (every leave note with its chain, outcome and return)',
  options: [
    { flags: '--month <YYYY-MM>', description: '月份', required: true },
    { flags: '--format <format>', description: 'xlsx or json', default: 'json' },
    { flags: '--out <file>', description: 'output file (stdout for json when omitted)' },
  ],
  run: (options, context) => reportLeaveAction(options as Parameters<typeof reportLeaveAction>[0], context),
};
