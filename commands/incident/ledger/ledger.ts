import { writeReference } from '../../../src/core/reference.ts';
import { column, sheet, type Ledger } from '../../../src/ledger/ledger.ts';
import type { ClassSummary } from '../rules/ledger.ts';
import { loadLedger, type Ledger as IncidentLedger, type LedgerRow } from './rows.ts';


/** `shequ report incidents`: every case reported in the month, and the numbers per class. */
export const incidentLedger: Ledger<IncidentLedger> = {
  name: 'incidents',
  description: '突发事件台账：每件事的分类、级别、上报/受理/到场/办结/回访时间和用时、处理人、续报、结果和评价，并按类别汇总 (the incident ledger with a summary per class)',
  title: 'incident.ledger.title',
  period: 'month',
  load: (tx, { policy, t, period, community }) => loadLedger(tx, policy, t, period.value, community?.id ?? null),
  json: (ledger) => ledger,
  summary: (ledger, { t, period }) => t('incident.ledger.exported', { month: period.value, count: ledger.rows.length }),
  sheets: [
    sheet<IncidentLedger, LedgerRow>({
      name: 'incident.sheet.cases',
      rows: (ledger) => ledger.rows,
      columns: [
        column('incident.col.id', 6, 'number', (r) => r.id), column('incident.col.community', 12, 'text', (r) => r.community), column('incident.col.className', 12, 'text', (r) => r.className), column('incident.col.type', 12, 'text', (r) => r.type), column('incident.col.level', 8, 'text', (r) => r.level),
        column('incident.col.casualties', 6, 'boolean', (r) => r.casualties), column('incident.col.status', 8, 'text', (r) => r.status), column('incident.col.text', 30, 'text', (r) => r.text), column('incident.col.place', 16, 'text', (r) => r.place), column('incident.col.reporter', 10, 'text', (r) => r.reporter), column('incident.col.reporterPhone', 14, 'text', (r) => r.reporterPhone),
        column('incident.col.reportedAt', 17, 'datetime', (r) => r.reportedAt), column('incident.col.takenAt', 17, 'datetime', (r) => r.takenAt), column('incident.col.onSiteAt', 17, 'datetime', (r) => r.onSiteAt), column('incident.col.closedAt', 17, 'datetime', (r) => r.closedAt), column('incident.col.visitedAt', 17, 'datetime', (r) => r.visitedAt),
        column('incident.col.minutesToTake', 8, 'number', (r) => r.minutesToTake), column('incident.col.minutesToReach', 8, 'number', (r) => r.minutesToReach), column('incident.col.minutesToClose', 8, 'number', (r) => r.minutesToClose), column('incident.col.minutesToVisit', 8, 'number', (r) => r.minutesToVisit),
        column('incident.col.takenBy', 10, 'text', (r) => r.takenBy), column('incident.col.holder', 10, 'text', (r) => r.holder), column('incident.col.onSiteBy', 10, 'text', (r) => r.onSiteBy), column('incident.col.closedBy', 10, 'text', (r) => r.closedBy), column('incident.col.escalations', 6, 'number', (r) => r.escalations), column('incident.col.streetEscalatedAt', 17, 'datetime', (r) => r.streetEscalatedAt),
        column('incident.col.followUps', 40, 'text', (r) => r.followUps.map((f) => `${f.at} ${f.name}：${f.text}`).join('\n')),
        column('incident.col.attachments', 6, 'number', (r) => r.attachments), column('incident.col.outcome', 30, 'text', (r) => r.outcome), column('incident.col.rating', 8, 'text', (r) => r.rating), column('incident.col.reopened', 6, 'number', (r) => r.reopened),
        column('incident.col.merged', 12, 'text', (r) => [r.mergedInto ? `→ ${writeReference(r.mergedInto)}` : '', ...r.merged.map((id) => `← ${writeReference(id)}`)].filter(Boolean).join(' ')),
        column('incident.col.mediation', 40, 'text', (r, { t }) => (r.mediation ? t('incident.mediation.record', r.mediation) : null)),
      ],
    }),
    sheet<IncidentLedger, ClassSummary>({
      name: 'incident.sheet.summary',
      rows: (ledger) => ledger.summary.classes,
      totals: (ledger, { t }) => ({ ...ledger.summary.total, className: t('incident.ledger.total') }),
      columns: [
        column('incident.col.className', 14, 'text', (r, { t }) => r.className ?? t('incident.ledger.unclassified')),
        column('incident.col.count', 8, 'number', (r) => r.count), column('incident.col.closedCount', 8, 'number', (r) => r.closed), column('incident.col.satisfied', 8, 'number', (r) => r.satisfied), column('incident.col.unsatisfied', 8, 'number', (r) => r.unsatisfied),
        column('incident.col.takeMedian', 12, 'number', (r) => r.takeMedian), column('incident.col.takeWorst', 12, 'number', (r) => r.takeWorst), column('incident.col.reachMedian', 12, 'number', (r) => r.reachMedian), column('incident.col.reachWorst', 12, 'number', (r) => r.reachWorst),
      ],
    }),
  ],
};
