import type { EventHandles } from '@larksuiteoapi/node-sdk';
import { repairName, repairText, withoutSpans, type Span } from '../../src/messaging/inbound-text.ts';
import type { Attachment, ChatKind, InboundMessage, SharedLocation } from '../../src/messaging/types.ts';

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
  image_key?: string;
  file_key?: string;
}

/** What a message's content carries for the core: its readable text, files and a shared place. */
interface Content {
  text: string;
  attachments: Attachment[];
  location?: SharedLocation;
}

function parseJson(content: string): Record<string, unknown> | null {
  try {
    const parsed: unknown = JSON.parse(content);
    return parsed !== null && typeof parsed === 'object' ? (parsed as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}

const str = (value: unknown): string | undefined => (typeof value === 'string' && value !== '' ? value : undefined);

function fileAttachment(kind: Attachment['kind'], key: unknown, name?: unknown): Attachment | null {
  const ref = str(key);
  if (!ref) return null;
  const fileName = str(name);
  return { kind, ref, ...(fileName ? { name: repairName(fileName) } : {}) };
}

/** A rich-text (post) message: title, then each paragraph as a line; its pictures and videos as attachments. */
function postContent(parsed: Record<string, unknown>): Content | null {
  // A post is either { title, content } or keyed by locale ({ zh_cn: { title, content } }).
  const body = (parsed.content ? parsed : Object.values(parsed)[0]) as { title?: unknown; content?: unknown } | undefined;
  if (!Array.isArray(body?.content)) return null;
  const attachments: Attachment[] = [];
  const lines = (body.content as unknown[]).map((line) => {
    if (!Array.isArray(line)) return '';
    return (line as PostElement[])
      .map((el) => {
        if (el.tag === 'at') return el.user_id ?? '';
        if (el.tag === 'img' || el.tag === 'media') {
          const attachment = el.tag === 'img' ? fileAttachment('image', el.image_key) : fileAttachment('video', el.file_key);
          if (attachment) attachments.push(attachment);
          return '';
        }
        return el.text ?? '';
      })
      .join('');
  });
  const title = str(body.title);
  return { text: [...(title ? [title] : []), ...lines].join('\n'), attachments };
}

/**
 * The content of the message types that carry something for the core (Lark's 接收消息内容结构);
 * null for the rest (stickers, cards, shared chats, system messages, ...).
 */
function contentOf(messageType: string, content: string): Content | null {
  const parsed = parseJson(content);
  if (!parsed) return null;
  const only = (attachment: Attachment | null): Content | null => (attachment ? { text: '', attachments: [attachment] } : null);
  switch (messageType) {
    case 'text':
      return typeof parsed.text === 'string' ? { text: parsed.text, attachments: [] } : null;
    case 'post':
      return postContent(parsed);
    case 'image':
      return only(fileAttachment('image', parsed.image_key));
    case 'file':
      return only(fileAttachment('file', parsed.file_key, parsed.file_name));
    case 'audio':
      return only(fileAttachment('audio', parsed.file_key));
    case 'media':
      return only(fileAttachment('video', parsed.file_key, parsed.file_name));
    case 'location': {
      // Lark sends the coordinates as strings.
      const latitude = Number(parsed.latitude);
      const longitude = Number(parsed.longitude);
      if (!Number.isFinite(latitude) || !Number.isFinite(longitude) || parsed.latitude === '' || parsed.longitude === '') return null;
      const name = str(parsed.name);
      return { text: '', attachments: [], location: { latitude, longitude, ...(name ? { name: repairName(name) } : {}) } };
    }
    default:
      return null;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** A mention key such as @_user_1 (never the start of @_user_10), or an open_id as posts carry it. */
function mentionPattern(mention: LarkMention): RegExp {
  const forms = [mention.key, mention.id.open_id].filter((f): f is string => Boolean(f)).map(escapeRegExp);
  return new RegExp(`(?:${forms.join('|')})(?!\\d)`, 'g');
}

/**
 * A received message as the normalized message. The bot's own mention is removed (mentionsBot),
 * other people's mention keys become "@name" so a command such as `签到 @张三` reads naturally.
 */
export function inboundFromMessage(event: LarkMessageEvent, isBot: (mention: LarkMention) => boolean): InboundMessage | null {
  const { message, sender } = event;
  const senderId = sender.sender_id?.open_id;
  if (sender.sender_type !== 'user' || !senderId || !event.event_id) return null;
  const content = contentOf(message.message_type, message.content);
  if (content === null) return null;
  let text = content.text;
  let mentionsBot = false;
  const ours: Span[] = [];
  // Longest key first, so @_user_1 does not eat the start of @_user_10.
  const mentions = [...(message.mentions ?? [])].sort((a, b) => b.key.length - a.key.length);
  for (const mention of mentions) {
    if (!isBot(mention)) text = text.replace(mentionPattern(mention), `@${mention.name}`);
  }
  for (const mention of mentions.filter(isBot)) {
    mentionsBot = true;
    for (const match of text.matchAll(mentionPattern(mention))) ours.push({ start: match.index, end: match.index + match[0].length });
  }
  const inbound: InboundMessage = {
    platform: 'lark',
    eventId: event.event_id,
    messageId: message.message_id,
    chatId: message.chat_id,
    chatKind: message.chat_type === 'p2p' ? 'private' : 'group',
    senderId,
    text: repairText(withoutSpans(text, ours)),
    mentionsBot,
    sentAt: new Date(Number(message.create_time)),
  };
  if (content.attachments.length > 0) inbound.attachments = content.attachments;
  if (content.location) inbound.location = content.location;
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
    ...(event.operator?.name ? { senderName: repairName(event.operator.name) } : {}),
    text: repairText(command),
    mentionsBot: false,
    isButton: true,
    replyToMessageId: messageId,
    sentAt: Number.isNaN(sentAt.getTime()) ? receivedAt : sentAt,
  };
}
