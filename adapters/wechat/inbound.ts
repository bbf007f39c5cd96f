import { types, type Message, type Wechaty } from 'wechaty';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { parseQuote, replyOfFlatQuote } from './quote.ts';

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Removes "@name" for each name the bot goes by, with the separator WeChat puts after it. */
export function stripMentions(text: string, names: readonly string[]): string {
  let result = text;
  for (const name of names) result = result.replace(new RegExp(`@${escapeRegExp(name)}(?:[\\u2005\\u0020]|$)`, 'g'), ' ');
  return result.replace(/\s+/g, ' ').trim();
}

/** The core's view of a WeChat message, or null for what the bot does not read (images, voice, ...). */
export async function toInbound(bot: Wechaty, message: Message): Promise<InboundMessage | null> {
  const raw = message.text();
  const quote = parseQuote(raw);
  if (message.type() !== types.Message.Text && !quote) return null;
  const room = message.room();
  const talker = message.talker();
  const self = bot.currentUser;
  const selfNames = [self.name()];
  if (room) {
    const alias = await room.alias(self);
    if (alias && alias !== self.name()) selfNames.push(alias);
  }
  const body = quote?.text ?? replyOfFlatQuote(raw) ?? raw;
  const mentionsBot = room !== undefined && ((await message.mentionSelf()) || selfNames.some((name) => body.includes(`@${name}`)));
  const inbound: InboundMessage = {
    platform: 'wechat',
    eventId: message.id,
    messageId: message.id,
    chatId: room ? room.id : talker.id,
    chatKind: room ? 'group' : 'private',
    senderId: talker.id,
    // The remark is set by the office and outlives the person's own nickname changes.
    senderName: (await talker.alias()) || talker.name(),
    text: room ? stripMentions(body, selfNames) : body.trim(),
    mentionsBot,
    sentAt: message.date(),
  };
  if (room) inbound.chatTitle = await room.topic();
  if (quote) inbound.replyToMessageId = quote.quotedMessageId;
  return inbound;
}
