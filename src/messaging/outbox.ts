import type { Tx } from '../db/client.ts';
import type { OutgoingMessage, Platform } from './types.ts';
import { sql } from '../db/sql.ts';

export interface OutboxEntry {
  platform: Platform;
  message: OutgoingMessage;
  subject?: string;
}

/**
 * Every string of a message as well-formed Unicode: text cut in the middle of an emoji (a quoted
 * word, a title shortened) would otherwise leave a lone surrogate that no platform and no database
 * takes, and the message would be retried until it is dead.
 */
export function payloadOf(message: OutgoingMessage): string {
  return JSON.stringify(message, (_key, value: unknown) => (typeof value === 'string' ? value.toWellFormed() : value));
}

/** Writes outgoing messages inside the caller's transaction: committed with the effect, or not at all. */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[], createdAt: Date): Promise<void> {
  for (const entry of entries) await enqueueOne(tx, entry, createdAt);
}

/** Writes one outgoing message like `enqueue` and returns its row id, for a ledger that follows it (notices). */
export async function enqueueOne(tx: Tx, entry: OutboxEntry, createdAt: Date): Promise<number> {
  // Raw: every reply of every command passes here, and a compiled insert costs about four times as much.
  const [row] = await sql(tx).query<{ id: number }>`
    INSERT INTO "OutboxMessage" ("platform", "platformChatId", "payload", "subject", "nextAttemptAt", "createdAt")
    VALUES (${entry.platform}, ${entry.message.chatId}, ${payloadOf(entry.message)}, ${entry.subject ?? null}, ${new Date()}, ${createdAt})
    RETURNING "id"`;
  return row!.id;
}
