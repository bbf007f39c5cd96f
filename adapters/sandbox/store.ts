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
  constructor(private readonly db: Db) {}

  async find(id: string): Promise<SandboxMessage | null> {
    const row = await this.db.sandboxMessage.findUnique({ where: { id } });
    return row ? toMessage(row) : null;
  }

  async add(message: Omit<SandboxMessage, 'id' | 'at'> & { id?: string; at: Date }): Promise<SandboxMessage> {
    const row = await this.db.$transaction(async (tx) => {
      if (message.userId !== BOT_USER_ID) {
        await tx.sandboxUser.upsert({ where: { id: message.userId }, create: { id: message.userId, name: message.userId }, update: {} });
      }
      await tx.sandboxChat.upsert({
        where: { id: message.chatId },
        create: { id: message.chatId, title: message.chatId, kind: isPrivateChat(message.chatId) ? 'private' : 'group' },
        update: {},
      });
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
    const user = await this.db.sandboxUser.findUnique({ where: { id: userId } });
    return user?.name ?? userId;
  }

  async chatTitle(chatId: string): Promise<string | undefined> {
    const chat = await this.db.sandboxChat.findUnique({ where: { id: chatId } });
    return chat?.title;
  }

  users() {
    return this.db.sandboxUser.findMany({ orderBy: { id: 'asc' } });
  }

  groups() {
    return this.db.sandboxChat.findMany({ where: { kind: 'group' }, orderBy: { id: 'asc' } });
  }
}
