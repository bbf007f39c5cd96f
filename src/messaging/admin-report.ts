import type { Db } from '../db/client.ts';
import { enqueue } from './outbox.ts';
import type { Platform } from './types.ts';

/** Where operational trouble (a logout, failing sends) is reported: ADMIN_CHAT=platform:chatId. */
export interface AdminChat {
  platform: Platform;
  chatId: string;
}

export const ADMIN_CHAT_PATTERN = /^(sandbox|wechat|telegram|lark):.+$/;

export function parseAdminChat(value: string | undefined): AdminChat | null {
  if (!value || !ADMIN_CHAT_PATTERN.test(value)) return null;
  const at = value.indexOf(':');
  return { platform: value.slice(0, at) as Platform, chatId: value.slice(at + 1) };
}

/** Queues a report to the admin chat through the outbox, so it waits out an outage like any message. */
export async function reportToAdmin(db: Db, admin: AdminChat | null, text: string, now: Date): Promise<void> {
  if (!admin) return;
  await db.$transaction((tx) => enqueue(tx, [{ platform: admin.platform, message: { chatId: admin.chatId, text } }], now));
}
