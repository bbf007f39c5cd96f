import type { Policy } from '../config/policy.ts';
import { isDatabaseUnavailable, isUniqueViolation, type Db, type Tx } from '../db/client.ts';
import type { Translate } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import { enqueue, Outbox, type OutboxEntry } from '../messaging/outbox.ts';
import type { InboundMessage, OutgoingMessage } from '../messaging/types.ts';
import type { Clock } from '../time/clock.ts';
import { chatPurposeOf } from './chat-purpose.ts';
import { type Command, type OpenPrompt, type ReplyOptions, type RunContext } from './command.ts';
import { renderText, type Text } from '../i18n/text.ts';
import { clearPending, pendingOf, savePending, type ConversationKey } from './conversation.ts';
import { readArrival } from './arrival.ts';
import { Budget, type RecordedOutcome } from './budget.ts';
import { rememberPrivateChat, senderFromRows, upsertChat, type Sender } from './identity.ts';
import { describeRoute, route } from './router.ts';
import { sql } from '../db/sql.ts';

export interface DispatcherDeps {
  db: Db;
  commands: readonly Command[];
  policy: Policy;
  t: Translate;
  log: Logger;
  clock: Clock;
  botName: string;
  /** Called after a transaction that wrote outbox rows has committed. */
  onOutbox: () => void;
}

const TRANSACTION_OPTIONS = { timeout: 30_000, maxWait: 30_000 };

class DuplicateEvent extends Error {}

function errorText(error: unknown): string {
  return String((error as Error)?.stack ?? error).slice(0, 4000);
}

/**
 * The one way through for every inbound message: persist (dedupe) → identify → route → handle in
 * one transaction that also writes what the command sends to the outbox.
 */
export class Dispatcher {
  private readonly commandsById: Map<string, Command>;
  private readonly budget: Budget;

  constructor(private readonly deps: DispatcherDeps) {
    this.commandsById = new Map(deps.commands.map((c) => [c.id, c]));
    this.budget = new Budget(deps.policy.limits);
  }

  /**
   * Stores the event and handles it in one transaction, so the inbox row and every effect commit
   * together; the same platform event id a second time does nothing.
   */
  async receive(message: InboundMessage): Promise<{ duplicate: boolean }> {
    let commandName: string | undefined;
    try {
      await this.deps.db.$transaction(
        async (tx) => {
          commandName = await this.handleAndEnqueue(tx, message, async (outcome) => {
            try {
              await insertInboxRow(tx, { ...this.inboxRow(message, 'done'), outcome: JSON.stringify(outcome) });
            } catch (error) {
              if (isUniqueViolation(error)) throw new DuplicateEvent();
              throw error;
            }
          });
        },
        TRANSACTION_OPTIONS,
      );
    } catch (error) {
      if (error instanceof DuplicateEvent) {
        this.deps.log.info({ platform: message.platform, eventId: message.eventId }, 'duplicate event ignored');
        return { duplicate: true };
      }
      await this.recordFailure(message, error, commandName, (tx) => insertInboxRow(tx, this.inboxRow(message, 'failed', error)));
    }
    this.deps.onOutbox();
    return { duplicate: false };
  }

  /** Handles events stored but not processed (status "received"), e.g. by an older version before a crash. */
  async recover(): Promise<number> {
    const pending = await this.deps.db.inboxEvent.findMany({ where: { status: 'received' }, orderBy: { id: 'asc' } });
    for (const row of pending) {
      const message = JSON.parse(row.payload) as InboundMessage;
      message.sentAt = new Date(message.sentAt);
      let commandName: string | undefined;
      try {
        await this.deps.db.$transaction(async (tx) => {
          const claimed = await tx.inboxEvent.updateMany({ where: { id: row.id, status: 'received' }, data: { status: 'done', processedAt: this.deps.clock.now() } });
          if (claimed.count !== 1) return;
          commandName = await this.handleAndEnqueue(tx, message, async (outcome) => {
            await tx.inboxEvent.update({ where: { id: row.id }, data: { outcome: JSON.stringify(outcome) } });
          });
        }, TRANSACTION_OPTIONS);
      } catch (error) {
        await this.recordFailure(message, error, commandName, (tx) =>
          tx.inboxEvent.update({ where: { id: row.id }, data: { status: 'failed', error: errorText(error), processedAt: this.deps.clock.now() } }),
        );
      }
    }
    if (pending.length > 0) this.deps.onOutbox();
    return pending.length;
  }

  private inboxRow(message: InboundMessage, status: 'done' | 'failed', error?: unknown): InboxRow {
    const now = this.deps.clock.now();
    return {
      platform: message.platform,
      eventId: message.eventId,
      payload: JSON.stringify(message),
      status,
      receivedAt: now,
      processedAt: now,
      error: error === undefined ? null : errorText(error),
      outcome: null,
    };
  }

  private async handleAndEnqueue(tx: Tx, message: InboundMessage, record: (outcome: RecordedOutcome) => Promise<void>): Promise<string | undefined> {
    const out = new Outbox();
    const commandName = await this.handle(tx, message, out, record);
    await out.write(tx, this.deps.clock.now());
    return commandName;
  }

  /** The handler threw: its effects are rolled back; keep the event as failed and tell the sender. */
  private async recordFailure(message: InboundMessage, error: unknown, commandName: string | undefined, markFailed: (tx: Tx) => Promise<unknown>) {
    // Not the handler's fault: nothing was kept, so the caller answers 5xx and the platform
    // delivers it again (recorded as failed, the redelivery would be dropped as a duplicate).
    if (isDatabaseUnavailable(error)) {
      this.deps.log.warn({ err: error, eventId: message.eventId, platform: message.platform }, 'database unavailable, event left for redelivery');
      throw error;
    }
    this.deps.log.error({ err: error, eventId: message.eventId, platform: message.platform }, 'message handling failed');
    const text = this.deps.t('error.internal', { command: commandName ?? message.text.slice(0, 20) });
    try {
      await this.deps.db.$transaction(async (tx) => {
        await markFailed(tx);
        await enqueue(tx, [{ platform: message.platform, message: { chatId: message.chatId, text, replyToMessageId: message.messageId } }], this.deps.clock.now());
      });
    } catch (second) {
      // A concurrent redelivery may have stored the event meanwhile; it was handled there.
      if (!isUniqueViolation(second)) throw second;
    }
  }

  /**
   * Reads what the message needs to be routed, routes it, records the event with the outcome (the
   * dedupe: a second delivery stops here, before any effect), then runs what was decided. Returns
   * the name of the command it ran, for the error reply if the handler throws.
   */
  private async handle(tx: Tx, message: InboundMessage, out: Outbox, record: (outcome: RecordedOutcome) => Promise<void>): Promise<string | undefined> {
    const { policy, t, clock } = this.deps;
    const key: ConversationKey = { platform: message.platform, platformChatId: message.chatId, platformUserId: message.senderId };
    const arrival = await readArrival(tx, key);
    const chat = await upsertChat(tx, arrival.chat, message.platform, message.chatId, message.chatKind, message.chatTitle);
    const sender = senderFromRows(arrival.senderRows);
    if (sender && message.chatKind === 'private') await rememberPrivateChat(tx, message.platform, message.senderId, message.chatId);
    const pendingRow = await pendingOf(tx, arrival.conversation, clock.now());
    const pending = pendingRow && pendingRow !== 'expired' ? pendingRow : null;
    const pendingCommand = pending ? this.commandsById.get(pending.command) : undefined;
    const quoted = await this.quotedBotMessage(tx, message);
    const quotedSubject = quoted?.subject ?? null;

    const result = route(
      {
        text: message.text,
        botName: this.deps.botName,
        mentionsBot: message.mentionsBot,
        quotesBot: quoted !== null,
        isButton: message.isButton ?? false,
        now: message.sentAt,
        policy,
        roles: sender?.roles ?? null,
        chatKind: message.chatKind,
        chatPurpose: chatPurposeOf(chat.purpose),
        quotedSubject,
        pending: pending && pendingCommand ? { command: pendingCommand, rest: pending.rest, expects: pending.expects } : null,
        hasAttachments: Boolean(message.attachments?.length || message.location),
      },
      this.deps.commands,
    );
    // Over a budget: recorded (a redelivery stays a duplicate) but not acted on; the sender is told once.
    const refused = await this.budget.refusal(tx, message, sender, result, clock.now().getTime());
    await record(refused ? { ...describeRoute(result, t), refused: refused.budget } : describeRoute(result, t));
    if (refused) {
      if (refused.notice) out.add(this.replyTo(message, sender, renderText(t, refused.notice), {}));
      return undefined;
    }

    const reply = (text: string, options: ReplyOptions = {}) => out.add(this.replyTo(message, sender, text, options));
    const say = (text: Text) => reply(renderText(t, text));
    const expiresAt = () => new Date(clock.now().getTime() + policy.conversation.timeoutMinutes * 60_000);
    if (result.type !== 'ignore' && pendingRow) await clearPending(tx, key);
    switch (result.type) {
      case 'ignore':
        return undefined;
      case 'cancel':
        say({ key: 'prompt.cancelled', params: { command: pendingCommand?.names[0] ?? '' } });
        return undefined;
      case 'reply':
        // An answer to a question that timed out is not a command: say so rather than "unknown".
        say(pendingRow === 'expired' && !result.command ? { key: 'prompt.expired' } : result.text);
        return result.command?.names[0];
      case 'ask': {
        await savePending(tx, key, { command: result.command.id, rest: result.rest, expects: result.expects }, expiresAt());
        reply(`${renderText(t, result.prompt)}${t('prompt.cancelHint')}`);
        return result.command.names[0];
      }
      case 'run': {
        let opened: OpenPrompt | null = null;
        const context: RunContext = {
          tx,
          now: message.sentAt,
          policy,
          t,
          log: this.deps.log.child({ command: result.command.id }),
          message,
          chat,
          sender,
          quotedSubject,
          out,
          reply,
          send: (target, text, options = {}) =>
            out.add({
              platform: target.platform,
              message: { chatId: target.chatId, text, ...(options.buttons ? { buttons: options.buttons } : {}) },
              ...(options.subject ? { subject: options.subject } : {}),
            }),
          expectAnswer: (prompt) => {
            opened = prompt;
          },
        };
        await result.command.run(context, result.args);
        if (opened) await savePending(tx, key, opened, expiresAt());
        return result.command.names[0];
      }
    }
  }

  /** The bot message this one quotes (found by the platform message id it was sent as), with what it was about. */
  private async quotedBotMessage(tx: Tx, message: InboundMessage): Promise<{ subject: string | null } | null> {
    if (!message.replyToMessageId) return null;
    return tx.outboxMessage.findFirst({
      where: { platform: message.platform, platformChatId: message.chatId, platformMessageId: message.replyToMessageId },
      select: { subject: true },
    });
  }

  private replyTo(message: InboundMessage, sender: Sender | null, text: string, options: ReplyOptions): OutboxEntry {
    const outgoing: OutgoingMessage = { chatId: message.chatId, text };
    if (message.chatKind === 'group' && options.mention !== false) {
      outgoing.mention = { userId: message.senderId, name: sender?.name ?? message.senderName ?? '' };
    }
    if (options.quote) outgoing.replyToMessageId = message.messageId;
    if (options.buttons) outgoing.buttons = options.buttons;
    return { platform: message.platform, message: outgoing, ...(options.subject ? { subject: options.subject } : {}) };
  }
}

interface InboxRow {
  platform: string;
  eventId: string;
  payload: string;
  status: 'done' | 'failed';
  receivedAt: Date;
  processedAt: Date;
  error: string | null;
  outcome: string | null;
}

/** The event's inbox row, the dedupe of every message: raw, as it is on every message's path (a unique violation still reads as one). */
async function insertInboxRow(tx: Tx, row: InboxRow): Promise<void> {
  await sql(tx).execute`
    INSERT INTO "InboxEvent" ("platform", "eventId", "payload", "status", "error", "receivedAt", "processedAt", "outcome")
    VALUES (${row.platform}, ${row.eventId}, ${row.payload}, ${row.status}, ${row.error}, ${row.receivedAt}, ${row.processedAt}, ${row.outcome})`;
}
