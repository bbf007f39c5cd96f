import type { Clock } from '../../src/time/clock.ts';
import type { AdapterLimits, ChatAdapter, InboundMessage, InboundSink, OutgoingMessage, SendResult } from '../../src/messaging/types.ts';
import { BOT_USER_ID, isPrivateChat, type SandboxStore } from './store.ts';

/** The local sandbox chat as a platform: inbound from its HTTP API, outbound into its history. */
export class SandboxAdapter implements ChatAdapter {
  readonly platform = 'sandbox' as const;
  /** A phone-like pace, generous enough for scripts and the benchmark. */
  readonly limits: AdapterLimits = { perChat: [{ count: 50, perMs: 1_000 }], global: [] };
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

  async send(message: OutgoingMessage): Promise<SendResult> {
    const text = message.mention ? `@${message.mention.name} ${message.text}` : message.text;
    if (message.replaceMessageId && (await this.store.replace(message.replaceMessageId, text, message.buttons ?? []))) {
      return { platformMessageId: message.replaceMessageId };
    }
    const stored = await this.store.add({
      chatId: message.chatId,
      userId: BOT_USER_ID,
      text,
      ...(message.replyToMessageId ? { replyTo: message.replyToMessageId } : {}),
      ...(message.buttons?.length ? { buttons: message.buttons } : {}),
      at: this.clock.now(),
    });
    return { platformMessageId: stored.id };
  }

  /** A person writes in the sandbox; resolves once the bot has committed its answer. */
  async receive(input: { chatId: string; userId: string; text: string; replyTo?: string; id?: string; isButton?: boolean }): Promise<{ id: string; duplicate: boolean }> {
    if (!this.sink) throw new Error('sandbox adapter is not started');
    const existing = input.id ? await this.store.find(input.id) : null;
    const stored =
      existing ??
      (await this.store.add({
        chatId: input.chatId,
        userId: input.userId,
        text: input.text,
        ...(input.replyTo ? { replyTo: input.replyTo } : {}),
        ...(input.id ? { id: input.id } : {}),
        at: this.clock.now(),
      }));
    const mention = `@${this.botName}`;
    const inbound: InboundMessage = {
      platform: 'sandbox',
      eventId: stored.id,
      messageId: stored.id,
      chatId: stored.chatId,
      chatKind: isPrivateChat(stored.chatId) ? 'private' : 'group',
      senderId: stored.userId,
      senderName: await this.store.userName(stored.userId),
      text: stored.text.split(mention).join(' '),
      mentionsBot: stored.text.includes(mention),
      sentAt: new Date(stored.at),
      ...(input.isButton ? { isButton: true } : {}),
      ...(stored.replyTo ? { replyToMessageId: stored.replyTo } : {}),
    };
    const title = isPrivateChat(stored.chatId) ? undefined : await this.store.chatTitle(stored.chatId);
    if (title) inbound.chatTitle = title;
    const { duplicate } = await this.sink(inbound);
    return { id: stored.id, duplicate };
  }
}
