import type { Platform } from '../../src/messaging/types.ts';
import { audienceChats, type ExtraPurpose, type NoticeAudience } from './audience.ts';
import { noticeButtons, noticeText } from './format.ts';
import { progressEntry } from './progress.ts';
import { writeSubject } from '../../src/core/reference.ts';
import { NOTICE_SUBJECTS } from './subjects.ts';
import type { NoticeWork } from './work.ts';

export interface NoticeInput {
  communityId: number | null;
  streetId: number | null;
  title: string;
  body: string;
  /** A 居务公开 category of the policy; alerts file theirs too. */
  category: string;
  publisher: { id: number; name: string };
  audience: NoticeAudience;
  /** Words for the audience as the publisher chose it (「3栋」「全社区」), for previews and the ledger. */
  audienceLabel: string;
  /** The community's emergency and work groups besides the resident groups (alerts). */
  extraPurposes?: readonly ExtraPurpose[];
  source?: 'notice' | 'alert';
  alertId?: number;
  askConfirm?: boolean;
  /** Where the publisher follows the sending (progress, result); none: no progress message. */
  progressTo?: { platform: Platform; chatId: string };
  /** Sent by the notice job at this time instead of at once (定时通知). */
  sendAt?: Date;
  now: Date;
}

/**
 * Files a notice inside the caller's transaction: the notice row and one delivery row per target
 * chat, each sent through its own outbox row, linked to it when the caller's outbox is written (or,
 * when `sendAt` is given, waiting for the notice job).
 * Chats a send already found the bot removed from get a delivery row marked unreachable and no send.
 * The body goes out as the office wrote it, phone numbers included: a notice or an alert is the
 * office's own deliberate words to residents, not a resident's details echoed (rules/incident-privacy).
 * Returns the notice id.
 */
export async function publishNotice(w: NoticeWork, input: NoticeInput): Promise<number> {
  const notice = await w.tx.notice.create({
    data: {
      communityId: input.communityId,
      streetId: input.streetId,
      category: input.category,
      title: input.title,
      body: input.body,
      publisherId: input.publisher.id,
      publisherName: input.publisher.name,
      audience: JSON.stringify(input.audience),
      audienceLabel: input.audienceLabel,
      extraPurposes: JSON.stringify(input.extraPurposes ?? []),
      source: input.source ?? 'notice',
      alertId: input.alertId ?? null,
      askConfirm: input.askConfirm ?? false,
      status: 'draft',
      progressPlatform: input.progressTo?.platform ?? null,
      progressChatId: input.progressTo?.chatId ?? null,
      createdAt: input.now,
    },
  });
  await commitNotice(w, notice.id, input.now, { ...(input.sendAt ? { sendAt: input.sendAt } : {}), announce: true });
  return notice.id;
}

export interface CommitOptions {
  sendAt?: Date;
  /** Queue the publisher's progress message here; false when the caller's own reply is that message (确认发布). */
  announce: boolean;
}

/**
 * Turns a filed notice (a confirmed draft) into its delivery rows, all in the caller's transaction:
 * sent now, or scheduled for `sendAt`. The audience is resolved here, so the rows are what the
 * publisher confirmed. Returns how many chats it goes to.
 */
export async function commitNotice(w: NoticeWork, noticeId: number, now: Date, { sendAt, announce }: CommitOptions): Promise<number> {
  const { tx } = w;
  const notice = await tx.notice.findUniqueOrThrow({ where: { id: noticeId } });
  const chats = await audienceChats(tx, notice, JSON.parse(notice.audience) as NoticeAudience, JSON.parse(notice.extraPurposes) as ExtraPurpose[]);
  for (const chat of chats) {
    await tx.noticeDelivery.create({
      data: {
        noticeId,
        chatId: chat.chatRowId,
        platform: chat.platform,
        platformChatId: chat.chatId,
        title: chat.title ?? null,
        purpose: chat.purpose,
        status: sendAt ? 'scheduled' : 'queued',
      },
    });
  }
  await tx.notice.update({ where: { id: noticeId }, data: { status: sendAt ? 'scheduled' : 'sending', sendAt: sendAt ?? null } });
  if (!sendAt) await releaseNotice(w, noticeId, now, announce);
  return chats.length;
}

/**
 * Sends a committed notice: one outbox row per delivery, linked to it; the publisher's progress
 * message first (unless `announce` is false). Chats known to be unreachable are marked so and not tried. Only a notice that is
 * still scheduled or sending is released, once (compare-and-set on releasedAt).
 */
export async function releaseNotice({ tx, out, t }: NoticeWork, noticeId: number, now: Date, announce = true): Promise<boolean> {
  const claimed = await tx.notice.updateMany({ where: { id: noticeId, releasedAt: null, status: { in: ['scheduled', 'sending'] } }, data: { releasedAt: now, status: 'sending' } });
  if (claimed.count !== 1) return false;
  const notice = await tx.notice.findUniqueOrThrow({ where: { id: noticeId } });
  const deliveries = await tx.noticeDelivery.findMany({ where: { noticeId }, orderBy: { id: 'asc' } });
  const unreachable = new Set((await tx.chat.findMany({ where: { id: { in: deliveries.map((d) => d.chatId) }, unreachableAt: { not: null } }, select: { id: true } })).map((c) => c.id));
  const text = noticeText(t, notice);
  const buttons = noticeButtons(t, notice);
  const progress = announce ? progressEntry(t, notice, deliveries.length) : null;
  if (progress) out.add(progress);
  for (const delivery of deliveries) {
    if (unreachable.has(delivery.chatId)) {
      await tx.noticeDelivery.update({ where: { id: delivery.id }, data: { status: 'unreachable', error: t('notice.state.unreachableBefore') } });
      continue;
    }
    out.addFollowed({ platform: delivery.platform as Platform, message: { chatId: delivery.platformChatId, text, ...(buttons ? { buttons } : {}) }, subject: writeSubject(NOTICE_SUBJECTS.delivery, noticeId) }, (outboxId) =>
      tx.noticeDelivery.update({ where: { id: delivery.id }, data: { outboxId, status: 'queued' } }),
    );
  }
  return true;
}
