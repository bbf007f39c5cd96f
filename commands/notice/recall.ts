import type { Notice } from '../../src/generated/prisma/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { RECALL_UNSUPPORTED } from '../../src/messaging/delivery.ts';
import { cancelPending } from '../../src/messaging/outbox.ts';
import type { Platform } from '../../src/messaging/types.ts';
import { updateProgress } from './progress.ts';
import { writeSubject } from '../../src/core/reference.ts';
import { NOTICE_SUBJECTS } from './subjects.ts';
import { PLATFORM_TEXT } from './format.ts';
import type { NoticeWork } from './work.ts';

export type WithdrawOutcome =
  | { kind: 'draft' | 'scheduled'; cancelled: number }
  /** cancelled: not sent yet and taken off the queue; recalling: sent and asked back; inFlight: being sent right now. */
  | { kind: 'sent'; cancelled: number; recalling: number; inFlight: number }
  | { kind: 'already' };

/**
 * 撤回通知: a draft or a scheduled notice is cancelled whole; one that is going out has its unsent
 * rows taken off the queue (a row being sent is not touched) and a recall queued for every group it
 * reached, linked to the group's delivery row. The platforms' answers come back through the
 * delivery watcher, and `reportRecall` tells the publisher where it could not be recalled.
 */
export async function withdrawNotice(w: NoticeWork, notice: Notice, now: Date, progressEveryMs: number): Promise<WithdrawOutcome> {
  const { tx, out } = w;
  if (notice.cancelledAt || notice.recallAt || notice.status === 'cancelled') return { kind: 'already' };
  if (notice.status === 'draft' || (notice.status === 'scheduled' && !notice.releasedAt)) {
    const claimed = await tx.notice.updateMany({ where: { id: notice.id, status: notice.status, releasedAt: null }, data: { status: 'cancelled', cancelledAt: now } });
    if (claimed.count !== 1) return { kind: 'already' };
    const rows = await tx.noticeDelivery.updateMany({ where: { noticeId: notice.id }, data: { status: 'cancelled' } });
    return { kind: notice.status === 'draft' ? 'draft' : 'scheduled', cancelled: rows.count };
  }
  await tx.notice.update({ where: { id: notice.id }, data: { recallAt: now } });
  let cancelled = 0;
  let recalling = 0;
  let inFlight = 0;
  for (const delivery of await tx.noticeDelivery.findMany({ where: { noticeId: notice.id }, orderBy: { id: 'asc' } })) {
    if ((delivery.status === 'queued' || delivery.status === 'retrying') && delivery.outboxId !== null) {
      if (await cancelPending(tx, delivery.outboxId)) {
        await tx.noticeDelivery.update({ where: { id: delivery.id }, data: { status: 'cancelled' } });
        cancelled++;
      } else inFlight++;
    } else if (delivery.status === 'sent' && delivery.platformMessageId) {
      out.addFollowed(
        { platform: delivery.platform as Platform, message: { chatId: delivery.platformChatId, text: '', recallMessageId: delivery.platformMessageId }, subject: writeSubject(NOTICE_SUBJECTS.recall, notice.id) },
        (recallOutboxId) => tx.noticeDelivery.update({ where: { id: delivery.id }, data: { recallOutboxId } }),
      );
      recalling++;
    }
  }
  if (recalling === 0) await tx.notice.update({ where: { id: notice.id }, data: { recallReportedAt: now } });
  await updateProgress(w, notice.id, now, progressEveryMs);
  return { kind: 'sent', cancelled, recalling, inFlight };
}

/** Why a group's copy could not be recalled, in the publisher's words. */
function unrecalledWhy(t: Translate, platform: string, error: string | null): string {
  if (error?.startsWith(RECALL_UNSUPPORTED)) return t('notice.recall.unsupported', { platform: textOf(t, PLATFORM_TEXT, platform) });
  return error ? error.slice(0, 120) : '';
}

/** Once every recall of a notice has its answer: how many groups it was taken back from, and where it stays. */
export async function reportRecall({ tx, out, t }: NoticeWork, noticeId: number, now: Date): Promise<void> {
  const notice = await tx.notice.findUnique({ where: { id: noticeId } });
  if (!notice?.recallAt || notice.recallReportedAt || !notice.progressPlatform || !notice.progressChatId) return;
  const asked = await tx.noticeDelivery.findMany({ where: { noticeId, recallOutboxId: { not: null } }, orderBy: { id: 'asc' } });
  if (asked.some((d) => d.status === 'sent')) return;
  const claimed = await tx.notice.updateMany({ where: { id: noticeId, recallReportedAt: null }, data: { recallReportedAt: now } });
  if (claimed.count !== 1) return;
  const kept = asked.filter((d) => d.status === 'unrecalled');
  const lines = [t('notice.recall.result', { id: noticeId, title: notice.title, recalled: asked.length - kept.length })];
  if (kept.length > 0) {
    lines.push(t('notice.recall.kept', { count: kept.length }));
    for (const d of kept) lines.push(t('notice.recall.keptLine', { chat: d.title ?? d.platformChatId, platform: textOf(t, PLATFORM_TEXT, d.platform), why: unrecalledWhy(t, d.platform, d.error) }));
  }
  out.add({ platform: notice.progressPlatform as Platform, message: { chatId: notice.progressChatId, text: lines.join('\n') }, subject: writeSubject(NOTICE_SUBJECTS.recall, noticeId) });
}
