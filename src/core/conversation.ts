import type { Tx } from '../db/client.ts';
import { rawDate } from '../db/raw-values.ts';
import type { Platform } from '../messaging/types.ts';
import type { AnswerForm } from './command.ts';
import { sql } from '../db/sql.ts';

/** A command waiting for a missing field, kept in the database so it survives a restart. */
export interface PendingPrompt {
  command: string;
  rest: string;
  /** What an answer looks like; in a group only such an answer (or an addressed one) continues it. */
  expects: AnswerForm;
}

export interface ConversationKey {
  platform: Platform;
  platformChatId: string;
  platformUserId: string;
}

function where(key: ConversationKey) {
  return { platform_platformChatId_platformUserId: key };
}

/** A stored open question, as read (with the message, or by findPending). */
export interface ConversationRow {
  id: number;
  command: string;
  state: string;
  expiresAt: string | Date;
}

export async function findPending(tx: Tx, key: ConversationKey, now: Date): Promise<PendingPrompt | 'expired' | null> {
  const [row] = await sql(tx).query<ConversationRow>`
    SELECT "id", "command", "state", "expiresAt" FROM "Conversation"
    WHERE "platform" = ${key.platform} AND "platformChatId" = ${key.platformChatId} AND "platformUserId" = ${key.platformUserId}`;
  return pendingOf(tx, row ?? null, now);
}

/** The open question of a stored row; one that has run out is removed and answered 'expired'. */
export async function pendingOf(tx: Tx, row: ConversationRow | null, now: Date): Promise<PendingPrompt | 'expired' | null> {
  if (!row) return null;
  if (rawDate(row.expiresAt) <= now) {
    await tx.conversation.delete({ where: { id: row.id } });
    return 'expired';
  }
  const state = JSON.parse(row.state) as { rest: string; expects?: AnswerForm };
  return { command: row.command, rest: state.rest, expects: state.expects ?? { kind: 'text' } };
}

export async function savePending(tx: Tx, key: ConversationKey, prompt: PendingPrompt, expiresAt: Date): Promise<void> {
  const state = JSON.stringify({ rest: prompt.rest, expects: prompt.expects });
  await tx.conversation.upsert({
    where: where(key),
    create: { ...key, command: prompt.command, state, expiresAt },
    update: { command: prompt.command, state, expiresAt },
  });
}

export async function clearPending(tx: Tx, key: ConversationKey): Promise<void> {
  await tx.conversation.deleteMany({ where: key });
}
