import { Prisma, type Tx } from '../db/client.ts';
import type { OutgoingMessage, Platform } from './types.ts';
import { sql } from '../db/sql.ts';

export interface OutboxEntry {
  platform: Platform;
  message: OutgoingMessage;
  subject?: string;
  /** A case notice or page: sent before the ordinary rows waiting in its chat and on its platform. */
  urgent?: boolean;
}

/** OutboxMessage.priority: urgent rows go first (delivery.ts reads them in this order). */
export const PRIORITY = { normal: 0, urgent: 1 } as const;

/**
 * An edit or a recall takes the priority of the message it changes, so it never overtakes that
 * message nor an earlier edit of it; anything else is urgent when marked so or sent to an emergency
 * group. Worked out inside the insert: no statement more on the message path.
 */
function priorityOf(entry: OutboxEntry): Prisma.Sql {
  // Constants as literals: PostgreSQL would read a bound parameter in a CASE as text.
  const [normal, urgent] = [Prisma.raw(String(PRIORITY.normal)), Prisma.raw(String(PRIORITY.urgent))];
  const { chatId, replaceMessageId, recallMessageId } = entry.message;
  const changes = replaceMessageId ?? recallMessageId;
  if (changes) {
    return Prisma.sql`COALESCE((SELECT MAX(p."priority") FROM "OutboxMessage" p
      WHERE p."platform" = ${entry.platform} AND p."platformChatId" = ${chatId} AND p."platformMessageId" = ${changes}), ${normal})`;
  }
  if (entry.urgent) return urgent;
  return Prisma.sql`CASE WHEN EXISTS (SELECT 1 FROM "Chat" c WHERE c."platform" = ${entry.platform} AND c."platformChatId" = ${chatId} AND c."purpose" = 'emergency')
    THEN ${urgent} ELSE ${normal} END`;
}

/**
 * Every string of a message as well-formed Unicode: text cut in the middle of an emoji (a quoted
 * word, a title shortened) would otherwise leave a lone surrogate that no platform and no database
 * takes, and the message would be retried until it is dead.
 */
export function payloadOf(message: OutgoingMessage): string {
  return JSON.stringify(message, (_key, value: unknown) => (typeof value === 'string' ? value.toWellFormed() : value));
}

/**
 * What one piece of work sends (a command's replies, its messages to other chats, approval and desk
 * posts, edits and recalls; a job's posts; what a delivery's watchers say), collected while it runs
 * and written once, in order, by whoever owns its transaction: the dispatcher after the handler, the
 * scheduler after the job, the delivery worker after its watchers. The messages commit with the
 * effect, or not at all, and none can be left unwritten: one added after the write is refused.
 */
export class Outbox {
  private readonly queued: { entry: OutboxEntry; written?: (id: number) => Promise<unknown> }[] = [];
  private closed = false;

  add(...entries: readonly OutboxEntry[]): void {
    this.open();
    for (const entry of entries) this.queued.push({ entry });
  }

  /**
   * A message whose row a ledger follows (a notice's copy in one group, its recall): `written` gets
   * the row's id when the row is written, in the same transaction.
   */
  addFollowed(entry: OutboxEntry, written: (id: number) => Promise<unknown>): void {
    this.open();
    this.queued.push({ entry, written });
  }

  /** Writes every message added, in the order they were added; once, by the owner of the transaction. */
  async write(tx: Tx, createdAt: Date): Promise<void> {
    this.open();
    this.closed = true;
    for (const { entry, written } of this.queued) {
      const id = await insert(tx, entry, createdAt);
      if (written) await written(id);
    }
  }

  private open(): void {
    if (this.closed) throw new Error('the outbox of this transaction is written already: a message added now would be lost');
  }
}

/** Writes outgoing messages now, inside the caller's transaction: for a caller that owns its transaction and sends nothing else. */
export async function enqueue(tx: Tx, entries: readonly OutboxEntry[], createdAt: Date): Promise<void> {
  for (const entry of entries) await insert(tx, entry, createdAt);
}

async function insert(tx: Tx, entry: OutboxEntry, createdAt: Date): Promise<number> {
  // Raw: every reply of every command passes here, and a compiled insert costs about four times as much.
  const [row] = await sql(tx).query<{ id: number }>`
    INSERT INTO "OutboxMessage" ("platform", "platformChatId", "payload", "subject", "nextAttemptAt", "createdAt", "priority")
    VALUES (${entry.platform}, ${entry.message.chatId}, ${payloadOf(entry.message)}, ${entry.subject ?? null}, ${new Date()}, ${createdAt}, ${priorityOf(entry)})
    RETURNING "id"`;
  return row!.id;
}

/**
 * A row not yet sent and not claimed by a sender right now: only such a row may still be taken back
 * or rewritten (a claimed one may be on its way to the platform).
 */
function unclaimed(id: number) {
  return { id, status: 'pending', OR: [{ lockedUntil: null }, { lockedUntil: { lte: new Date() } }] };
}

/** Takes an unsent message off the queue (a notice recalled before it reached a group); false when it is sent or being sent. */
export async function cancelPending(tx: Tx, id: number): Promise<boolean> {
  return (await tx.outboxMessage.updateMany({ where: unclaimed(id), data: { status: 'cancelled' } })).count === 1;
}

/** The unsent message about `subject`, and whether a sender holds it right now. */
export async function pendingAbout(tx: Tx, subject: string): Promise<{ id: number; sending: boolean } | null> {
  const row = await tx.outboxMessage.findFirst({ where: { subject, status: 'pending' }, select: { id: true, lockedUntil: true } });
  return row ? { id: row.id, sending: row.lockedUntil !== null && row.lockedUntil.getTime() > Date.now() } : null;
}

/** Sends an unsent message as another text and subject (a progress message not yet out going out as the result); false when it is sent or being sent. */
export async function rewritePending(tx: Tx, id: number, message: OutgoingMessage, subject: string): Promise<boolean> {
  return (await tx.outboxMessage.updateMany({ where: unclaimed(id), data: { payload: payloadOf(message), subject } })).count === 1;
}

/**
 * A chat has a new id (a Telegram group become a supergroup, a WeChat group after a re-login): its
 * unsent messages go there. Sent ones follow only with `sent`: where the new chat numbers its
 * messages afresh, an old message id could be mistaken for a new one in a quoted reply.
 */
export async function retargetChat(tx: Tx, platform: Platform, from: string, to: string, { sent }: { sent: boolean }): Promise<void> {
  const pending = await tx.outboxMessage.findMany({ where: { platform, platformChatId: from, status: 'pending' } });
  for (const row of pending) {
    const message = JSON.parse(row.payload) as OutgoingMessage;
    await tx.outboxMessage.update({ where: { id: row.id }, data: { platformChatId: to, payload: payloadOf({ ...message, chatId: to }) } });
  }
  if (sent) await tx.outboxMessage.updateMany({ where: { platform, platformChatId: from }, data: { platformChatId: to } });
}

/** A person has a new id on the platform (a WeChat re-login): the unsent messages that @mention them mention the new one. */
export async function retargetMentions(tx: Tx, platform: Platform, from: string, to: string): Promise<void> {
  const rows = await tx.outboxMessage.findMany({ where: { platform, status: 'pending', payload: { contains: JSON.stringify(from) } } });
  for (const row of rows) {
    const message = JSON.parse(row.payload) as OutgoingMessage;
    if (message.mention?.userId !== from) continue;
    await tx.outboxMessage.update({ where: { id: row.id }, data: { payload: payloadOf({ ...message, mention: { ...message.mention, userId: to } }) } });
  }
}
