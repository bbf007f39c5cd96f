import fs from 'node:fs';
import ExcelJS from 'exceljs';
import { translator } from '../i18n/index.ts';
import { leaveRegister, type RegisterRow } from '../leave/register-rows.ts';
import { cliConfig, UsageError, withDatabase } from './context.ts';

const STEP_STATUS: Record<string, string> = { approved: '同意', rejected: '驳回', pending: '待审批', waiting: '未到', skipped: '跳过' };

function chainText(row: RegisterRow): string {
  return row.chain.map((s) => `${s.role}${s.approver ?? ''} ${STEP_STATUS[s.status] ?? s.status}${s.actedAt ? ` ${s.actedAt}` : ''}${s.comment ? `（${s.comment}）` : ''}`).join(' → ');
}

async function workbook(rows: RegisterRow[]): Promise<ExcelJS.Workbook> {
  const book = new ExcelJS.Workbook();
  const notes = book.addWorksheet('请销假登记');
  notes.columns = [
    { header: '编号', key: 'id', width: 6 },
    { header: '姓名', key: 'person', width: 10 },
    { header: '社区', key: 'community', width: 12 },
    { header: '类型', key: 'type', width: 8 },
    { header: '开始', key: 'start', width: 17 },
    { header: '结束', key: 'end', width: 17 },
    { header: '工作日', key: 'workDays', width: 8 },
    { header: '事由', key: 'reason', width: 20 },
    { header: '去向', key: 'destination', width: 14 },
    { header: '补假', key: 'byPhone', width: 6 },
    { header: '提交时间', key: 'submittedAt', width: 17 },
    { header: '审批过程', key: 'chain', width: 60 },
    { header: '结果', key: 'outcome', width: 8 },
    { header: '审批完成', key: 'decidedAt', width: 17 },
    { header: '销假时间', key: 'returnedAt', width: 17 },
  ];
  for (const row of rows) notes.addRow({ ...row, byPhone: row.byPhone ? '是' : '', chain: chainText(row) });
  const steps = book.addWorksheet('审批步骤');
  steps.columns = [
    { header: '编号', key: 'id', width: 6 },
    { header: '姓名', key: 'person', width: 10 },
    { header: '步骤', key: 'step', width: 6 },
    { header: '审批角色', key: 'role', width: 14 },
    { header: '审批人', key: 'approver', width: 10 },
    { header: '状态', key: 'status', width: 8 },
    { header: '送达', key: 'activatedAt', width: 17 },
    { header: '处理', key: 'actedAt', width: 17 },
    { header: '意见', key: 'comment', width: 24 },
  ];
  for (const row of rows) for (const step of row.chain) steps.addRow({ id: row.id, person: row.person, ...step, status: STEP_STATUS[step.status] ?? step.status });
  return book;
}

/** `shequ report leave --month YYYY-MM --format xlsx|json [--out file]` */
export async function reportLeaveAction(options: { month: string; format: string; out?: string }): Promise<void> {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(options.month)) throw new UsageError(`--month 应为 YYYY-MM (must be YYYY-MM): ${options.month}`);
  if (options.format !== 'json' && options.format !== 'xlsx') throw new UsageError(`--format 应为 xlsx 或 json (must be xlsx or json): ${options.format}`);
  if (options.format === 'xlsx' && !options.out) throw new UsageError('xlsx 需要 --out <文件> (xlsx needs --out <file>)');
  const { env, policy } = cliConfig();
  const rows = await withDatabase(env, (db) => leaveRegister(db, policy, translator(env.LOCALE), options.month));
  if (options.format === 'json') {
    const text = `${JSON.stringify(rows, null, 2)}\n`;
    if (options.out) fs.writeFileSync(options.out, text);
    else process.stdout.write(text);
  } else {
    await (await workbook(rows)).xlsx.writeFile(options.out!);
  }
  if (options.out) process.stderr.write(`请假登记 ${options.month}：${rows.length} 条，已写入 ${options.out}\n`);
}
