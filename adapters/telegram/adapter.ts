import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { Telegraf } from 'telegraf';
import type { Update } from 'telegraf/types';
import type { Logger } from '../../src/log.ts';
import { retryUntilStored } from '../../src/messaging/inbound-retry.ts';
import type { PlatformStore } from '../../src/messaging/platform-store.ts';
import { SendError, type AdapterLimits, type ChatAdapter, type InboundMessage, type InboundSink, type OutgoingMessage, type SendResult } from '../../src/messaging/types.ts';
import type { Clock } from '../../src/time/clock.ts';
import { parseCallbackData } from './callback-data.ts';
import { translateUpdate, type TelegramEvent, type TgUpdate } from './inbound.ts';
import { inlineKeyboard, messageText, splitText } from './outbound.ts';
import { cannotEdit, isAlreadyDeleted, isNotModified, migratedTo, toSendError } from './send-error.ts';
import type { TelegramSettings } from './settings.ts';

const ALLOWED_UPDATES = ['message', 'callback_query'] as const;
const SECRET_HEADER = 'x-telegram-bot-api-secret-token';
/** A send that hangs this long is abandoned and retried (telegraf's own timeout is 500 s). */
const SEND_TIMEOUT_MS = 30_000;

export interface TelegramAdapterDeps {
  settings: TelegramSettings;
  store: PlatformStore;
  clock: Clock;
  log: Logger;
  server: FastifyInstance;
}

/** Telegram through telegraf: updates in by webhook or long polling, messages out through the Bot API. */
export class TelegramAdapter implements ChatAdapter {
  readonly platform = 'telegram' as const;
  /** Telegram's unpublished limits, kept under: about 1/s per chat, 20/min per group, 30/s overall. */
  readonly limits: AdapterLimits = {
    perChat: [
      { count: 1, perMs: 1_000 },
      { count: 20, perMs: 60_000 },
    ],
    global: [{ count: 30, perMs: 1_000 }],
  };
  readonly bot: Telegraf;
  private sink: InboundSink | null = null;
  private ready = false;
  private stopped = true;
  private routeRegistered = false;
  private polling: Promise<void> | null = null;
  private retryTimer: NodeJS.Timeout | null = null;
  /** Aborted by stop(), so an update waiting for the database to be back stops waiting. */
  private stopping = new AbortController();
  /** Updates are handled one at a time, in the order they arrive, so a chat's messages keep their order. */
  private queue: Promise<void> = Promise.resolve();

  constructor(private readonly deps: TelegramAdapterDeps) {
    const { settings } = deps;
    this.bot = new Telegraf(settings.token, { telegram: { apiRoot: settings.apiRoot, webhookReply: false } });
    this.bot.use(async (ctx) => {
      const update = ctx.update as unknown as TgUpdate;
      // A button press is answered at once, ahead of the queue: a late answer fails and the button keeps spinning.
      const answered = update.callback_query ? this.answerButton(update.callback_query.id) : null;
      try {
        await this.enqueue(update);
      } finally {
        await answered;
      }
    });
    this.bot.catch((error, ctx) => {
      // A webhook answers 500 so Telegram delivers the update again; polling must go on (telegraf#735).
      if (settings.webhook) throw error;
      deps.log.error({ err: error, updateId: ctx.update.update_id }, 'telegram update could not be stored and is lost');
    });
  }

  async start(sink: InboundSink): Promise<void> {
    this.sink = sink;
    this.stopped = false;
    this.stopping = new AbortController();
    if (this.deps.settings.webhook && !this.routeRegistered) this.registerWebhookRoute(this.deps.settings.webhook);
    await this.connect(0);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    this.stopping.abort();
    this.ready = false;
    if (this.retryTimer) clearTimeout(this.retryTimer);
    this.retryTimer = null;
    if (this.polling) {
      this.bot.stop('shutdown');
      await this.polling;
      this.polling = null;
    }
    await this.queue;
    this.sink = null;
  }

  isReady(): boolean {
    return this.ready && !this.stopped;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    try {
      const edited = message.replaceMessageId ? await this.edit(message, message.replaceMessageId) : null;
      return edited ?? (await this.sendNew(message));
    } catch (error) {
      const newChatId = migratedTo(error);
      if (newChatId === null) throw toSendError(error);
      // The group became a supergroup: move the chat and its queue, then this message goes again.
      await this.deps.store.moveChat(message.chatId, newChatId);
      this.deps.log.info({ from: message.chatId, to: newChatId }, 'telegram chat migrated on send');
      throw new SendError(`chat ${message.chatId} moved to ${newChatId}`, true);
    }
  }

  /**
   * Deletes a message the bot sent. Telegram allows it within 48 hours of sending; an older one is
   * refused ("message can't be deleted", not retryable).
   */
  async recall(chatId: string, platformMessageId: string): Promise<void> {
    try {
      await this.bot.telegram.callApi('deleteMessage', { chat_id: chatId, message_id: Number(platformMessageId) }, sendTimeout());
    } catch (error) {
      if (isAlreadyDeleted(error)) return;
      throw toSendError(error);
    }
  }

  /** Reaches Telegram (bot identity, then webhook or polling); retries in the background until it can. */
  private async connect(attempt: number): Promise<void> {
    const { settings, log } = this.deps;
    try {
      this.bot.botInfo = await this.bot.telegram.getMe();
      if (settings.webhook) {
        await this.bot.telegram.setWebhook(settings.webhook.url, { secret_token: settings.webhook.secret, allowed_updates: [...ALLOWED_UPDATES] });
      } else {
        await this.startPolling();
      }
      this.ready = true;
      log.info({ bot: this.bot.botInfo.username, mode: settings.webhook ? 'webhook' : 'polling' }, 'telegram connected');
    } catch (error) {
      const delay = Math.min(60_000, 1_000 * 2 ** attempt);
      log.error({ err: error, retryInMs: delay }, 'telegram unreachable at start');
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.connect(attempt + 1), delay);
    }
  }

  /**
   * telegraf's `launch` reaches its poller only after an awaited deleteWebhook, so a stop in between
   * would miss it; its `startPolling` creates the poller at once, and the webhook is removed first.
   */
  private async startPolling(): Promise<void> {
    await this.bot.telegram.deleteWebhook();
    if (this.stopped) return;
    const poller = this.bot as unknown as { startPolling(allowedUpdates: readonly string[]): Promise<void> };
    this.polling = poller.startPolling(ALLOWED_UPDATES).catch((error: unknown) => {
      // 401 (token revoked) or 409 (another instance polls this token) end telegraf's loop.
      this.deps.log.error({ err: error }, 'telegram polling stopped, restarting in 5 s');
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.restartPolling(), 5_000);
    });
  }

  private async restartPolling(): Promise<void> {
    try {
      await this.startPolling();
    } catch (error) {
      this.deps.log.error({ err: error }, 'telegram polling could not restart, trying again in 5 s');
      if (!this.stopped) this.retryTimer = setTimeout(() => void this.restartPolling(), 5_000);
    }
  }

  private registerWebhookRoute(webhook: NonNullable<TelegramSettings['webhook']>): void {
    this.routeRegistered = true;
    const expected = createHash('sha256').update(webhook.secret).digest();
    this.deps.server.post(webhook.path, async (request, reply) => {
      const given = request.headers[SECRET_HEADER];
      const digest = createHash('sha256').update(typeof given === 'string' ? given : '').digest();
      if (!timingSafeEqual(digest, expected)) return reply.code(403).send({ error: 'wrong secret token' });
      if (!this.isReady()) return reply.code(503).send({ error: 'not ready' });
      const update = request.body as TgUpdate | null;
      if (typeof update?.update_id !== 'number') return reply.code(400).send({ error: 'not a Telegram update' });
      // Answered only once the update is stored: a failure here is a 500 and Telegram sends it again.
      await this.bot.handleUpdate(update as unknown as Update);
      return reply.code(200).send({ ok: true });
    });
  }

  private enqueue(update: TgUpdate): Promise<void> {
    const run = this.queue.then(() => this.handle(update));
    this.queue = run.catch(() => undefined);
    return run;
  }

  private async handle(update: TgUpdate): Promise<void> {
    const { log, store, clock } = this.deps;
    const me = this.bot.botInfo;
    if (!me) throw new Error('telegram bot identity unknown');
    let event: TelegramEvent;
    try {
      event = translateUpdate(update, { id: me.id, username: me.username }, clock.now());
    } catch (error) {
      log.error({ err: error, updateId: update.update_id }, 'telegram update not understood, skipped');
      return;
    }
    switch (event.kind) {
      case 'ignore':
        return;
      case 'migration':
        await store.moveChat(event.fromChatId, event.toChatId);
        log.info({ from: event.fromChatId, to: event.toChatId }, 'telegram group became a supergroup');
        return;
      case 'button': {
        const value = await this.buttonValue(event.message, event.data);
        if (value !== null) await this.store({ ...event.message, text: value });
        return;
      }
      case 'message':
        await this.store(event.message);
    }
  }

  private async answerButton(callbackQueryId: string): Promise<void> {
    try {
      await this.bot.telegram.answerCbQuery(callbackQueryId);
    } catch (error) {
      this.deps.log.warn({ err: error }, 'telegram callback query not answered');
    }
  }

  /** The value of the pressed button: in its callback_data, or looked up on the message as sent. */
  private async buttonValue(message: InboundMessage, data: string): Promise<string | null> {
    const parsed = parseCallbackData(data);
    if (parsed && 'value' in parsed) return parsed.value;
    const sent = parsed ? await this.deps.store.sentMessage(message.chatId, message.messageId) : null;
    const value = parsed && sent ? sent.buttons?.[parsed.index]?.value : undefined;
    if (value === undefined) this.deps.log.warn({ chatId: message.chatId, messageId: message.messageId, data }, 'telegram button press for an unknown button');
    return value ?? null;
  }

  private async store(message: InboundMessage): Promise<void> {
    const sink = this.sink;
    if (!sink) throw new Error('telegram adapter is not started');
    // A webhook answers 500 and Telegram sends the update again; polling would move past it, so it waits here.
    if (this.deps.settings.webhook) await sink(message);
    else await retryUntilStored(() => sink(message), message, { log: this.deps.log, signal: this.stopping.signal });
  }

  private async sendNew(message: OutgoingMessage): Promise<SendResult> {
    const parts = splitText(messageText(message));
    const keyboard = inlineKeyboard(message);
    let lastId = 0;
    for (const [index, part] of parts.entries()) {
      const first = index === 0;
      const last = index === parts.length - 1;
      const sent = await this.bot.telegram.callApi(
        'sendMessage',
        {
          chat_id: message.chatId,
          text: part.text,
          ...(part.entities ? { entities: part.entities } : {}),
          ...(first && message.replyToMessageId ? { reply_parameters: { message_id: Number(message.replyToMessageId), allow_sending_without_reply: true } } : {}),
          ...(last && keyboard ? { reply_markup: keyboard } : {}),
        },
        sendTimeout(),
      );
      lastId = sent.message_id;
    }
    return { platformMessageId: String(lastId) };
  }

  /** Edits an earlier bot message in place; null when it cannot be edited and must be sent anew. */
  private async edit(message: OutgoingMessage, messageId: string): Promise<SendResult | null> {
    const parts = splitText(messageText(message));
    if (parts.length !== 1) return null;
    const keyboard = inlineKeyboard(message);
    try {
      await this.bot.telegram.callApi(
        'editMessageText',
        {
          chat_id: message.chatId,
          message_id: Number(messageId),
          text: parts[0]!.text,
          ...(parts[0]!.entities ? { entities: parts[0]!.entities } : {}),
          ...(keyboard ? { reply_markup: keyboard } : {}),
        },
        sendTimeout(),
      );
      return { platformMessageId: messageId };
    } catch (error) {
      if (isNotModified(error)) return { platformMessageId: messageId };
      if (cannotEdit(error)) return null;
      throw error;
    }
  }
}

/** telegraf types the signal as abort-controller's shim; its node-fetch takes Node's own AbortSignal. */
function sendTimeout(): Parameters<Telegraf['telegram']['callApi']>[2] {
  return { signal: AbortSignal.timeout(SEND_TIMEOUT_MS) } as unknown as Parameters<Telegraf['telegram']['callApi']>[2];
}
