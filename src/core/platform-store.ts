import type { Db } from '../db/client.ts';
import { reportToAdmin, type AdminChat } from '../messaging/admin-report.ts';
import type { LiveContact, LiveRoom, PlatformStore, RebindResult } from '../messaging/platform-store.ts';
import type { Button, ChatKind, OutgoingMessage, Platform } from '../messaging/types.ts';
import type { Clock } from '../time/clock.ts';
import { migrateChat } from './chat-migration.ts';
import { rebindPlatformIds } from './rebind.ts';

export interface PlatformStoreOptions {
  admin: AdminChat | null;
  clock: Clock;
}

/** The adapters' port over the bot's database, for one platform. */
export class PrismaPlatformStore implements PlatformStore {
  constructor(
    private readonly db: Db,
    private readonly platform: Platform,
    private readonly options: PlatformStoreOptions,
  ) {}

  async chatKind(chatId: string): Promise<ChatKind | null> {
    const chat = await this.db.chat.findUnique({ where: { platform_platformChatId: { platform: this.platform, platformChatId: chatId } }, select: { kind: true } });
    if (!chat) return null;
    return chat.kind === 'private' ? 'private' : 'group';
  }

  async hasEvent(eventId: string): Promise<boolean> {
    const row = await this.db.inboxEvent.findUnique({ where: { platform_eventId: { platform: this.platform, eventId } }, select: { id: true } });
    return row !== null;
  }

  async sentMessage(chatId: string, platformMessageId: string): Promise<OutgoingMessage | null> {
    const row = await this.db.outboxMessage.findFirst({
      where: { platform: this.platform, platformChatId: chatId, platformMessageId },
      orderBy: { id: 'desc' },
      select: { payload: true },
    });
    return row ? (JSON.parse(row.payload) as OutgoingMessage) : null;
  }

  /** The menu is the sent outbox row itself, so it survives a restart without a table of its own. */
  async lastOpenMenu(chatId: string, since: Date): Promise<readonly Button[] | null> {
    const row = await this.db.outboxMessage.findFirst({
      where: { platform: this.platform, platformChatId: chatId, status: 'sent', sentAt: { gte: since }, payload: { contains: '"buttons":[{' } },
      orderBy: { sentAt: 'desc' },
      select: { payload: true, platformMessageId: true },
    });
    if (!row) return null;
    if (row.platformMessageId) {
      const replaced = await this.db.outboxMessage.count({
        where: { platform: this.platform, platformChatId: chatId, payload: { contains: `"replaceMessageId":${JSON.stringify(row.platformMessageId)}` } },
      });
      if (replaced > 0) return null;
    }
    return (JSON.parse(row.payload) as OutgoingMessage).buttons ?? null;
  }

  moveChat(fromChatId: string, toChatId: string): Promise<void> {
    return migrateChat(this.db, this.platform, fromChatId, toChatId);
  }

  rebind(rooms: readonly LiveRoom[], contacts: readonly LiveContact[]): Promise<RebindResult> {
    return rebindPlatformIds(this.db, this.platform, rooms, contacts);
  }

  reportToAdmin(text: string): Promise<void> {
    return reportToAdmin(this.db, this.options.admin, text, this.options.clock.now());
  }
}
