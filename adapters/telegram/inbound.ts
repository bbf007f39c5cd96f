import { repairName, repairText, withoutSpans } from '../../src/messaging/inbound-text.ts';
import type { Attachment, InboundMessage, SharedLocation } from '../../src/messaging/types.ts';

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

interface TgFile {
  file_id: string;
  file_size?: number;
  file_name?: string;
  mime_type?: string;
}

interface TgPhotoSize extends TgFile {
  width: number;
  height: number;
}

interface TgLocation {
  latitude: number;
  longitude: number;
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
  photo?: TgPhotoSize[];
  document?: TgFile;
  audio?: TgFile & { title?: string };
  voice?: TgFile;
  video?: TgFile;
  video_note?: TgFile;
  animation?: TgFile;
  location?: TgLocation;
  venue?: { location: TgLocation; title?: string; address?: string };
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
  return repairName([user.first_name, user.last_name].filter(Boolean).join(' ') || user.username || String(user.id));
}

function chatFields(message: TgMessage): Pick<InboundMessage, 'chatId' | 'chatKind' | 'chatTitle'> {
  const group = message.chat.type === 'group' || message.chat.type === 'supergroup';
  return { chatId: String(message.chat.id), chatKind: group ? 'group' : 'private', ...(group && message.chat.title ? { chatTitle: repairName(message.chat.title) } : {}) };
}

function attachment(kind: Attachment['kind'], file: TgFile, fallbackMime?: string): Attachment {
  const mime = file.mime_type ?? fallbackMime;
  return {
    kind,
    ref: file.file_id,
    ...(file.file_name ? { name: repairName(file.file_name) } : {}),
    ...(mime ? { mime } : {}),
    ...(file.file_size !== undefined ? { size: file.file_size } : {}),
  };
}

/** A message's files by their file_id (getFile downloads them): of a photo only its largest size. */
function attachmentsOf(message: TgMessage): Attachment[] {
  const files: Attachment[] = [];
  const largest = message.photo?.reduce((best, size) => (size.width * size.height > best.width * best.height ? size : best));
  if (largest) files.push(attachment('image', largest));
  if (message.document) files.push(attachment(message.document.mime_type?.startsWith('image/') ? 'image' : 'file', message.document));
  if (message.audio) files.push(attachment('audio', message.audio));
  // A voice note is always Ogg Opus.
  if (message.voice) files.push(attachment('audio', message.voice, 'audio/ogg'));
  for (const video of [message.video, message.video_note, message.animation]) if (video) files.push(attachment('video', video));
  return files;
}

/** A shared point, or a venue (a named place with its address). */
function locationOf(message: TgMessage): SharedLocation | undefined {
  const point = message.venue?.location ?? message.location;
  if (!point) return undefined;
  const name = message.venue?.title ? repairName(message.venue.title) : '';
  const address = message.venue?.address ? repairName(message.venue.address) : '';
  return { latitude: point.latitude, longitude: point.longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) };
}

/** Removes the bot's own @mentions from the text (by entity, so "@" in ordinary text is left alone). */
function withoutBotMentions(text: string, entities: TgEntity[], bot: BotIdentity): { text: string; mentioned: boolean } {
  const ours = entities.filter((e) =>
    e.type === 'mention'
      ? text.slice(e.offset, e.offset + e.length).toLowerCase() === `@${bot.username.toLowerCase()}`
      : e.type === 'text_mention' && e.user?.id === bot.id,
  );
  const spans = ours.map((e) => ({ start: e.offset, end: e.offset + e.length }));
  return { text: repairText(withoutSpans(text, spans)), mentioned: ours.length > 0 };
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
        text: repairText(query.data),
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
  const attachments = attachmentsOf(message);
  const location = locationOf(message);
  // Stickers, polls, contacts, service messages: nothing the core reads.
  if (text === '' && attachments.length === 0 && !location) return { kind: 'ignore' };
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
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(location ? { location } : {}),
      sentAt: new Date(message.date * 1000),
    },
  };
}
