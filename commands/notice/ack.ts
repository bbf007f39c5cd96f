import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { noticeRefArgs, parseNoticeRef } from './command-support.ts';
import { noticeHereRecord } from './records.ts';

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
  where: { groupsOnly: true },
  args: noticeRefArgs,
  // Whoever is in a group the notice reached.
  record: { kinds: [noticeHereRecord], id: (args) => args.id, access: 'chat' },
  parse: parseNoticeRef,
  async handle({ tx, message, now, record }) {
    if (!record) return;
    const data = { noticeId: record.id, deliveryId: record.deliveryId, platformUserId: message.senderId, name: message.senderName ?? null, at: now };
    await tx.noticeConfirmation.upsert({ where: { deliveryId_platformUserId: { deliveryId: record.deliveryId, platformUserId: message.senderId } }, create: data, update: {} });
  },
});
