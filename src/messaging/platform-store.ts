import type { Button, ChatKind, OutgoingMessage } from './types.ts';

/** A group as the platform shows it after a login: a fresh id and its stable topic. */
export interface LiveRoom {
  id: string;
  topic: string;
}

/** A person as the platform shows it after a login: a fresh id and the names they go by (remark first). */
export interface LiveContact {
  id: string;
  names: string[];
}

export interface Remapped {
  from: string;
  to: string;
  name: string;
}

export interface Ambiguity {
  kind: 'group' | 'person';
  name: string;
  candidates: number;
}

export interface RebindResult {
  chats: Remapped[];
  bindings: Remapped[];
  ambiguous: Ambiguity[];
}

/**
 * What an adapter may ask of the bot's own records: the port the core provides, one per platform
 * (every id here is that platform's). Adapters speak the normalized message and this, and know
 * nothing of the schema.
 */
export interface PlatformStore {
  /** How the bot has seen this chat, or null for a chat it has never seen. */
  chatKind(chatId: string): Promise<ChatKind | null>;
  /** True once an inbound event with this id is stored (its handling is then safe from loss). */
  hasEvent(eventId: string): Promise<boolean>;
  /** The message the bot sent as this platform message id in the chat (the latest, if sent twice). */
  sentMessage(chatId: string, platformMessageId: string): Promise<OutgoingMessage | null>;
  /**
   * The buttons of the last message with buttons the bot sent in the chat since `since`; null when
   * there is none or a later message replaced it (its outcome shown, e.g. a decided leave note).
   */
  lastOpenMenu(chatId: string, since: Date): Promise<readonly Button[] | null>;
  /** The platform moved the chat to a new id (Telegram: group to supergroup); idempotent. */
  moveChat(fromChatId: string, toChatId: string): Promise<void>;
  /** Re-attaches chats and bindings to the ids handed out after a login (WeChat), by topic and name. */
  rebind(rooms: readonly LiveRoom[], contacts: readonly LiveContact[]): Promise<RebindResult>;
  /** Queues a report to the admin chat (ADMIN_CHAT) through the outbox; nothing when none is set. */
  reportToAdmin(text: string): Promise<void>;
}
