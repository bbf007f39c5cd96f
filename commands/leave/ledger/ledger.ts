import type { MessageKey, Translate } from '../../../src/i18n/index.ts';
import type { StepStatus } from '../../../src/approval/kind.ts';
import { textOf } from '../../../src/i18n/value-text.ts';
import { column, sheet, type Ledger } from '../../../src/ledger/ledger.ts';
import { leaveRegister, type RegisterRow, type RegisterStep } from './rows.ts';

const STEP_TEXT = {
  approved: 'leave.step.approved',
  rejected: 'leave.step.rejected',
  pending: 'leave.step.pending',
  waiting: 'leave.step.waiting',
  skipped: 'leave.step.skipped',
} as const satisfies Record<StepStatus, MessageKey>;

function chainText(t: Translate, row: RegisterRow): string {
  return row.chain.map((s) => `${s.role}${s.approver ?? ''} ${textOf(t, STEP_TEXT, s.status)}${s.actedAt ? ` ${s.actedAt}` : ''}${s.comment ? `（${s.comment}）` : ''}`).join(' → ');
}


/** `shequ report leave`: the month's leave register (请销假登记本) and every approval step. */
export const leaveLedger: Ledger<RegisterRow[]> = {
  name: 'leave',
  description: '请销假登记：每张请假条、审批过程、结果和销假时间 (every leave note with its chain, outcome and return)',
  title: 'leave.ledger.title',
  period: 'month',
  load: (tx, { policy, t, period, community }) => leaveRegister(tx, policy, t, period, community?.id ?? null),
  json: (rows) => rows,
  summary: (rows, { t, period }) => t('leave.ledger.summary', { month: period.value, count: rows.length }),
  sheets: [
    sheet<RegisterRow[], RegisterRow>({
      name: 'leave.sheet.register',
      rows: (rows) => rows,
      columns: [
        column('leave.col.id', 6, 'number', (r) => r.id),
        column('leave.col.person', 10, 'text', (r) => r.person),
        column('leave.col.community', 12, 'text', (r) => r.community),
        column('leave.col.type', 8, 'text', (r) => r.type),
        column('leave.col.start', 17, 'datetime', (r) => r.start),
        column('leave.col.end', 17, 'datetime', (r) => r.end),
        column('leave.col.workDays', 8, 'number', (r) => r.workDays),
        column('leave.col.reason', 20, 'text', (r) => r.reason),
        column('leave.col.destination', 14, 'text', (r) => r.destination),
        column('leave.col.byPhone', 6, 'boolean', (r) => r.byPhone),
        column('leave.col.submittedAt', 17, 'datetime', (r) => r.submittedAt),
        column('leave.col.chain', 60, 'text', (r, { t }) => chainText(t, r)),
        column('leave.col.outcome', 8, 'text', (r) => r.outcome),
        column('leave.col.decidedAt', 17, 'datetime', (r) => r.decidedAt),
        column('leave.col.returnedAt', 17, 'datetime', (r) => r.returnedAt),
      ],
    }),
    sheet<RegisterRow[], RegisterStep & { note: RegisterRow }>({
      name: 'leave.sheet.steps',
      rows: (rows) => rows.flatMap((note) => note.chain.map((step) => ({ ...step, note }))),
      columns: [
        column('leave.col.id', 6, 'number', (s) => s.note.id),
        column('leave.col.person', 10, 'text', (s) => s.note.person),
        column('leave.col.step', 6, 'number', (s) => s.step),
        column('leave.col.role', 14, 'text', (s) => s.role),
        column('leave.col.approver', 10, 'text', (s) => s.approver),
        column('leave.col.status', 8, 'text', (s, { t }) => textOf(t, STEP_TEXT, s.status)),
        column('leave.col.activatedAt', 17, 'datetime', (s) => s.activatedAt),
        column('leave.col.actedAt', 17, 'datetime', (s) => s.actedAt),
        column('leave.col.comment', 24, 'text', (s) => s.comment),
      ],
    }),
  ],
};
