import type { Platform } from '../messaging/types.ts';

/**
 * The private chat with a bound account. The sandbox names it dm:<user>; on WeChat, Telegram and
 * Lark the user's own id addresses a private message to them.
 */
export function privateChatId(platform: Platform, platformUserId: string): string {
  return platform === 'sandbox' ? `dm:${platformUserId}` : platformUserId;
}
