/** What a group is declared to be for (设为工作群 / 设为居民群 / 设为应急群). */
export const CHAT_PURPOSES = ['work', 'resident', 'emergency'] as const;
export type ChatPurpose = (typeof CHAT_PURPOSES)[number];

export function chatPurposeOf(value: string | null | undefined): ChatPurpose | null {
  return (CHAT_PURPOSES as readonly string[]).includes(value ?? '') ? (value as ChatPurpose) : null;
}
