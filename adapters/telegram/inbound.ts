import type { InboundMessage } from '../../src/messaging/types.ts';

/** The parts of a Bot API update the adapter reads; everything is optional because updates come from outside. */
interface TgUser {
  id: number;
  is_bot?: boolean;
  first_name?: string;
  last_name?: string;
  username?: string;
}

interface TgEntity {
  type: string;
  offset: number;
  length: number;
  user?: TgUser;
}

interface TgMessage {
  message_id: number;
  date: number;
  chat: { id: number; type: string; title?: string };
  from?: TgUser;
  text?: string;
  caption?: string;
  entities?: TgEntity[];
  caption_entities?: TgEntity[];
  reply_to_message?: { message_id: number; from?: TgUser };
  location?: { latitude: number; longitude: number };
  migrate_to_chat_id?: number;
  migrate_from_chat_id?: number;
}

export interface TgUpdate {
  update_id: number;
  message?: TgMessage;
  callback_query?: { id: string; from: TgUser; message?: TgMessage; data?: string };
}

export interface BotIdentity {
  id: number;
  username: string;
}

export type TelegramEvent =
  | { kind: 'message'; message: InboundMessage }
  /** A button press: `data` is the raw callback_data, resolved to the button's value by the adapter. */
  | { kind: 'button'; message: InboundMessage; data: string }
  | { kind: 'migration'; fromChatId: string; toChatId: string }
  | { kind: 'ignore' };

function displayName(user: TgUser): string {
  return [user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id);
}

function chatFields(message: TgMessage): Pick<InboundMessage, 'chatId' | 'chatKind' | 'chatTitle'> {
  const group = message.chat.type === 'group' || message.chat.type === 'supergroup';
  return { chatId: String(message.chat.id), chatKind: group ? 'group' : 'private', ...(group && message.chat.title ? { chatTitle: message.chat.title } : {}) };
}

/** Removes the bot's own @mentions from the text (by entity, so "@" in ordinary text is left alone). */
function withoutBotMentions(text: string, entities: TgEntity[], bot: BotIdentity): { text: string; mentioned: boolean } {
  const ours = entities
    .filter((e) =>
      e.type === 'mention'
        ? text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${bot.username.toLowerCase()}`
        : e.type === 'text_mention' && e.user?.id === bot.id,
    )
    .sort((a, b) => b.offset - a.offset);
  let result = text;
  for (const e of ours) result = `${result.slice(0, e.offset)} ${result.slice(e.offset + e.length)}`;
  return { text: result.replace(/\s+/g, ' ').trim(), mentioned: ours.length > 0 };
}

/** `/checkin@otherbot` in a group is meant for another bot. */
function commandForAnotherBot(text: string, bot: BotIdentity): boolean {
  const addressee = /^\/[a-z0-9_]+@(\w+)/i.exec(text)?.[1];
  return addressee !== undefined && addressee.toLowerCase() !== bot.username.toLowerCase();
}

/** Translates one update into what the adapter does with it; pure. */
export function translateUpdate(update: TgUpdate, bot: BotIdentity, now: Date): TelegramEvent {
  const eventId = String(update.update_id);
  const query = update.callback_query;
  if (query) {
    const carrier = query.message;
    // Without data or a chat message (inline mode) there is nothing for the core; the press is still answered.
    if (!carrier || !query.data || query.from.is_bot) return { kind: 'ignore' };
    return {
      kind: 'button',
      data: query.data,
      message: {
        platform: 'telegram',
        eventId,
        messageId: String(carrier.message_id),
        ...chatFields(carrier),
        senderId: String(query.from.id),
        senderName: displayName(query.from),
        text: query.data,
        // The press refers to the bot message that carried the button, so its subject resolves.
        replyToMessageId: String(carrier.message_id),
        mentionsBot: true,
        isButton: true,
        sentAt: now,
      },
    };
  }

  const message = update.message;
  if (!message) return { kind: 'ignore' };
  if (message.migrate_to_chat_id !== undefined) return { kind: 'migration', fromChatId: String(message.chat.id), toChatId: String(message.migrate_to_chat_id) };
  if (message.migrate_from_chat_id !== undefined) return { kind: 'migration', fromChatId: String(message.migrate_from_chat_id), toChatId: String(message.chat.id) };
  if (!message.from || message.from.is_bot || message.chat.type === 'channel') return { kind: 'ignore' };

  const raw = message.text ?? message.caption ?? '';
  if (commandForAnotherBot(raw, bot)) return { kind: 'ignore' };
  const { text, mentioned } = withoutBotMentions(raw, message.entities ?? message.caption_entities ?? [], bot);
  if (text === '' && !message.location) return { kind: 'ignore' };
  const repliesToBot = message.reply_to_message?.from?.id === bot.id;
  return {
    kind: 'message',
    message: {
      platform: 'telegram',
      eventId,
      messageId: String(message.message_id),
      ...chatFields(message),
      senderId: String(message.from.id),
      senderName: displayName(message.from),
      text,
      ...(message.reply_to_message ? { replyToMessageId: String(message.reply_to_message.message_id) } : {}),
      // Replying to the bot addresses it as an @mention does (privacy mode delivers both).
      mentionsBot: mentioned || repliesToBot,
      ...(message.location ? { location: { latitude: message.location.latitude, longitude: message.location.longitude } } : {}),
      sentAt: new Date(message.date * 1000),
    },
  };
}
