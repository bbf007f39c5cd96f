import crypto from 'node:crypto';
import { Prisma, type Db } from '../db/client.ts';
import type { Attachment, Button, SharedLocation } from '../messaging/types.ts';
import { sql } from '../db/sql.ts';
import { saveSandboxClock } from './clock.ts';

/**
 * The sandbox platform's own side: its people, chats and message history, kept in the bot's
 * database as a phone would show them. The sandbox adapter (adapters/sandbox) translates between
 * this and the normalized message, as the other adapters do with their platform's SDK.
 */

/** A file as the sandbox keeps it: at a URL the sender gave, or its bytes (base64) served back by the sandbox. */
export interface StoredFile {
  kind: Attachment['kind'];
  name?: string;
  mime?: string;
  size?: number;
  url?: string;
  base64?: string;
}

/** A file as the API shows it: where to get it. */
export interface FileView {
  kind: Attachment['kind'];
  url: string;
  name?: string;
  mime?: string;
  size?: number;
}

export interface SandboxMessage {
  id: string;
  chatId: string;
  userId: string;
  text: string;
  replyTo?: string;
  buttons?: Button[];
  attachments?: FileView[];
  location?: SharedLocation;
  /** The bot took the message back: text, buttons and files are no longer shown. */
  recalled?: true;
  at: string;
}

export const BOT_USER_ID = 'bot';

export function isPrivateChat(chatId: string): boolean {
  return chatId.startsWith('dm:');
}

/** Where the sandbox serves a file it keeps. */
export function fileUrl(messageId: string, index: number): string {
  return `/sandbox/api/files/${encodeURIComponent(messageId)}/${index}`;
}

interface Row {
  id: string;
  chatId: string;
  userId: string;
  text: string;
  replyTo: string | null;
  buttons: string | null;
  attachments: string | null;
  location: string | null;
  recalledAt: Date | null;
  at: Date;
}

function toMessage(row: Row): SandboxMessage {
  const base = { id: row.id, chatId: row.chatId, userId: row.userId, at: row.at.toISOString() };
  if (row.recalledAt) return { ...base, text: '', recalled: true };
  const files = row.attachments ? (JSON.parse(row.attachments) as StoredFile[]) : [];
  return {
    ...base,
    text: row.text,
    ...(row.replyTo ? { replyTo: row.replyTo } : {}),
    ...(row.buttons ? { buttons: JSON.parse(row.buttons) as Button[] } : {}),
    ...(files.length > 0 ? { attachments: files.map(({ base64: _bytes, url, ...file }, index) => ({ ...file, url: url ?? fileUrl(row.id, index) })) } : {}),
    ...(row.location ? { location: JSON.parse(row.location) as SharedLocation } : {}),
  };
}

export interface NewMessage {
  id?: string;
  chatId: string;
  userId: string;
  text: string;
  replyTo?: string;
  buttons?: Button[];
  attachments?: StoredFile[];
  location?: SharedLocation;
  at: Date;
}

/** A message id given twice for different messages: the sandbox API answers 400 and names it. */
export class SandboxIdTaken extends Error {
  constructor(readonly id: string) {
    super(`id ${id} is already another message`);
  }
}

interface Waiting {
  row: Row;
  resolve(message: SandboxMessage): void;
  reject(error: unknown): void;
}

/** Rows one multi-row statement writes at most (nine parameters each, well inside both databases' limits). */
const MAX_BATCH = 200;

export class SandboxStore {
  /** Users and chats this process has already stored; the store is their only writer. */
  private readonly knownUsers = new Map<string, string>();
  private readonly knownChats = new Map<string, string>();
  /** Messages added and not yet written; `writing` while a write runs. */
  private queue: Waiting[] = [];
  private writing = false;

  constructor(private readonly db: Db) {}

  async find(id: string): Promise<SandboxMessage | null> {
    const row = await this.db.sandboxMessage.findUnique({ where: { id } });
    return row ? toMessage(row) : null;
  }

  /**
   * Stores a message. With an id that is already stored (a redelivery, a reply sent again after a
   * crash) it returns the stored message instead: the same id is the same message.
   *
   * Messages added while a write runs are written together by the next one (a group commit): under
   * load the sandbox, the platform's side of the bench, costs a statement per batch, not per message.
   */
  add(message: NewMessage): Promise<SandboxMessage> {
    const row: Row = {
      id: message.id ?? `m-${crypto.randomUUID()}`,
      chatId: message.chatId,
      userId: message.userId,
      text: message.text,
      replyTo: message.replyTo ?? null,
      buttons: message.buttons ? JSON.stringify(message.buttons) : null,
      attachments: message.attachments?.length ? JSON.stringify(message.attachments) : null,
      location: message.location ? JSON.stringify(message.location) : null,
      recalledAt: null,
      at: message.at,
    };
    return new Promise((resolve, reject) => {
      this.queue.push({ row, resolve, reject });
      if (this.writing) return;
      this.writing = true;
      // After the I/O callbacks of this turn, so requests that came in together are written together.
      setImmediate(() => void this.drain());
    });
  }

  private async drain(): Promise<void> {
    while (this.queue.length > 0) {
      const batch = this.queue.splice(0, MAX_BATCH);
      try {
        await this.write(batch);
      } catch (error) {
        for (const waiting of batch) waiting.reject(error);
      }
    }
    this.writing = false;
  }

  private async write(batch: Waiting[]): Promise<void> {
    const users = [...new Set(batch.map((w) => w.row.userId))].filter((id) => id !== BOT_USER_ID && !this.knownUsers.has(id));
    if (users.length > 0) {
      // Created on first sight, the stored name kept otherwise.
      const rows = await sql(this.db).query<{ id: string; name: string }>`
        INSERT INTO "SandboxUser" ("id", "name") VALUES ${Prisma.join(users.map((id) => Prisma.sql`(${id}, ${id})`))}
        ON CONFLICT ("id") DO UPDATE SET "name" = "SandboxUser"."name" RETURNING "id", "name"`;
      for (const user of rows) this.knownUsers.set(user.id, user.name);
    }
    const chats = [...new Set(batch.map((w) => w.row.chatId))].filter((id) => !this.knownChats.has(id));
    if (chats.length > 0) {
      const rows = await sql(this.db).query<{ id: string; title: string }>`
        INSERT INTO "SandboxChat" ("id", "title", "kind") VALUES ${Prisma.join(chats.map((id) => Prisma.sql`(${id}, ${id}, ${isPrivateChat(id) ? 'private' : 'group'})`))}
        ON CONFLICT ("id") DO UPDATE SET "title" = "SandboxChat"."title" RETURNING "id", "title"`;
      for (const chat of rows) this.knownChats.set(chat.id, chat.title);
    }
    const values = batch.map(({ row: r }) => Prisma.sql`(${r.id}, ${r.chatId}, ${r.userId}, ${r.text}, ${r.replyTo}, ${r.buttons}, ${r.attachments}, ${r.location}, ${r.at})`);
    // Raw, like the bot's own message path: every message in and out of the sandbox is one of these.
    const inserted = new Set(
      (
        await sql(this.db).query<{ id: string }>`
          INSERT INTO "SandboxMessage" ("id", "chatId", "userId", "text", "replyTo", "buttons", "attachments", "location", "at")
          VALUES ${Prisma.join(values)} ON CONFLICT ("id") DO NOTHING RETURNING "id"`
      ).map((r) => r.id),
    );
    const again: Waiting[] = [];
    for (const waiting of batch) {
      // The first of an id in the batch is the one written; a later one is a redelivery of it.
      if (inserted.delete(waiting.row.id)) waiting.resolve(toMessage(waiting.row));
      else again.push(waiting);
    }
    if (again.length === 0) return;
    const stored = new Map((await this.db.sandboxMessage.findMany({ where: { id: { in: again.map((w) => w.row.id) } } })).map((row) => [row.id, row]));
    for (const { row, resolve, reject } of again) {
      const existing = stored.get(row.id);
      if (existing && existing.userId === row.userId && existing.chatId === row.chatId) resolve(toMessage(existing));
      else reject(new SandboxIdTaken(row.id));
    }
  }

  /** Edits an earlier message in place (text and buttons); false when there is no such message. */
  async replace(id: string, text: string, buttons: Button[]): Promise<boolean> {
    const result = await this.db.$transaction((tx) =>
      tx.sandboxMessage.updateMany({ where: { id }, data: { text, buttons: buttons.length > 0 ? JSON.stringify(buttons) : null } }),
    );
    return result.count > 0;
  }

  /**
   * Takes back a message the bot sent in the chat. 'recalled' also when it was recalled before or
   * never existed; 'not-ours' when the id is someone else's message or in another chat.
   */
  async recall(chatId: string, id: string, at: Date): Promise<'recalled' | 'not-ours'> {
    const result = await this.db.$transaction(async (tx) => {
      const row = await tx.sandboxMessage.findUnique({ where: { id }, select: { chatId: true, userId: true, recalledAt: true } });
      if (!row) return 'recalled' as const;
      if (row.chatId !== chatId || row.userId !== BOT_USER_ID) return 'not-ours' as const;
      if (!row.recalledAt) await tx.sandboxMessage.update({ where: { id }, data: { recalledAt: at } });
      return 'recalled' as const;
    });
    return result;
  }

  /** The bytes of a file the sandbox keeps (not one kept at a sender's URL), or null. */
  async file(messageId: string, index: number): Promise<{ bytes: Buffer; mime?: string; name?: string } | null> {
    const row = await this.db.sandboxMessage.findUnique({ where: { id: messageId }, select: { attachments: true, recalledAt: true } });
    if (!row?.attachments || row.recalledAt) return null;
    const file = (JSON.parse(row.attachments) as StoredFile[])[index];
    if (!file?.base64) return null;
    return { bytes: Buffer.from(file.base64, 'base64'), ...(file.mime ? { mime: file.mime } : {}), ...(file.name ? { name: file.name } : {}) };
  }

  /** Messages of a chat, oldest first; `after` is the id of the last message the caller has. */
  async list(chatId: string, after?: string): Promise<SandboxMessage[]> {
    let afterSeq = 0;
    if (after) {
      const anchor = await this.db.sandboxMessage.findUnique({ where: { id: after } });
      afterSeq = anchor?.seq ?? 0;
    }
    const rows = await this.db.sandboxMessage.findMany({ where: { chatId, seq: { gt: afterSeq } }, orderBy: { seq: 'asc' }, take: 500 });
    return rows.map(toMessage);
  }

  async userName(userId: string): Promise<string> {
    if (!this.knownUsers.has(userId)) {
      const user = await this.db.sandboxUser.findUnique({ where: { id: userId } });
      if (!user) return userId;
      this.knownUsers.set(userId, user.name);
    }
    return this.knownUsers.get(userId)!;
  }

  async chatTitle(chatId: string): Promise<string | undefined> {
    if (!this.knownChats.has(chatId)) {
      const chat = await this.db.sandboxChat.findUnique({ where: { id: chatId } });
      if (!chat) return undefined;
      this.knownChats.set(chatId, chat.title);
    }
    return this.knownChats.get(chatId);
  }

  users() {
    return this.db.sandboxUser.findMany({ orderBy: { id: 'asc' } });
  }

  /** Keeps the clock as just set, for a restart and for the CLI (src/sandbox/clock.ts). */
  saveClock(at: Date, frozen: boolean): Promise<void> {
    return saveSandboxClock(this.db, at, frozen);
  }

  groups() {
    return this.db.sandboxChat.findMany({ where: { kind: 'group' }, orderBy: { id: 'asc' } });
  }
}
