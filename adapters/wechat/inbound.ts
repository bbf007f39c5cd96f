import { types, type Message, type Wechaty } from 'wechaty';
import { repairName, repairText, withoutSpans, type Span } from '../../src/messaging/inbound-text.ts';
import type { Attachment, InboundMessage, SharedLocation } from '../../src/messaging/types.ts';
import { parseQuote, replyOfFlatQuote } from './quote.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * Removes "@name" for each name the bot goes by (WeChat puts a separator or a line end after it),
 * keeping the text's lines.
 */
export function stripMentions(text: string, names: readonly string[]): string {
  const spans: Span[] = [];
  for (const name of names) {
    for (const match of text.matchAll(new RegExp(`@${escapeRegExp(name)}(?=[\\u2005 \\r\\n]|$)`, 'g'))) spans.push({ start: match.index, end: match.index + match[0].length });
  }
  return repairText(withoutSpans(text, spans));
}

const FILE_KINDS = new Map<types.Message, Attachment['kind']>([
  [types.Message.Image, 'image'],
  [types.Message.Attachment, 'file'],
  [types.Message.Audio, 'audio'],
  [types.Message.Video, 'video'],
]);

/**
 * A picture, file, voice or video by its message id (the puppet fetches the file by it, on demand:
 * downloading every picture on arrival would be wasteful), or a shared location. Null for other types.
 */
async function mediaOf(bot: Wechaty, message: Message): Promise<{ attachment?: Attachment; location?: SharedLocation } | null> {
  const type = message.type();
  const kind = FILE_KINDS.get(type);
  if (kind) {
    const name = message.payload?.filename;
    return { attachment: { kind, ref: message.id, ...(name ? { name: repairName(name) } : {}) } };
  }
  if (type !== types.Message.Location) return null;
  try {
    // From the puppet itself: wechaty 1.20's message.toLocation() builds its Location outside the
    // Wechaty instance and always throws ("can not be instantiated directly").
    const place = await bot.puppet.messageLocation(message.id);
    const name = repairName(place.name ?? '');
    const address = repairName(place.address ?? '');
    return { location: { latitude: place.latitude, longitude: place.longitude, ...(name ? { name } : {}), ...(address ? { address } : {}) } };
  } catch {
    // A puppet that cannot read locations: nothing for the core.
    return null;
  }
}

/** The core's view of a WeChat message, or null for what the bot does not read (stickers, links, ...). */
export async function toInbound(bot: Wechaty, message: Message): Promise<InboundMessage | null> {
  const raw = message.text();
  const quote = parseQuote(raw);
  const text = message.type() === types.Message.Text || quote;
  const media = text ? null : await mediaOf(bot, message);
  if (!text && !media) return null;
  const room = message.room();
  const talker = message.talker();
  const self = bot.currentUser;
  const selfNames = [self.name()];
  if (room) {
    const alias = await room.alias(self);
    if (alias && alias !== self.name()) selfNames.push(alias);
  }
  const body = media ? '' : (quote?.text ?? replyOfFlatQuote(raw) ?? raw);
  const mentionsBot = room !== undefined && ((await message.mentionSelf()) || selfNames.some((name) => body.includes(`@${name}`)));
  const inbound: InboundMessage = {
    platform: 'wechat',
    eventId: message.id,
    messageId: message.id,
    chatId: room ? room.id : talker.id,
    chatKind: room ? 'group' : 'private',
    senderId: talker.id,
    // The remark is set by the office and outlives the person's own nickname changes.
    senderName: repairName((await talker.alias()) || talker.name()),
    text: room ? stripMentions(body, selfNames) : repairText(body),
    mentionsBot,
    sentAt: message.date(),
  };
  if (room) inbound.chatTitle = repairName(await room.topic());
  if (quote) inbound.replyToMessageId = quote.quotedMessageId;
  if (media?.attachment) inbound.attachments = [media.attachment];
  if (media?.location) inbound.location = media.location;
  return inbound;
}
