import type { Translate } from '../../src/i18n/index.ts';
import type { DeliveryResult, DeliveryWatcher } from '../../src/messaging/delivery.ts';
import { updateProgress } from './progress.ts';
import { reportRecall } from './recall.ts';
import { subjectId } from '../../src/core/reference.ts';
import { NOTICE_SUBJECTS } from './subjects.ts';
import type { NoticeWork } from './work.ts';

/**
 * The notice ledger follows its outbox rows: each send's result sets its delivery row (a failure is
 * failed or gone, never sent), the progress message's id is kept for editing it in place, and after
 * every change the publisher's progress or final result is brought up to date.
 */
export function noticeWatcher(t: Translate, progressEveryMs: number): DeliveryWatcher {
  return { watches: (result) => subjectId(result.subject, WATCHED) !== null, record: (tx, results, out, at) => recordNoticeResults({ tx, out, t }, progressEveryMs, results, at) };
}

/** The outbox rows the ledger follows, by their subject: the deliveries, their recalls and the progress message. */
const WATCHED = [NOTICE_SUBJECTS.delivery, NOTICE_SUBJECTS.progress, NOTICE_SUBJECTS.recall];

async function recordNoticeResults(w: NoticeWork, progressEveryMs: number, results: readonly DeliveryResult[], now: Date): Promise<void> {
  const { tx } = w;
  const changed = new Set<number>();
  const recalled = new Set<number>();
  const ids = results.map((r) => r.outboxId);
  const sends = new Map((await tx.noticeDelivery.findMany({ where: { outboxId: { in: ids } } })).map((d) => [d.outboxId!, d]));
  const recalls = new Map((await tx.noticeDelivery.findMany({ where: { recallOutboxId: { in: ids } } })).map((d) => [d.recallOutboxId!, d]));
  for (const result of results) {
    const progress = subjectId(result.subject, NOTICE_SUBJECTS.progress);
    if (progress !== null) {
      if (result.status === 'sent') await tx.notice.updateMany({ where: { id: progress, progressMessageId: null }, data: { progressMessageId: result.platformMessageId! } });
      // The result may have waited for the progress message, to edit it rather than send a second one.
      if (result.status !== 'retrying') changed.add(progress);
      continue;
    }
    const send = sends.get(result.outboxId);
    if (send) {
      await tx.noticeDelivery.update({ where: { id: send.id }, data: sendState(result, now) });
      changed.add(send.noticeId);
      continue;
    }
    const recall = recalls.get(result.outboxId);
    if (recall && result.status !== 'retrying') {
      await tx.noticeDelivery.update({
        where: { id: recall.id },
        data: result.status === 'sent' ? { status: 'recalled', recalledAt: now, error: null } : { status: 'unrecalled', error: result.error ?? null },
      });
      recalled.add(recall.noticeId);
    }
  }
  for (const id of changed) await updateProgress(w, id, now, progressEveryMs);
  for (const id of recalled) await reportRecall(w, id, now);
}

function sendState(result: DeliveryResult, at: Date) {
  switch (result.status) {
    case 'sent':
      return { status: 'sent', platformMessageId: result.platformMessageId!, sentAt: at, attempts: result.attempts, error: null };
    case 'retrying':
      return { status: 'retrying', attempts: result.attempts, error: result.error ?? null };
    case 'dead':
      return { status: result.gone ? 'gone' : 'failed', attempts: result.attempts, error: result.error ?? null };
  }
}
