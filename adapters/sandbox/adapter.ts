import { repairText, spansOf, withoutSpans } from '../../src/messaging/inbound-text.ts';
import { SendError, type AdapterLimits, type Attachment, type ChatAdapter, type InboundMessage, type InboundSink, type OutgoingMessage, type SendContext, type SendResult, type SharedLocation } from '../../src/messaging/types.ts';
import { BOT_USER_ID, isPrivateChat, type SandboxMessage, type SandboxStore, type StoredFile } from '../../src/sandbox/store.ts';
import type { Clock } from '../../src/time/clock.ts';

/** What a person sends in the sandbox, as its API takes it. */
export interface SandboxInput {
  chatId: string;
  userId: string;
  text: string;
  replyTo?: string;
  id?: string;
  isButton?: boolean;
  attachments?: StoredFile[];
  location?: SharedLocation;
}

function attachmentsOf(message: SandboxMessage): Attachment[] {
  return (message.attachments ?? []).map((file) => ({
    kind: file.kind,
    ref: file.url,
    ...(file.name ? { name: file.name } : {}),
    ...(file.mime ? { mime: file.mime } : {}),
    ...(file.size !== undefined ? { size: file.size } : {}),
  }));
}

/** The local sandbox chat as a platform: inbound from its HTTP API, outbound into its history. */
export class SandboxAdapter implements ChatAdapter {
  readonly platform = 'sandbox' as const;
  /** A phone-like pace, generous enough for scripts and the benchmark. */
  readonly limits: AdapterLimits = { perChat: [{ count: 50, perMs: 1_000 }], global: [] };
  /** A reply is stored under its outbox row's id: sent again after a crash, it is still one message. */
  readonly sendsIdempotently = true;
  private sink: InboundSink | null = null;

  constructor(
    readonly store: SandboxStore,
    private readonly clock: Clock,
    private readonly botName: string,
  ) {}

  async start(sink: InboundSink): Promise<void> {
    this.sink = sink;
  }

  async stop(): Promise<void> {
    this.sink = null;
  }

  isReady(): boolean {
    return this.sink !== null;
  }

  async send(message: OutgoingMessage, context?: SendContext): Promise<SendResult> {
    const text = message.mention ? `@${message.mention.name} ${message.text}` : message.text;
    if (message.replaceMessageId && (await this.store.replace(message.replaceMessageId, text, message.buttons ?? []))) {
      return { platformMessageId: message.replaceMessageId };
    }
    const stored = await this.store.add({
      ...(context ? { id: `out-${context.outboxId}` } : {}),
      chatId: message.chatId,
      userId: BOT_USER_ID,
      text,
      ...(message.replyToMessageId ? { replyTo: message.replyToMessageId } : {}),
      ...(message.buttons?.length ? { buttons: message.buttons } : {}),
      at: this.clock.now(),
    });
    return { platformMessageId: stored.id };
  }

  /** The sandbox takes back any message the bot sent, at any age. */
  async recall(chatId: string, platformMessageId: string): Promise<void> {
    const outcome = await this.store.recall(chatId, platformMessageId, this.clock.now());
    if (outcome === 'not-ours') throw new SendError(`sandbox: ${platformMessageId} is not a bot message in ${chatId}`, false);
  }

  /**
   * A person writes in the sandbox; resolves once the bot has committed its answer. The text is
   * repaired before it is kept, so the history shows what the bot read.
   */
  async receive(input: SandboxInput): Promise<{ id: string; duplicate: boolean }> {
    if (!this.sink) throw new Error('sandbox adapter is not started');
    const stored = await this.store.add({
        chatId: input.chatId,
        userId: input.userId,
        text: repairText(input.text),
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        ...(input.id ? { id: input.id } : {}),
        ...(input.attachments?.length ? { attachments: input.attachments } : {}),
        ...(input.location ? { location: input.location } : {}),
        at: this.clock.now(),
      });
    const mention = spansOf(stored.text, `@${this.botName}`);
    const attachments = attachmentsOf(stored);
    const inbound: InboundMessage = {
      platform: 'sandbox',
      eventId: stored.id,
      messageId: stored.id,
      chatId: stored.chatId,
      chatKind: isPrivateChat(stored.chatId) ? 'private' : 'group',
      senderId: stored.userId,
      senderName: await this.store.userName(stored.userId),
      text: repairText(withoutSpans(stored.text, mention)),
      mentionsBot: mention.length > 0,
      sentAt: new Date(stored.at),
      ...(input.isButton ? { isButton: true } : {}),
      ...(stored.replyTo ? { replyToMessageId: stored.replyTo } : {}),
      ...(attachments.length > 0 ? { attachments } : {}),
      ...(stored.location ? { location: stored.location } : {}),
    };
    const title = isPrivateChat(stored.chatId) ? undefined : await this.store.chatTitle(stored.chatId);
    if (title) inbound.chatTitle = title;
    const { duplicate } = await this.sink(inbound);
    return { id: stored.id, duplicate };
  }
}
