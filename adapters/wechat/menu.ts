import type { PlatformStore } from '../../src/messaging/platform-store.ts';
import type { Button } from '../../src/messaging/types.ts';

/** WeChat has no buttons: they become a numbered line, "回复数字：1 同意 2 驳回". */
export function renderMenu(text: string, buttons: readonly Button[], prompt: string): string {
  if (buttons.length === 0) return text;
  const items = buttons.map((button, i) => `${i + 1} ${button.label}`).join(' ');
  return `${text}\n${prompt}${items}`;
}

/**
 * The button a bare number picks from the last menu the bot sent in this chat, while that menu is
 * open (not yet replaced by its outcome, e.g. a decided leave note).
 */
export async function pickFromLastMenu(store: PlatformStore, chatId: string, text: string, since: Date): Promise<Button | null> {
  const match = /^\s*(\d{1,2})\s*$/.exec(text);
  if (!match) return null;
  const buttons = await store.lastOpenMenu(chatId, since);
  return buttons?.[Number(match[1]) - 1] ?? null;
}
