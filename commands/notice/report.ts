import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { column, sheet, type Ledger, type Period } from '../../src/ledger/ledger.ts';
import { formatDateTime } from '../../src/time/office-time.ts';
import { tally } from './progress.ts';
import { DELIVERY_STATE_TEXT, NOTICE_STATUS_TEXT, PLATFORM_TEXT } from './format.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { CHAT_PURPOSE_TEXT } from '../../src/core/chat-purpose.ts';

interface DeliveryRow {
  group: string;
  platform: string;
  purpose: string;
  state: string;
  error: string | null;
  attempts: number;
  sentAt: string | null;
  recalledAt: string | null;
  confirmations: number;
}

export interface NoticeLedgerRow {
  id: number;
  community: string;
  category: string;
  title: string;
  body: string;
  publisher: string;
  audience: string;
  source: string;
  status: string;
  createdAt: string;
  sendAt: string | null;
  finishedAt: string | null;
  groups: number;
  sent: number;
  failed: number;
  gone: number;
  recalled: number;
  confirmations: number;
  deliveries: DeliveryRow[];
}

export async function loadNoticeLedger(tx: Tx, policy: Policy, t: Translate, period: Pick<Period, 'start' | 'end'>, communityId: number | null): Promise<NoticeLedgerRow[]> {
  const zone = policy.timezone;
  const when = (at: Date | null) => (at ? formatDateTime(at, zone) : null);
  const notices = await tx.notice.findMany({
    where: { createdAt: { gte: period.start, lt: period.end }, status: { not: 'draft' }, ...(communityId !== null ? { communityId } : {}) },
    orderBy: { id: 'asc' },
  });
  const communities = new Map((await tx.community.findMany()).map((c) => [c.id, c.name]));
  const rows: NoticeLedgerRow[] = [];
  for (const notice of notices) {
    const deliveries = await tx.noticeDelivery.findMany({ where: { noticeId: notice.id }, orderBy: { id: 'asc' } });
    const acks = await tx.noticeConfirmation.groupBy({ by: ['deliveryId'], where: { noticeId: notice.id }, _count: { _all: true } });
    const confirmed = new Map(acks.map((a) => [a.deliveryId, a._count._all]));
    const counts = tally(deliveries);
    rows.push({
      id: notice.id,
      community: notice.communityId !== null ? (communities.get(notice.communityId) ?? '') : t('notice.audience.street'),
      category: notice.category,
      title: notice.title,
      body: notice.body,
      publisher: notice.publisherName,
      audience: notice.audienceLabel,
      source: notice.source,
      status: textOf(t, NOTICE_STATUS_TEXT, notice.status),
      createdAt: when(notice.createdAt)!,
      sendAt: when(notice.sendAt),
      finishedAt: when(notice.finishedAt),
      groups: counts.total,
      sent: counts.sent + counts.recalled + counts.unrecalled,
      failed: counts.failed,
      gone: counts.gone + counts.unreachable,
      recalled: counts.recalled,
      confirmations: [...confirmed.values()].reduce((a, b) => a + b, 0),
      deliveries: deliveries.map((d) => ({
        group: d.title ?? d.platformChatId,
        platform: textOf(t, PLATFORM_TEXT, d.platform),
        purpose: textOf(t, CHAT_PURPOSE_TEXT, d.purpose),
        state: textOf(t, DELIVERY_STATE_TEXT, d.status),
        error: d.error,
        attempts: d.attempts,
        sentAt: when(d.sentAt),
        recalledAt: when(d.recalledAt),
        confirmations: confirmed.get(d.id) ?? 0,
      })),
    });
  }
  return rows;
}


/** `shequ report notices`: every notice of the month and every group's state. */
export const noticeLedger: Ledger<NoticeLedgerRow[]> = {
  name: 'notices',
  description: '通知台账：每条通知的分类、发布人、发往、状态，以及每个群的送达情况（已发送、失败原因、机器人已被移出、已撤回）和收到人数 (the notice ledger, group by group)',
  title: 'notice.ledger.title',
  period: 'month',
  load: (tx, { policy, t, period, community }) => loadNoticeLedger(tx, policy, t, period, community?.id ?? null),
  json: (rows, { period }) => ({ month: period.value, notices: rows }),
  summary: (rows, { t, period }) => t('notice.ledger.exported', { month: period.value, count: rows.length }),
  sheets: [
    sheet<NoticeLedgerRow[], NoticeLedgerRow>({
      name: 'notice.sheet.notices',
      rows: (rows) => rows,
      columns: [
        column('notice.col.id', 6, 'number', (r) => r.id), column('notice.col.community', 12, 'text', (r) => r.community), column('notice.col.category', 10, 'text', (r) => r.category), column('notice.col.title', 24, 'text', (r) => r.title),
        column('notice.col.body', 40, 'text', (r) => r.body), column('notice.col.publisher', 8, 'text', (r) => r.publisher), column('notice.col.audience', 10, 'text', (r) => r.audience), column('notice.col.status', 8, 'text', (r) => r.status),
        column('notice.col.createdAt', 17, 'datetime', (r) => r.createdAt), column('notice.col.sendAt', 17, 'datetime', (r) => r.sendAt), column('notice.col.finishedAt', 17, 'datetime', (r) => r.finishedAt),
        column('notice.col.groups', 6, 'number', (r) => r.groups), column('notice.col.sent', 6, 'number', (r) => r.sent), column('notice.col.failed', 6, 'number', (r) => r.failed), column('notice.col.gone', 6, 'number', (r) => r.gone),
        column('notice.col.recalled', 6, 'number', (r) => r.recalled), column('notice.col.confirmations', 6, 'number', (r) => r.confirmations),
      ],
    }),
    sheet<NoticeLedgerRow[], DeliveryRow & { notice: NoticeLedgerRow }>({
      name: 'notice.sheet.deliveries',
      rows: (rows) => rows.flatMap((notice) => notice.deliveries.map((d) => ({ ...d, notice }))),
      columns: [
        column('notice.col.id', 6, 'number', (d) => d.notice.id), column('notice.col.title', 24, 'text', (d) => d.notice.title), column('notice.col.group', 20, 'text', (d) => d.group), column('notice.col.platform', 8, 'text', (d) => d.platform),
        column('notice.col.purpose', 8, 'text', (d) => d.purpose), column('notice.col.state', 14, 'text', (d) => d.state), column('notice.col.error', 40, 'text', (d) => d.error), column('notice.col.attempts', 6, 'number', (d) => d.attempts),
        column('notice.col.sentAt', 17, 'datetime', (d) => d.sentAt), column('notice.col.recalledAt', 17, 'datetime', (d) => d.recalledAt), column('notice.col.confirmations', 6, 'number', (d) => d.confirmations),
      ],
    }),
  ],
};
