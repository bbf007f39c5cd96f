import type { Translate } from '../i18n/index.ts';
import type { AdminChat } from './admin-report.ts';
import type { DeliveryWatcher } from './delivery.ts';

/**
 * A send that says the bot can no longer write to a chat (removed from the group, group dissolved)
 * marks the chat unreachable once and tells the admin chat; later broadcasts skip it instead of
 * trying again. A message from the chat shows the bot is back and clears the mark (upsertChat).
 */
export function chatGoneWatcher(admin: AdminChat | null, t: Translate): DeliveryWatcher {
  return {
    watches: (result) => result.gone,
    async record(tx, results, out, at) {
      for (const result of results) {
        const where = { platform: result.platform, platformChatId: result.chatId };
        const marked = await tx.chat.updateMany({ where: { ...where, unreachableAt: null }, data: { unreachableAt: at, unreachableReason: result.error?.slice(0, 500) ?? null } });
        if (marked.count !== 1 || !admin) continue;
        const chat = await tx.chat.findFirst({ where, select: { title: true } });
        const text = t('chatGone.admin', { chat: chat?.title ?? result.chatId, platform: result.platform, reason: result.error?.slice(0, 200) ?? '' });
        out.add({ platform: admin.platform, message: { chatId: admin.chatId, text } });
      }
    },
  };
}
