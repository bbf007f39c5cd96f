import type { Db, Tx } from '../db/client.ts';
import { retargetChat } from '../messaging/outbox.ts';
import type { Platform } from '../messaging/types.ts';

/**
 * A platform moved a chat to a new id (Telegram: a group upgraded to a supergroup). The chat keeps
 * its purpose and community, its queued messages and open questions follow it. Idempotent: a second
 * call finds nothing left under the old id.
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
    await moveChat(tx, platform, fromChatId, toChatId, { sentMessages: false });
  });
}

/**
 * Points a chat's queued messages and open questions at its new id (the Chat row is the caller's);
 * its sent messages only with `sentMessages` (see retargetChat).
 */
export async function moveChat(tx: Tx, platform: Platform, from: string, to: string, options: { sentMessages: boolean }): Promise<void> {
  await retargetChat(tx, platform, from, to, { sent: options.sentMessages });

  // An open question the person already has under the new id wins over the one from the old id.
  const answered = await tx.conversation.findMany({ where: { platform, platformChatId: to }, select: { platformUserId: true } });
  await tx.conversation.deleteMany({ where: { platform, platformChatId: from, platformUserId: { in: answered.map((q) => q.platformUserId) } } });
  await tx.conversation.updateMany({ where: { platform, platformChatId: from }, data: { platformChatId: to } });
}
