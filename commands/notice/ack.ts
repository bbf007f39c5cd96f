import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { noticeRefArgs, parseNoticeRef } from '../../src/notice/command-support.ts';

/**
 * 收到 #7: a resident confirms a notice that asked for it, by its button (WeChat: 「回复1」 to its
 * menu). Counted once per account and group, silently: a group full of 「已收到」 replies is what the
 * button spares it. 收到 alone is talk.
 */
export const noticeAckCommand = defineCommand({
  id: 'notice-ack',
  names: ['收到', '/ack'],
  summary: 'cmd.noticeAck.summary',
  example: 'cmd.noticeAck.example',
  allowedRoles: 'anyone',
  trigger: TRIGGER.reference,
  args: noticeRefArgs,
  parse: parseNoticeRef,
  async handle({ tx, message, now }, { id }) {
    if (id === null || message.chatKind !== 'group') return;
    const delivery = await tx.noticeDelivery.findFirst({ where: { noticeId: id, platform: message.platform, platformChatId: message.chatId, status: 'sent' } });
    const notice = delivery ? await tx.notice.findUnique({ where: { id }, select: { askConfirm: true } }) : null;
    if (!delivery || !notice?.askConfirm) return;
    const data = { noticeId: id, deliveryId: delivery.id, platformUserId: message.senderId, name: message.senderName ?? null, at: now };
    await tx.noticeConfirmation.upsert({ where: { deliveryId_platformUserId: { deliveryId: delivery.id, platformUserId: message.senderId } }, create: data, update: {} });
  },
});
