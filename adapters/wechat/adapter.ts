import { randomUUID } from 'node:crypto';
import type { Contact, Message, Room, Wechaty } from 'wechaty';
import type { Policy } from '../../src/config/policy.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { Logger } from '../../src/log.ts';
import type { Ambiguity, PlatformStore } from '../../src/messaging/platform-store.ts';
import { retryUntilStored } from '../../src/messaging/inbound-retry.ts';
import { SendError, type AdapterLimits, type ChatAdapter, type InboundSink, type OutgoingMessage, type SendResult } from '../../src/messaging/types.ts';
import { toInbound } from './inbound.ts';
import { pickFromLastMenu, renderMenu } from './menu.ts';
import { Pacer, realTime, type PacerTime } from './pacer.ts';
import { showLoginQr } from './qr.ts';

export interface WechatAdapterDeps {
  wechaty: Wechaty;
  store: PlatformStore;
  log: Logger;
  t: Translate;
  pacing: Policy['wechat'];
  pacerTime?: PacerTime;
  /** How long to wait for the puppet to echo a sent message, to learn its id for quoted replies. */
  echoTimeoutMs?: number;
}

interface EchoWaiter {
  chatId: string;
  text: string;
  resolve: (id: string) => void;
}

/**
 * WeChat through wechaty: translates messages both ways, paces sends, re-binds ids after a login.
 * It has no recall: WeChat allows it for two minutes only, and a sent message's id is not always
 * known (some puppets never echo it).
 */
export class WechatAdapter implements ChatAdapter {
  readonly platform = 'wechat' as const;
  readonly limits: AdapterLimits;
  readonly wechaty: Wechaty;
  private sink: InboundSink | null = null;
  private online = false;
  /** The puppet has said it finished loading rooms and contacts ('ready'): a missing room is then really gone. */
  private loaded = false;
  /** Inbound messages wait for the re-binding after a login, so a new id never meets a stale binding. */
  private rebound: Promise<void> = Promise.resolve();
  /** Inbound messages handed to the bot one after another (see onMessage). */
  private inbound: Promise<void> = Promise.resolve();
  /** Aborted by stop(), so a message waiting for the database to be back stops waiting. */
  private stopping = new AbortController();
  private readonly pacer: Pacer;
  private readonly echoes: EchoWaiter[] = [];
  private readonly reported = new Set<string>();
  private failing = false;

  constructor(private readonly deps: WechatAdapterDeps) {
    this.wechaty = deps.wechaty;
    // The minimum gap is a limit too, so the delivery worker serves other platforms meanwhile and
    // send() itself only waits out the random part.
    const minGap = deps.pacing.minGapMs > 0 ? [{ count: 1, perMs: deps.pacing.minGapMs }] : [];
    this.limits = { perChat: [], global: [...minGap, { count: deps.pacing.perMinute, perMs: 60_000 }] };
    this.pacer = new Pacer(deps.pacing.minGapMs, deps.pacing.jitterMs, deps.pacerTime ?? realTime);
  }

  async start(sink: InboundSink): Promise<void> {
    this.sink = sink;
    this.stopping = new AbortController();
    const { wechaty, log } = this.deps;
    wechaty.on('scan', (qrcode, status) => showLoginQr(log, qrcode, status));
    wechaty.on('login', (user) => this.guard('login', () => this.onLogin(user)));
    // Some puppets finish loading rooms and contacts only after the login: re-bind once more then.
    wechaty.on('ready', () =>
      this.guard('ready', async () => {
        await this.rebind();
        this.loaded = true;
      }),
    );
    wechaty.on('logout', (user, reason) => this.guard('logout', () => this.onLogout(user, reason)));
    wechaty.on('error', (error) => log.error({ err: error }, 'wechaty error'));
    wechaty.on('message', (message) => this.guard('message', () => this.onMessage(message)));
    try {
      await wechaty.start();
    } catch (error) {
      log.error({ err: error }, 'wechaty could not start; WeChat stays offline and its messages are held');
    }
  }

  async stop(): Promise<void> {
    this.sink = null;
    this.stopping.abort();
    this.online = false;
    try {
      await this.deps.wechaty.stop();
    } catch (error) {
      this.deps.log.warn({ err: error }, 'wechaty did not stop cleanly');
    }
  }

  isReady(): boolean {
    return this.online;
  }

  async send(message: OutgoingMessage): Promise<SendResult> {
    if (!this.online) throw new SendError('WeChat is logged out', true, 5_000);
    await this.pacer.turn();
    // WeChat cannot edit or quote through wechaty: both degrade to a new plain message.
    const text = renderMenu(message.text, message.buttons ?? [], this.deps.t('wechat.menuPrompt'));
    try {
      const echo = this.expectEcho(message.chatId, text);
      const sent = await this.say(message, text);
      const platformMessageId = sent?.id ?? (await echo) ?? `local-${randomUUID()}`;
      this.failing = false;
      return { platformMessageId };
    } catch (error) {
      if (error instanceof SendError && error.gone) {
        this.deps.log.warn({ chatId: message.chatId, reason: error.message }, 'WeChat chat is gone');
        throw error;
      }
      const reason = (error as Error)?.message ?? String(error);
      this.deps.log.error({ err: error, chatId: message.chatId }, 'WeChat send failed');
      if (!this.failing) {
        this.failing = true;
        await this.report(this.deps.t('wechat.sendFailed', { error: reason.slice(0, 200) }));
      }
      throw new SendError(`WeChat send failed: ${reason}`, true);
    } finally {
      this.dropEcho(message.chatId, text);
    }
  }

  private async say(message: OutgoingMessage, text: string): Promise<Message | void> {
    const kind = await this.deps.store.chatKind(message.chatId);
    if (kind !== 'private') {
      const room = await this.room(message.chatId);
      if (room) {
        const mentioned = message.mention ? await this.contact(message.mention.userId) : undefined;
        if (mentioned) return room.say(text, mentioned);
        return room.say(message.mention ? `@${message.mention.name} ${text}` : text);
      }
      if (kind === 'group') throw this.notFound(`room ${message.chatId} not found`);
    }
    const contact = await this.contact(message.chatId);
    if (!contact) throw this.notFound(`contact ${message.chatId} not found`);
    return contact.say(text);
  }

  /**
   * A room or contact the puppet does not know: gone (the bot left or was removed, the group was
   * dissolved, the person deleted the bot) once the puppet has loaded its lists, else perhaps not yet loaded.
   */
  private notFound(reason: string): SendError {
    return this.loaded ? SendError.chatGone(`WeChat ${reason}`) : new SendError(`WeChat ${reason} (rooms and contacts still loading)`, true, 5_000);
  }

  private async room(id: string): Promise<Room | undefined> {
    try {
      return await this.deps.wechaty.Room.find({ id });
    } catch {
      return undefined;
    }
  }

  private async contact(id: string): Promise<Contact | undefined> {
    try {
      return await this.deps.wechaty.Contact.find({ id });
    } catch {
      return undefined;
    }
  }

  private expectEcho(chatId: string, text: string): Promise<string | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(undefined), this.deps.echoTimeoutMs ?? 3_000);
      this.echoes.push({
        chatId,
        text,
        resolve: (id) => {
          clearTimeout(timer);
          resolve(id);
        },
      });
    });
  }

  private dropEcho(chatId: string, text: string): void {
    const index = this.echoes.findIndex((e) => e.chatId === chatId && e.text === text);
    if (index >= 0) this.echoes.splice(index, 1)[0]!.resolve('');
  }

  private async onMessage(message: Message): Promise<void> {
    if (message.self()) {
      const chatId = message.room()?.id ?? message.listener()?.id;
      const waiter = this.echoes.find((e) => e.chatId === chatId && message.text().endsWith(e.text));
      if (waiter) {
        this.echoes.splice(this.echoes.indexOf(waiter), 1);
        waiter.resolve(message.id);
      }
      return;
    }
    await this.rebound;
    const sink = this.sink;
    if (!sink) return;
    const inbound = await toInbound(this.deps.wechaty, message);
    if (!inbound) return;
    const typed = inbound.text;
    // One at a time, in arrival order: while the database is away, later messages wait behind the first.
    const handOver = async () => {
      const since = new Date(Date.now() - this.deps.pacing.menuTtlMinutes * 60_000);
      const button = await pickFromLastMenu(this.deps.store, inbound.chatId, typed, since);
      await sink(button ? { ...inbound, text: button.value, isButton: true } : inbound);
    };
    const run = this.inbound.then(() => retryUntilStored(handOver, inbound, { log: this.deps.log, signal: this.stopping.signal }));
    this.inbound = run.then(() => undefined);
    await run;
  }

  private async onLogin(user: Contact): Promise<void> {
    this.deps.log.info({ account: user.name(), id: user.id }, 'WeChat logged in');
    await this.rebind();
    this.online = true;
  }

  private async onLogout(user: Contact, reason?: string): Promise<void> {
    this.online = false;
    this.loaded = false;
    // Our own shutdown logs out too: that is no news for the admin.
    if (!this.sink) return;
    this.deps.log.warn({ account: user.name(), reason }, 'WeChat logged out; outgoing messages are held until the next login');
    await this.report(this.deps.t('wechat.loggedOut', { account: user.name() }));
  }

  /** Serialised, so messages arriving meanwhile wait for it. */
  private rebind(): Promise<void> {
    const run = this.rebound.then(() => this.rebindNow());
    this.rebound = run.catch((error: unknown) => this.deps.log.error({ err: error }, 'WeChat re-binding failed'));
    return this.rebound;
  }

  private async rebindNow(): Promise<void> {
    const { wechaty, store, log } = this.deps;
    const selfId = wechaty.currentUser.id;
    const rooms = await Promise.all((await wechaty.Room.findAll()).map(async (room) => ({ id: room.id, topic: await room.topic() })));
    const contacts = await Promise.all(
      (await wechaty.Contact.findAll())
        .filter((contact) => contact.id !== selfId)
        .map(async (contact) => ({ id: contact.id, names: [await contact.alias(), contact.name()].filter((n): n is string => Boolean(n)) })),
    );
    const result = await store.rebind(rooms, contacts);
    if (result.chats.length > 0 || result.bindings.length > 0) log.info({ chats: result.chats, bindings: result.bindings }, 'WeChat ids re-bound after login');
    for (const ambiguity of result.ambiguous) await this.reportAmbiguity(ambiguity);
  }

  private async reportAmbiguity(ambiguity: Ambiguity): Promise<void> {
    const key = `${ambiguity.kind}:${ambiguity.name}`;
    this.deps.log.warn(ambiguity, 'WeChat re-binding is ambiguous; left for the admin');
    if (this.reported.has(key)) return;
    this.reported.add(key);
    const params = { name: ambiguity.name, count: ambiguity.candidates };
    await this.report(this.deps.t(ambiguity.kind === 'group' ? 'wechat.ambiguousGroup' : 'wechat.ambiguousPerson', params));
  }

  private async report(text: string): Promise<void> {
    try {
      await this.deps.store.reportToAdmin(text);
    } catch (error) {
      this.deps.log.error({ err: error }, 'could not queue the report to the admin chat');
    }
  }

  /** Event handlers never throw into wechaty: a failure is logged and the bot carries on. */
  private guard(event: string, handler: () => Promise<void>): void {
    handler().catch((error: unknown) => this.deps.log.error({ err: error, event }, 'WeChat event handling failed'));
  }
}
