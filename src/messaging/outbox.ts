import type { Tx } from '../db/client.ts';
import type { OutgoingMessage, Platform } from './types.ts';

export interface OutboxEntry {
  platform: Platform;
  message: OutgoingMessage;
  subject?: string;
}

/** Writes outgoing messages inside the caller's transaction: committed with the effect, or not at all. */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[], createdAt: Date): Promise<void> {
  const due = new Date();
  for (const entry of entries) {
    await tx.outboxMessage.create({
      data: {
        platform: entry.platform,
        platformChatId: entry.message.chatId,
        payload: JSON.stringify(entry.message),
        subject: entry.subject ?? null,
        nextAttemptAt: due,
        createdAt,
      },
    });
  }
}
