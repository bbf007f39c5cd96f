import crypto from 'node:crypto';
import type { Db } from '../../src/db/client.ts';
import type { Button } from '../../src/messaging/types.ts';

/** The sandbox platform's own history: what a phone would show, kept in the bot's database. */
export interface SandboxMessage {
  id: string;
  chatId: string;
  userId: string;
  text: string;
  replyTo?: string;
  buttons?: Button[];
  at: string;
}

export const BOT_USER_ID = 'bot';

export function isPrivateChat(chatId: string): boolean {
  return chatId.startsWith('dm:');
}

function toMessage(row: { id: string; chatId: string; userId: string; text: string; replyTo: string | null; buttons: string | null; at: Date }): SandboxMessage {
  return {
    id: row.id,
    chatId: row.chatId,
    userId: row.userId,
    text: row.text,
    ...(row.replyTo ? { replyTo: row.replyTo } : {}),
    ...(row.buttons ? { buttons: JSON.parse(row.buttons) as Button[] } : {}),
    at: row.at.toISOString(),
  };
}

export class SandboxStore {
  /** Users and chats this process has already stored; the store is their only writer. */
  private readonly knownUsers = new Map<string, string>();
  private readonly knownChats = new Map<string, string>();

  constructor(private readonly db: Db) {}

  async find(id: string): Promise<SandboxMessage | null> {
    const row = await this.db.sandboxMessage.findUnique({ where: { id } });
    return row ? toMessage(row) : null;
  }

  async add(message: Omit<SandboxMessage, 'id' | 'at'> & { id?: string; at: Date }): Promise<SandboxMessage> {
    const newUser = message.userId !== BOT_USER_ID && !this.knownUsers.has(message.userId);
    const newChat = !this.knownChats.has(message.chatId);
    const row = await this.db.$transaction(async (tx) => {
      if (newUser) {
        const user = await tx.sandboxUser.upsert({ where: { id: message.userId }, create: { id: message.userId, name: message.userId }, update: {} });
        this.knownUsers.set(user.id, user.name);
      }
      if (newChat) {
        const chat = await tx.sandboxChat.upsert({
          where: { id: message.chatId },
          create: { id: message.chatId, title: message.chatId, kind: isPrivateChat(message.chatId) ? 'private' : 'group' },
          update: {},
        });
        this.knownChats.set(chat.id, chat.title);
      }
      return tx.sandboxMessage.create({
        data: {
          id: message.id ?? `m-${crypto.randomUUID()}`,
          chatId: message.chatId,
          userId: message.userId,
          text: message.text,
          replyTo: message.replyTo ?? null,
          buttons: message.buttons ? JSON.stringify(message.buttons) : null,
          at: message.at,
        },
      });
    });
    return toMessage(row);
  }

  /** Edits an earlier message in place (text and buttons); false when there is no such message. */
  async replace(id: string, text: string, buttons: Button[]): Promise<boolean> {
    const result = await this.db.$transaction((tx) =>
      tx.sandboxMessage.updateMany({ where: { id }, data: { text, buttons: buttons.length > 0 ? JSON.stringify(buttons) : null } }),
    );
    return result.count > 0;
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

  groups() {
    return this.db.sandboxChat.findMany({ where: { kind: 'group' }, orderBy: { id: 'asc' } });
  }
}
