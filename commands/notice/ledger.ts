import type { Tx } from '../../src/db/client.ts';
import type { Notice } from '../../src/generated/prisma/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { DELIVERY_STATE_TEXT, NOTICE_STATUS_TEXT, PLATFORM_TEXT, whenText } from './format.ts';
import { progressLine, tally } from './progress.ts';

/** A notice's ledger: who published what to whom, and every group's state (sent, failed and why, bot removed, recalled) with its confirmations. */
export async function ledgerText(tx: Tx, t: Translate, notice: Notice, zone: string): Promise<string> {
  const deliveries = await tx.noticeDelivery.findMany({ where: { noticeId: notice.id }, orderBy: { id: 'asc' } });
  const confirmations = await tx.noticeConfirmation.groupBy({ by: ['deliveryId'], where: { noticeId: notice.id }, _count: { _all: true } });
  const confirmed = new Map(confirmations.map((c) => [c.deliveryId, c._count._all]));
  const lines = [
    t('notice.ledger.head', { id: notice.id, title: notice.title, category: notice.category, name: notice.publisherName, at: whenText(notice.createdAt, zone), status: textOf(t, NOTICE_STATUS_TEXT, notice.status) }),
    t('notice.ledger.audience', { audience: notice.audienceLabel, line: progressLine(t, tally(deliveries)) }),
  ];
  if (notice.sendAt) lines.push(t('notice.preview.at', { at: whenText(notice.sendAt, zone) }));
  for (const d of deliveries) {
    const state = textOf(t, DELIVERY_STATE_TEXT, d.status);
    const when = d.sentAt && d.status === 'sent' ? ` ${whenText(d.sentAt, zone)}` : '';
    const why = d.error && d.status !== 'sent' && d.status !== 'recalled' ? `（${d.error.slice(0, 80)}）` : '';
    const acks = notice.askConfirm ? t('notice.ledger.acks', { count: confirmed.get(d.id) ?? 0 }) : '';
    lines.push(t('notice.ledger.line', { chat: d.title ?? d.platformChatId, platform: textOf(t, PLATFORM_TEXT, d.platform), state: `${state}${when}${why}`, acks }));
  }
  if (notice.askConfirm) lines.push(t('notice.ledger.ackTotal', { count: [...confirmed.values()].reduce((a, b) => a + b, 0) }));
  return lines.join('\n');
}
