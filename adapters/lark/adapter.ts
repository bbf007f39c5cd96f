import { createHash } from 'node:crypto';
import { EventDispatcher } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/log.ts';
import type { PlatformStore } from '../../src/messaging/platform-store.ts';
import type { AdapterLimits, ChatAdapter, ChatKind, InboundMessage, InboundSink, OutgoingMessage, SendContext, SendResult } from '../../src/messaging/types.ts';
import type { Clock } from '../../src/time/clock.ts';
import { sdkLogger, type LarkApi } from './api.ts';
import { inboundFromCardAction, inboundFromMessage, type LarkCardActionEvent, type LarkMessageEvent } from './events.ts';
import { renderCard, renderMessage } from './render.ts';

/** Lark re-pushes an event not answered in 3 s; what takes longer is finished after the answer. */
const ACK_BUDGET_MS = 2_500;

/** Where events come from when Lark is not calling the webhook. */
export interface EventSource {
  start(events: EventDispatcher): Promise<void>;
  stop(): void;
}

export interface LarkAdapterDeps {
  api: LarkApi;
  store: PlatformStore;
  clock: Clock;
  log: Logger;
  /** The bot's display name: recognizes its @mention while its open_id is not known yet. */
  botName: string;
  /** The long connection; absent when events arrive by webhook (see handleCallback). */
  source?: EventSource;
}

/** Lark/Feishu as a platform: events in through the SDK's EventDispatcher, messages out through its Client. */
export class LarkAdapter implements ChatAdapter {
  readonly platform = 'lark' as const;
  /**
   * Lark allows 5 QPS per chat (shared by all bots in a group) and 50/s, 1000/min per app; these
   * stay a little under, since Lark counts on arrival and our clock is not theirs.
   */
  readonly limits: AdapterLimits = {
    perChat: [{ count: 4, perMs: 1_000 }],
    global: [
      { count: 45, perMs: 1_000 },
      { count: 950, perMs: 60_000 },
    ],
  };
  /** Lark de-duplicates a create or reply by its uuid (idempotencyKey: the outbox row) for an hour. */
  readonly sendsIdempotently = true;
  /** Translates events for the webhook and the long connection alike. */
  readonly events: EventDispatcher;
  private sink: InboundSink | null = null;
  private botOpenId: string | null = null;
  private learning: Promise<void> | null = null;

  constructor(private readonly deps: LarkAdapterDeps) {
    this.events = new EventDispatcher({ logger: sdkLogger(deps.log) }).register({
      'im.message.receive_v1': (data: LarkMessageEvent) => this.onMessage(data),
      'card.action.trigger': (data: LarkCardActionEvent) => this.onCardAction(data),
    });
  }

  async start(sink: InboundSink): Promise<void> {
    this.sink = sink;
    await this.learnBotId();
    await this.deps.source?.start(this.events);
  }

  async stop(): Promise<void> {
    this.deps.source?.stop();
    this.sink = null;
  }

  isReady(): boolean {
    return this.sink !== null;
  }

  /** One decrypted, verified callback; answers `{}` (the core replies through the outbox). */
  async handleCallback(data: Record<string, unknown>): Promise<object> {
    const answer: unknown = await this.events.invoke(data, { needCheck: false });
    return answer !== null && typeof answer === 'object' ? answer : {};
  }

  async send(message: OutgoingMessage, context?: SendContext): Promise<SendResult> {
    const { api, log } = this.deps;
    if (message.replaceMessageId) {
      try {
        await api.updateCard(message.replaceMessageId, renderCard(message));
        return { platformMessageId: message.replaceMessageId };
      } catch (error) {
        // Only cards can be edited in place; anything else is said again as a new message.
        if ((error as { retryable?: boolean }).retryable !== false) throw error;
        log.warn({ err: error, messageId: message.replaceMessageId }, 'lark card could not be replaced, sending a new message');
      }
    }
    const content = renderMessage(message);
    const uuid = context ? idempotencyKey(context.outboxId, message) : undefined;
    const platformMessageId = message.replyToMessageId
      ? await api.reply(message.replyToMessageId, content, uuid)
      : await api.create(message.chatId, content, uuid);
    return { platformMessageId };
  }

  /** Lark lets a bot recall its own messages (within the tenant's recall window). */
  async recall(_chatId: string, platformMessageId: string): Promise<void> {
    await this.deps.api.deleteMessage(platformMessageId);
  }

  private async onMessage(event: LarkMessageEvent): Promise<object> {
    // Asking Lark for the bot's id must not eat into the 3 s answer; the name stands in meanwhile.
    if (this.botOpenId === null) void this.learnBotId();
    const botOpenId = this.botOpenId;
    const inbound = inboundFromMessage(event, (mention) => (botOpenId ? mention.id.open_id === botOpenId : mention.name === this.deps.botName));
    if (inbound) await this.deliver(inbound);
    return {};
  }

  private async onCardAction(event: LarkCardActionEvent): Promise<object> {
    const chatId = event.context?.open_chat_id;
    const inbound = inboundFromCardAction(event, chatId ? await this.chatKind(chatId) : 'group', this.deps.clock.now());
    if (inbound) await this.deliver(inbound);
    return {};
  }

  /** A card carries no chat type; the chat is known from the message that carried the card. */
  private async chatKind(chatId: string): Promise<ChatKind> {
    return (await this.deps.store.chatKind(chatId)) ?? 'group';
  }

  /**
   * Hands the message to the core and waits while that fits Lark's 3 s. Past the budget the answer
   * is "received" only if the event is already in the inbox; otherwise it fails, and Lark's re-push
   * brings it again (the inbox dedupes).
   */
  private async deliver(inbound: InboundMessage): Promise<void> {
    if (!this.sink) throw new Error('lark adapter is not started');
    const work = this.sink(inbound).then(() => 'done' as const);
    work.catch((error: unknown) => this.deps.log.error({ err: error, eventId: inbound.eventId }, 'lark event failed'));
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<'late'>((resolve) => {
      timer = setTimeout(() => resolve('late'), ACK_BUDGET_MS);
    });
    const outcome = await Promise.race([work, late]).finally(() => clearTimeout(timer));
    if (outcome === 'done') return;
    if (!(await this.deps.store.hasEvent(inbound.eventId))) throw new Error(`lark event ${inbound.eventId} not stored within ${ACK_BUDGET_MS} ms`);
  }

  /** The bot's open_id, to tell its @mention from other people's; asked again at the next message if Lark is away. */
  private learnBotId(): Promise<void> {
    this.learning ??= this.deps.api
      .botOpenId()
      .then((id) => {
        this.botOpenId = id;
      })
      .catch((error: unknown) => this.deps.log.warn({ err: error }, 'lark bot info unavailable'))
      .finally(() => {
        this.learning = null;
      });
    return this.learning;
  }
}

/** Lark's `uuid` de-duplicates a send: the same outbox row gets the same key on every retry. */
export function idempotencyKey(outboxId: number, message: OutgoingMessage): string {
  return createHash('sha256').update(`${outboxId}\n${JSON.stringify(message)}`).digest('hex').slice(0, 32);
}
