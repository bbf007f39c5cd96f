import type { EventHandles } from '@larksuiteoapi/node-sdk';
import type { ChatKind, InboundMessage } from '../../src/messaging/types.ts';

/** `im.message.receive_v1` as the SDK's EventDispatcher hands it over (header and event merged). */
export type LarkMessageEvent = Parameters<NonNullable<EventHandles['im.message.receive_v1']>>[0];

export type LarkMention = NonNullable<LarkMessageEvent['message']['mentions']>[number];

/** `card.action.trigger` as the EventDispatcher hands it over; the SDK leaves it untyped. */
export interface LarkCardActionEvent {
  event_id?: string;
  create_time?: string;
  operator?: { open_id?: string; name?: string };
  action?: { value?: unknown };
  context?: { open_message_id?: string; open_chat_id?: string };
}

/** What a card button carries: the command text it stands for. */
export interface ButtonValue {
  command: string;
}

interface PostElement {
  tag?: string;
  text?: string;
  user_id?: string;
}

/** The readable text of a text or rich-text (post) message; other message types carry no command. */
function plainText(messageType: string, content: string): string | null {
  let parsed: unknown;
  try {
    parsed = JSON.parse(content);
  } catch {
    return null;
  }
  if (messageType === 'text') return typeof (parsed as { text?: unknown }).text === 'string' ? (parsed as { text: string }).text : null;
  if (messageType !== 'post') return null;
  // A post is either { title, content } or keyed by locale ({ zh_cn: { title, content } }).
  const body = (parsed as { content?: unknown }).content ? parsed : Object.values(parsed as object)[0];
  const lines = (body as { content?: PostElement[][] })?.content;
  if (!Array.isArray(lines)) return null;
  return lines
    .map((line) => (Array.isArray(line) ? line.map((el) => (el.tag === 'at' ? (el.user_id ?? '') : (el.text ?? ''))).join('') : ''))
    .join('\n');
}

/**
 * A received message as the normalized message. The bot's own mention is removed (mentionsBot),
 * other people's mention keys become "@name" so a command such as `签到 @张三` reads naturally.
 */
export function inboundFromMessage(event: LarkMessageEvent, isBot: (mention: LarkMention) => boolean): InboundMessage | null {
  const { message, sender } = event;
  const senderId = sender.sender_id?.open_id;
  if (sender.sender_type !== 'user' || !senderId || !event.event_id) return null;
  let text = plainText(message.message_type, message.content);
  if (text === null) return null;
  let mentionsBot = false;
  // Longest key first, so @_user_1 does not eat the start of @_user_10.
  const mentions = [...(message.mentions ?? [])].sort((a, b) => b.key.length - a.key.length);
  for (const mention of mentions) {
    const bot = isBot(mention);
    if (bot) mentionsBot = true;
    const shown = bot ? ' ' : `@${mention.name}`;
    text = text.split(mention.key).join(shown);
    // A mention inside a post arrives as the user's id, not as the key.
    if (mention.id.open_id) text = text.split(mention.id.open_id).join(shown);
  }
  const inbound: InboundMessage = {
    platform: 'lark',
    eventId: event.event_id,
    messageId: message.message_id,
    chatId: message.chat_id,
    chatKind: message.chat_type === 'p2p' ? 'private' : 'group',
    senderId,
    text: text.trim(),
    mentionsBot,
    sentAt: new Date(Number(message.create_time)),
  };
  if (message.parent_id) inbound.replyToMessageId = message.parent_id;
  return inbound;
}

function buttonCommand(value: unknown): string | null {
  if (typeof value === 'string') return value;
  const command = (value as Partial<ButtonValue> | null)?.command;
  return typeof command === 'string' && command.length > 0 ? command : null;
}

/**
 * A card button press as the user's command text, quoting the card's message so the core finds the
 * card's subject. One press per person, card and button counts once, as in the sandbox.
 */
export function inboundFromCardAction(event: LarkCardActionEvent, chatKind: ChatKind, receivedAt: Date): InboundMessage | null {
  const command = buttonCommand(event.action?.value);
  const userId = event.operator?.open_id;
  const messageId = event.context?.open_message_id;
  const chatId = event.context?.open_chat_id;
  if (!command || !userId || !messageId || !chatId) return null;
  const sentAt = event.create_time ? new Date(Number(event.create_time)) : receivedAt;
  return {
    platform: 'lark',
    eventId: `card:${messageId}:${userId}:${command}`,
    messageId: event.event_id ?? `card:${messageId}:${userId}`,
    chatId,
    chatKind,
    senderId: userId,
    ...(event.operator?.name ? { senderName: event.operator.name } : {}),
    text: command,
    mentionsBot: false,
    isButton: true,
    replyToMessageId: messageId,
    sentAt: Number.isNaN(sentAt.getTime()) ? receivedAt : sentAt,
  };
}
