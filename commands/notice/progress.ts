import type { Notice, NoticeDelivery } from '../../src/generated/prisma/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { pendingAbout, rewritePending, type OutboxEntry } from '../../src/messaging/outbox.ts';
import type { Platform } from '../../src/messaging/types.ts';
import { DELIVERY_STATES, isSettled, type DeliveryState } from './rules/ledger.ts';
import { buttonValue, writeReference, writeSubject } from '../../src/core/reference.ts';
import { NOTICE_SUBJECTS } from './subjects.ts';
import { DELIVERY_STATE_TEXT, PLATFORM_TEXT } from './format.ts';
import type { NoticeWork } from './work.ts';

/**
 * Where a message can be edited in place: Telegram edits text, Lark edits cards (the progress
 * message carries a button, so it is one), the sandbox replaces. WeChat cannot: there the publisher
 * gets the result once, at the end, and no running count.
 */
const EDITS_IN_PLACE: ReadonlySet<Platform> = new Set(['telegram', 'lark', 'sandbox']);

export type Tally = Record<DeliveryState, number> & { total: number };

export function tally(deliveries: readonly Pick<NoticeDelivery, 'status'>[]): Tally {
  const counts = Object.fromEntries(DELIVERY_STATES.map((s) => [s, 0])) as Record<DeliveryState, number>;
  for (const d of deliveries) counts[d.status as DeliveryState] += 1;
  return { ...counts, total: deliveries.length };
}

/** 「已发送 37/40 群 · 2 群机器人已被移出 · 1 群限流重试中」: only the counts that are not zero, after the sent count. */
export function progressLine(t: Translate, counts: Tally): string {
  const parts = [t('notice.progress.sent', { sent: counts.sent, total: counts.total })];
  const gone = counts.gone + counts.unreachable;
  if (gone > 0) parts.push(t('notice.progress.gone', { count: gone }));
  if (counts.failed > 0) parts.push(t('notice.progress.failed', { count: counts.failed }));
  if (counts.retrying > 0) parts.push(t('notice.progress.retrying', { count: counts.retrying }));
  if (counts.cancelled > 0) parts.push(t('notice.progress.cancelled', { count: counts.cancelled }));
  return parts.join(' · ');
}

function detailButton(t: Translate, noticeId: number) {
  return [{ label: t('notice.button.detail'), value: buttonValue('通知', writeReference(noticeId)) }];
}

/** The running progress message: the notice, and how many groups it has reached; its button opens the ledger. */
export function progressMessage(t: Translate, notice: Pick<Notice, 'id' | 'title'>, total: number, counts?: Tally) {
  const text = `${t('notice.progress.head', { id: notice.id, title: notice.title })}\n${progressLine(t, counts ?? { ...tally([]), queued: total, total })}`;
  return { text, buttons: detailButton(t, notice.id), subject: writeSubject(NOTICE_SUBJECTS.progress, notice.id) };
}

/** The progress message as an outbox entry, where the publisher's platform can edit it later; else none (the result comes at the end). */
export function progressEntry(t: Translate, notice: Notice, total: number): OutboxEntry | null {
  if (!notice.progressPlatform || !notice.progressChatId || !EDITS_IN_PLACE.has(notice.progressPlatform as Platform) || total === 0) return null;
  const { text, buttons, subject } = progressMessage(t, notice, total);
  return { platform: notice.progressPlatform as Platform, message: { chatId: notice.progressChatId, text, buttons }, subject };
}

/** The final result: what reached every group, and where it did not and why. */
export function resultText(t: Translate, notice: Notice, deliveries: readonly NoticeDelivery[]): string {
  const counts = tally(deliveries);
  const lines = [t('notice.result.head', { id: notice.id, title: notice.title }), progressLine(t, counts)];
  for (const d of deliveries) {
    if (d.status === 'sent' || d.status === 'cancelled') continue;
    lines.push(t('notice.result.line', { chat: d.title ?? d.platformChatId, platform: textOf(t, PLATFORM_TEXT, d.platform), state: textOf(t, DELIVERY_STATE_TEXT, d.status), why: d.error ? `（${d.error.slice(0, 80)}）` : '' }));
  }
  lines.push(t('notice.result.detail', { id: notice.id }));
  return lines.join('\n');
}

/**
 * After delivery rows changed: the final result once every row is settled (compare-and-set on
 * finishedAt), else the progress message edited in place at most once per `everyMs`.
 */
export async function updateProgress({ tx, out, t }: NoticeWork, noticeId: number, now: Date, everyMs: number): Promise<void> {
  const notice = await tx.notice.findUnique({ where: { id: noticeId } });
  if (!notice || notice.finishedAt || notice.status !== 'sending') return;
  const deliveries = await tx.noticeDelivery.findMany({ where: { noticeId }, orderBy: { id: 'asc' } });
  const target = notice.progressPlatform && notice.progressChatId ? { platform: notice.progressPlatform as Platform, chatId: notice.progressChatId } : null;
  const editable = target !== null && EDITS_IN_PLACE.has(target.platform) && notice.progressMessageId !== null;
  if (deliveries.every((d) => isSettled(d.status as DeliveryState))) {
    const progressRow = target && EDITS_IN_PLACE.has(target.platform) && !editable ? await pendingAbout(tx, writeSubject(NOTICE_SUBJECTS.progress, noticeId)) : null;
    // The progress message is being sent: its own result brings us back here, to edit it into the result.
    if (progressRow?.sending) return;
    const done = await tx.notice.updateMany({ where: { id: noticeId, finishedAt: null }, data: { finishedAt: now, status: 'done' } });
    if (done.count !== 1 || !target) return;
    const text = resultText(t, notice, deliveries);
    if (progressRow) {
      // The progress message has not gone out yet: it goes out as the result, so the publisher still gets one message.
      if (await rewritePending(tx, progressRow.id, { chatId: target.chatId, text }, writeSubject(NOTICE_SUBJECTS.result, noticeId))) return;
    }
    out.add({ platform: target.platform, message: { chatId: target.chatId, text, ...(editable ? { replaceMessageId: notice.progressMessageId! } : {}) }, subject: writeSubject(NOTICE_SUBJECTS.result, noticeId) });
  } else {
    if (!editable || (notice.progressAt && now.getTime() - notice.progressAt.getTime() < everyMs)) return;
    await tx.notice.update({ where: { id: noticeId }, data: { progressAt: now } });
    const { text, buttons, subject } = progressMessage(t, notice, deliveries.length, tally(deliveries));
    out.add({ platform: target.platform, message: { chatId: target.chatId, text, buttons, replaceMessageId: notice.progressMessageId! }, subject });
  }
}
