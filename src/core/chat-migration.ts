import type { Db } from '../db/client.ts';
import type { OutgoingMessage, Platform } from '../messaging/types.ts';

/**
 * A platform moved a chat to a new id (Telegram: a group upgraded to a supergroup). The chat keeps
 * its purpose and community, pending replies follow it, and so do open questions. Idempotent: a
 * second call finds nothing left under the old id.
 */
export async function migrateChat(db: Db, platform: Platform, fromChatId: string, toChatId: string): Promise<void> {
  if (fromChatId === toChatId) return;
  await db.$transaction(async (tx) => {
    const old = await tx.chat.findUnique({ where: { platform_platformChatId: { platform, platformChatId: fromChatId } } });
    if (old) {
      const current = await tx.chat.findUnique({ where: { platform_platformChatId: { platform, platformChatId: toChatId } } });
      if (current) {
        // The new id was seen first: it inherits what the old chat was declared to be.
        await tx.chat.update({
          where: { id: current.id },
          data: { purpose: current.purpose ?? old.purpose, communityId: current.communityId ?? old.communityId, title: current.title ?? old.title },
        });
        await tx.chat.delete({ where: { id: old.id } });
      } else {
        await tx.chat.update({ where: { id: old.id }, data: { platformChatId: toChatId } });
      }
    }

    const pending = await tx.outboxMessage.findMany({ where: { platform, platformChatId: fromChatId, status: 'pending' } });
    for (const row of pending) {
      const message = JSON.parse(row.payload) as OutgoingMessage;
      await tx.outboxMessage.update({ where: { id: row.id }, data: { platformChatId: toChatId, payload: JSON.stringify({ ...message, chatId: toChatId }) } });
    }

    // An open question the person already has in the new chat wins over the one from the old chat.
    const answered = await tx.conversation.findMany({ where: { platform, platformChatId: toChatId }, select: { platformUserId: true } });
    await tx.conversation.deleteMany({ where: { platform, platformChatId: fromChatId, platformUserId: { in: answered.map((q) => q.platformUserId) } } });
    await tx.conversation.updateMany({ where: { platform, platformChatId: fromChatId }, data: { platformChatId: toChatId } });
  });
}
