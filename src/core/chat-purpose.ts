import type { MessageKey } from '../i18n/index.ts';
import { isOneOf } from '../i18n/value-text.ts';

/** What a group is declared to be for (设为工作群 / 设为居民群 / 设为应急群). */
export const CHAT_PURPOSES = ['work', 'resident', 'emergency'] as const;
export type ChatPurpose = (typeof CHAT_PURPOSES)[number];

export const CHAT_PURPOSE_TEXT = {
  work: 'chat.purpose.work',
  resident: 'chat.purpose.resident',
  emergency: 'chat.purpose.emergency',
} as const satisfies Record<ChatPurpose, MessageKey>;

export function chatPurposeOf(value: string | null | undefined): ChatPurpose | null {
  return isOneOf(CHAT_PURPOSES, value) ? value : null;
}
