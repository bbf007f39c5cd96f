/** The normalized message every adapter speaks; the core never sees a platform's own types. */

export type Platform = 'sandbox' | 'wechat' | 'telegram' | 'lark';
export type ChatKind = 'group' | 'private';

/** A picture, file, voice or video that came with a message; the bytes stay where the platform keeps them. */
export interface Attachment {
  kind: 'image' | 'file' | 'audio' | 'video';
  /**
   * Where the platform keeps it: a URL (the sandbox serves its files under /sandbox/api/files/…),
   * or the platform's own key: Telegram's file_id, Lark's image_key / file_key (downloaded with the
   * message id), WeChat's message id (the puppet fetches the file by it).
   */
  ref: string;
  name?: string;
  mime?: string;
  /** Bytes, where the platform says. */
  size?: number;
}

/** A shared position (WGS-84 as the platforms deliver it), with the place's name and address where given. */
export interface SharedLocation {
  latitude: number;
  longitude: number;
  name?: string;
  address?: string;
}

export interface InboundMessage {
  platform: Platform;
  /** The platform's id for this event: the same id again is a redelivery. */
  eventId: string;
  /** The platform's id for the message itself, so replies can quote it. */
  messageId: string;
  chatId: string;
  chatKind: ChatKind;
  chatTitle?: string;
  senderId: string;
  senderName?: string;
  /**
   * What the person wrote, repaired at the adapter (see inbound-text.ts): well-formed Unicode, no
   * control characters, LF line breaks kept. '' for a message that is only a picture or a location.
   */
  text: string;
  /** The platform message id this message quotes, when the platform delivers quotes. */
  replyToMessageId?: string;
  /** True when the bot was @mentioned (the mention is already removed from `text`). */
  mentionsBot: boolean;
  /** A button press arrives as the button's value in `text`, with this flag. */
  isButton?: boolean;
  attachments?: Attachment[];
  location?: SharedLocation;
  /** When the platform says the message was sent. */
  sentAt: Date;
}

export interface Button {
  label: string;
  /** Sent back as command text when pressed, so a button and a typed command share one path. */
  value: string;
}

export interface OutgoingMessage {
  chatId: string;
  text: string;
  /** Mention this person at the start of the message, where the platform can. */
  mention?: { userId: string; name: string };
  /** Quote this platform message id, where the platform can. */
  replyToMessageId?: string;
  buttons?: Button[];
  /**
   * Replace this earlier bot message (platform message id) instead of sending a new one, e.g. to
   * show an approval's outcome on the message that carried its buttons. Adapters that cannot edit
   * send the text as a new message.
   */
  replaceMessageId?: string;
  /** Instead of sending: delete this earlier bot message (platform message id) where the platform can recall. */
  recallMessageId?: string;
}

/** Which outbox row a send is for, so an adapter can give the platform an idempotency key. */
export interface SendContext {
  outboxId: number;
}

export interface SendResult {
  platformMessageId: string;
}

/** Thrown by an adapter's send or recall: the delivery worker retries or gives up by these fields. */
export class SendError extends Error {
  /**
   * True when the platform says the bot can no longer write to this chat (removed from the group,
   * the group dissolved, blocked by the person): retrying will not help until someone acts.
   */
  readonly gone: boolean;

  constructor(
    message: string,
    readonly retryable: boolean,
    readonly retryAfterMs?: number,
    options: { gone?: boolean } = {},
  ) {
    super(message);
    this.gone = options.gone ?? false;
  }

  /** The bot can no longer write to the chat; never retryable. */
  static chatGone(message: string): SendError {
    return new SendError(message, false, undefined, { gone: true });
  }
}

/** A sliding-window limit: at most `count` sends per `perMs`. */
export interface RateRule {
  count: number;
  perMs: number;
}

export interface AdapterLimits {
  perChat: RateRule[];
  global: RateRule[];
}

export type InboundSink = (message: InboundMessage) => Promise<{ duplicate: boolean }>;

/** What a platform adapter provides; it translates and knows nothing about commands. */
export interface ChatAdapter {
  readonly platform: Platform;
  readonly limits: AdapterLimits;
  /**
   * True when the platform de-duplicates sends by the SendContext's outbox row (Lark's uuid, the
   * sandbox): a send repeated after a crash then shows once.
   */
  readonly sendsIdempotently?: boolean;
  start(sink: InboundSink): Promise<void>;
  stop(): Promise<void>;
  /** False while the platform cannot send (e.g. logged out): the outbox holds messages. */
  isReady(): boolean;
  send(message: OutgoingMessage, context?: SendContext): Promise<SendResult>;
  /**
   * Deletes a message the bot sent, for everyone in the chat, where the platform allows it (absent:
   * it cannot). Resolves once it is gone, also when it was gone already; throws SendError otherwise
   * (e.g. too old to recall: not retryable).
   */
  recall?(chatId: string, platformMessageId: string): Promise<void>;
}
