import type { Db } from '../../src/db/client.ts';
import type { Button, OutgoingMessage } from '../../src/messaging/types.ts';

/** WeChat has no buttons: they become a numbered line, "回复数字：1 同意 2 驳回". */
export function renderMenu(text: string, buttons: readonly Button[], prompt: string): string {
  if (buttons.length === 0) return text;
  const items = buttons.map((button, i) => `${i + 1} ${button.label}`).join(' ');
  return `${text}\n${prompt}${items}`;
}

/**
 * The button a bare number picks from the last menu the bot sent in this chat. The menu is the
 * sent outbox row itself, so it survives a restart without a table of its own. A menu whose message
 * the core has since replaced (its outcome shown, e.g. a decided leave note) is closed.
 */
export async function pickFromLastMenu(db: Db, chatId: string, text: string, since: Date): Promise<Button | null> {
  const match = /^\s*(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const row = await db.outboxMessage.findFirst({
    where: { platform: 'wechat', platformChatId: chatId, status: 'sent', sentAt: { gte: since }, payload: { contains: '"buttons":[{' } },
    orderBy: { sentAt: 'desc' },
    select: { payload: true, platformMessageId: true },
  });
  if (!row) return null;
  if (row.platformMessageId) {
    const replaced = await db.outboxMessage.count({
      where: { platform: 'wechat', platformChatId: chatId, payload: { contains: `"replaceMessageId":${JSON.stringify(row.platformMessageId)}` } },
    });
    if (replaced > 0) return null;
  }
  const buttons = (JSON.parse(row.payload) as OutgoingMessage).buttons ?? [];
  return buttons[Number(match[1]) - 1] ?? null;
}
