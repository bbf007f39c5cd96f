import { Client, LoggerLevel, type Logger as SdkLogger } from '@larksuiteoapi/node-sdk';
import type { Logger } from '../../src/log.ts';
import { SendError } from '../../src/messaging/types.ts';
import type { LarkConfig } from './config.ts';
import { failureFromReply, failureFromThrown, isTokenInvalid, toSendError, type LarkFailure, type LarkReply } from './errors.ts';
import type { LarkContent } from './render.ts';
import { TokenCache } from './token-cache.ts';

/** A call that hangs would hold its outbox row; Lark answers in well under this. */
const CALL_TIMEOUT_MS = 15_000;
/** Lark's code for "the message has been deleted" (撤回消息 230110). */
const ALREADY_DELETED = 230110;

class CallFailed extends Error {
  constructor(readonly failure: LarkFailure) {
    super(failure.message);
  }
}

/** The SDK's log lines go to the bot's logger; its chatter sits at debug. */
export function sdkLogger(log: Logger): SdkLogger {
  return {
    error: (...msg: unknown[]) => log.warn({ sdk: msg }, 'lark sdk error'),
    warn: (...msg: unknown[]) => log.warn({ sdk: msg }, 'lark sdk warning'),
    info: (...msg: unknown[]) => log.debug({ sdk: msg }, 'lark sdk'),
    debug: (...msg: unknown[]) => log.debug({ sdk: msg }, 'lark sdk'),
    trace: (...msg: unknown[]) => log.trace({ sdk: msg }, 'lark sdk'),
  };
}

/**
 * The Open API calls the adapter needs, through the SDK's Client. Every reply's `code` is checked
 * (Lark reports failures with HTTP 200 too); an invalid tenant token is dropped and the call retried once.
 */
export class LarkApi {
  private readonly tokens = new TokenCache();
  private readonly client: Client;

  constructor(config: LarkConfig, log: Logger) {
    this.client = new Client({
      appId: config.appId,
      appSecret: config.appSecret,
      domain: config.domain,
      cache: this.tokens,
      logger: sdkLogger(log),
      loggerLevel: LoggerLevel.info,
    });
  }

  async botOpenId(): Promise<string> {
    const reply = await this.call('bot info', () => this.client.request<LarkReply & { bot?: { open_id?: string } }>({ method: 'GET', url: '/open-apis/bot/v3/info' }));
    if (!reply.bot?.open_id) throw new SendError('lark bot info: no open_id', true);
    return reply.bot.open_id;
  }

  /**
   * Sends to a chat (oc_…), or to a person (ou_…): a private chat not known yet is addressed by the
   * person's open_id (the core's fallback), which Lark takes only as receive_id_type open_id.
   */
  async create(chatId: string, content: LarkContent, uuid: string | undefined): Promise<string> {
    const reply = await this.call('send', () =>
      this.client.im.message.create({
        params: { receive_id_type: chatId.startsWith('ou_') ? 'open_id' : 'chat_id' },
        data: { receive_id: chatId, msg_type: content.msgType, content: content.content, ...(uuid ? { uuid } : {}) },
      }),
    );
    return messageIdOf(reply, 'send');
  }

  async reply(messageId: string, content: LarkContent, uuid: string | undefined): Promise<string> {
    const reply = await this.call('reply', () =>
      this.client.im.message.reply({
        path: { message_id: messageId },
        data: { msg_type: content.msgType, content: content.content, ...(uuid ? { uuid } : {}) },
      }),
    );
    return messageIdOf(reply, 'reply');
  }

  /** Recalls a message the bot sent (DELETE); one Lark says is deleted already counts as recalled. */
  async deleteMessage(messageId: string): Promise<void> {
    await this.call('recall', () => this.client.im.message.delete({ path: { message_id: messageId } }), ALREADY_DELETED);
  }

  /** Replaces a card the bot sent; Lark edits cards in place with PATCH. */
  async updateCard(messageId: string, card: object): Promise<void> {
    await this.call('card update', () => this.client.im.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }));
  }

  /** `doneCode`: a refusal with this code means the call's aim is met already; it resolves without a reply. */
  private call<T extends LarkReply>(what: string, request: () => Promise<T>): Promise<T>;
  private call<T extends LarkReply>(what: string, request: () => Promise<T>, doneCode: number): Promise<T | null>;
  private async call<T extends LarkReply>(what: string, request: () => Promise<T>, doneCode?: number): Promise<T | null> {
    const settle = (failure: LarkFailure) => {
      if (doneCode !== undefined && failure.code === doneCode) return null;
      throw toSendError(failure, what);
    };
    try {
      return await this.attempt(request);
    } catch (error) {
      if (!(error instanceof CallFailed)) throw error;
      if (!isTokenInvalid(error.failure)) return settle(error.failure);
    }
    this.tokens.clear();
    try {
      return await this.attempt(request);
    } catch (error) {
      if (error instanceof CallFailed) return settle(error.failure);
      throw error;
    }
  }

  private async attempt<T extends LarkReply>(request: () => Promise<T>): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new CallFailed({ status: null, code: null, message: `no answer in ${CALL_TIMEOUT_MS} ms`, resetSeconds: null })), CALL_TIMEOUT_MS);
    });
    let reply: T;
    try {
      reply = await Promise.race([request(), timeout]);
    } catch (error) {
      throw error instanceof CallFailed ? error : new CallFailed(failureFromThrown(error));
    } finally {
      clearTimeout(timer);
    }
    if (reply?.code !== 0) throw new CallFailed(failureFromReply(reply ?? {}));
    return reply;
  }
}

function messageIdOf(reply: { data?: { message_id?: string } }, what: string): string {
  const id = reply.data?.message_id;
  if (!id) throw new SendError(`lark ${what}: the reply has no message_id`, false);
  return id;
}
