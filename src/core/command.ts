import type { z } from 'zod';
import type { Policy } from '../config/policy.ts';
import type { Tx } from '../db/client.ts';
import type { MessageKey, MessageParams, Translate } from '../i18n/index.ts';
import type { Logger } from '../log.ts';
import type { Button, ChatKind, InboundMessage, Platform } from '../messaging/types.ts';
import type { Role } from './roles.ts';

/** The person behind a bound platform account, with what the database says they are. */
export interface Sender {
  personId: number;
  name: string;
  roles: Role[];
  communityId: number | null;
  communityName: string | null;
  /** The grid (网格) the person works, from the roster; staggered hours may follow it. */
  grid: string | null;
  streetId: number | null;
}

export interface ChatRecord {
  id: number;
  platform: Platform;
  platformChatId: string;
  kind: ChatKind;
  title: string | null;
  purpose: string | null;
  communityId: number | null;
}

/** A user-facing text by catalog key, rendered in the office's locale. */
export interface Text {
  key: MessageKey;
  params?: MessageParams;
  /** Params that are lists of catalog keys, rendered translated and joined with 「或」. */
  lists?: Record<string, MessageKey[]>;
}

export function renderText(t: Translate, text: Text): string {
  const params: MessageParams = { ...text.params };
  for (const [name, keys] of Object.entries(text.lists ?? {})) {
    const items = keys.map((key) => t(key));
    params[name] = items.length > 1 ? `${items.slice(0, -1).join(t('list.separator'))}${t('list.or')}${items.at(-1)}` : (items[0] ?? '');
  }
  return t(text.key, params);
}

/** What a command's parser sees: no database, so `shequ parse` can run it without effects. */
export interface ParseContext {
  now: Date;
  policy: Policy;
  /** null when the sender is not bound to a person. */
  roles: readonly Role[] | null;
  chatKind: ChatKind;
  /** When the message quotes a bot message: what that message was about (its outbox subject). */
  quotedSubject?: string | null;
}

export type ArgsResult<A> =
  | { ok: true; args: A }
  /** A field is missing: ask for it and keep what was said so far. */
  | { ok: false; ask: Text }
  | { ok: false; error: Text };

export interface ReplyOptions {
  buttons?: Button[];
  /** Quote the message being answered (default: no). */
  quote?: boolean;
  /** Mention the sender in a group (default: yes). */
  mention?: boolean;
  /** What the message is about, e.g. "leave:12", so a quoted reply to it finds its subject. */
  subject?: string;
}

export interface CommandContext {
  tx: Tx;
  /** When the message was sent, in the injected clock's terms. */
  now: Date;
  policy: Policy;
  t: Translate;
  log: Logger;
  message: InboundMessage;
  chat: ChatRecord;
  sender: Sender | null;
  /** What the quoted bot message was about (e.g. "leave:12"), when the message quotes one. */
  quotedSubject: string | null;
  reply(text: string, options?: ReplyOptions): void;
  send(target: { platform: Platform; chatId: string }, text: string, options?: Omit<ReplyOptions, 'quote' | 'mention'>): void;
}

export interface CommandSpec<A = unknown> {
  id: string;
  /** Chinese names first, then English and /slash aliases. */
  names: readonly string[];
  summary: MessageKey;
  example: MessageKey;
  /** Who may run it; 'anyone' includes senders not yet bound. */
  allowedRoles: readonly Role[] | 'anyone';
  /** Typed arguments, validated with zod, for the handler and for `shequ parse`. */
  args: z.ZodType<A>;
  parse(rest: string, context: ParseContext): ArgsResult<A>;
  handle(context: CommandContext, args: A): Promise<void>;
}

export function defineCommand<A>(spec: CommandSpec<A>): CommandSpec<A> {
  return spec;
}

/** Validates raw arguments with the command's schema; a failed field is asked for or explained. */
export function argsFromSchema<A>(
  schema: z.ZodType<A>,
  raw: unknown,
  messages: { ask?: Partial<Record<string, Text>>; invalid?: Partial<Record<string, Text>> },
): ArgsResult<A> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, args: result.data };
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined;
  const ask = messages.ask?.[field];
  if ((value === undefined || value === '') && ask) return { ok: false, ask };
  const invalid = messages.invalid?.[field];
  if (invalid) return { ok: false, error: invalid };
  throw new Error(`argument ${field} failed validation with no message for it: ${issue.message}`);
}
