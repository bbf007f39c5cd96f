import type { z } from 'zod';
import type { Policy } from '../config/policy.ts';
import type { Tx } from '../db/client.ts';
import type { MessageKey, Translate } from '../i18n/index.ts';
import { renderText, type Text } from '../i18n/text.ts';
import type { Logger } from '../log.ts';
import type { Outbox } from '../messaging/outbox.ts';
import type { Button, ChatKind, InboundMessage, Platform } from '../messaging/types.ts';
import type { ChatPurpose } from './chat-purpose.ts';
import { checkGuards, type CommunitySender, type LoadedRecord, type PlaceGuard, type RecordGuard, type RolesFor } from './guards.ts';

export type { CommunitySender };
import type { ChatRecord, Sender } from './identity.ts';
import type { Scoped } from './records.ts';
import type { Role } from './roles.ts';

/** A command's arguments as written, for a trigger that tests them. */
export interface WrittenArguments {
  rest: string;
  /** The word ended its line: the arguments are the lines below it (「周计划\n1. 走访…」). */
  block: boolean;
}

/**
 * How a command may start in a group when the bot is not addressed (no @mention, no quote of a bot
 * message, no button, no /command). Addressed messages and private chats may always run it.
 * - `alone`: the command word by itself (or with sentence-final punctuation, 「签到！」) runs it;
 * - `args`: what may follow the word after a separator: any arguments, only a `#编号` reference,
 *   nothing (the command then needs an address to take arguments), or only arguments that pass the
 *   command's own test — pure, like a parser: a form (「值班 本周」 runs, 「值班，辛苦了」 is talk),
 *   lines under the word, the words of an incident.
 */
export interface GroupTrigger {
  alone: boolean;
  args: 'any' | 'reference' | 'none' | ((written: WrittenArguments, context: ParseContext) => boolean);
}

/** A numbered list on one line: 1 and later 2, each with a mark or space after it, not a count (1栋, 2人). */
const NUMBERED_LIST = /^\(?1(?:[.、):]|\s|(?![\d号楼栋层户人个次天点月日年元%万]))[\s\S]*?(?<![\d.])\(?2(?:[.、):]|\s|(?![\d号楼栋层户人个次天点月日年元%万]))/;

export const TRIGGER = {
  /** The word alone or with its arguments: 签到, 请假 明天 事假 …, 考勤 本月. */
  bare: { alone: true, args: 'any' },
  /** Only with arguments: 补记 王五 上午 开会 (the word alone is talk). */
  withArgs: { alone: false, args: 'any' },
  /** The word by itself only: 帮助, 去向 (with arguments it must be addressed). */
  alone: { alone: true, args: 'none' },
  /** The word alone or with a number only: 销假, 销假 #12. */
  exact: { alone: true, args: 'reference' },
  /** Everyday words that change a record act only on an explicit number: 同意 #12, 撤回 #3. */
  reference: { alone: false, args: 'reference' },
  /** Everyday words that need an address in a group: 休息, 外出 … */
  addressed: { alone: false, args: 'none' },
  /** Written content under the word, or a numbered list: 「周计划\n1. …」「例会纪要\n…」; 「周计划，下班前交」 is talk. */
  block: { alone: false, args: ({ rest, block }) => block || NUMBERED_LIST.test(rest) },
} as const satisfies Record<string, GroupTrigger>;

/** The word alone (when `alone`) or with arguments of one form only, matched whole: 值班 本周, 换班 12月5日 …. */
export function triggerWithArgs(pattern: RegExp, alone: boolean): GroupTrigger {
  return { alone, args: ({ rest }) => pattern.test(rest) };
}

/**
 * The form an answer to a prompt has, so that in a group a prompt is continued only by an answer
 * that plainly is one (a date for a date); anything else from the person there is talk.
 */
export type AnswerForm =
  /** Free text: in a group only an addressed or quoted message answers it. */
  | { kind: 'text' }
  /** A date or time phrase (明天, 11月25日, 下午2点到4点, 3天). */
  | { kind: 'date' }
  /** Text matching this regular expression (source, tested on the whole answer). */
  | { kind: 'pattern'; source: string }
  /** One of these words. */
  | { kind: 'choice'; options: string[] }
  /** One of these words, each standing for a command text run as if addressed: 确认 → 「确认 #12」. */
  | { kind: 'commands'; answers: Record<string, string> };

/** What a command's parser sees: no database, so `shequ parse` can run it without effects. */
export interface ParseContext {
  now: Date;
  policy: Policy;
  /** null when the sender is not bound to a person. */
  roles: readonly Role[] | null;
  chatKind: ChatKind;
  /** What the group is declared to be (设为工作群 …); null for private chats and undeclared groups. */
  chatPurpose?: ChatPurpose | null;
  /** When the message quotes a bot message: what that message was about (its outbox subject). */
  quotedSubject?: string | null;
}

export type ArgsResult<A> =
  | { ok: true; args: A }
  /** A field is missing: ask for it, keep what was understood so far, and say what an answer looks like. */
  | {
      ok: false;
      ask: Text;
      expects?: AnswerForm;
      partial?: Record<string, unknown>;
      /**
       * What to keep of the arguments for the answer to be appended to, when the written text alone
       * would not say which field the answer is for: the fields so far, ending in the asked one's
       * label (「…\n级别:」), so the answer completes it.
       */
      keep?: string;
    }
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

/** A question a handler leaves open for the sender in this chat: their next answer runs `command`. */
export interface OpenPrompt {
  command: string;
  rest: string;
  expects: AnswerForm;
}

export interface CommandContext<S extends Sender | null = Sender | null, K = unknown> {
  tx: Tx;
  /** When the message was sent, in the injected clock's terms. */
  now: Date;
  policy: Policy;
  t: Translate;
  log: Logger;
  message: InboundMessage;
  chat: ChatRecord;
  sender: S;
  /** What the quoted bot message was about (e.g. "leave:12"), when the message quotes one. */
  quotedSubject: string | null;
  /**
   * Everything the command sends: `reply` and `send` add to it, and so do the approval workflow, the
   * incident desk and the families' own posts, edits and recalls. The dispatcher writes it once,
   * after the handler, in the command's transaction.
   */
  out: Outbox;
  reply(text: string, options?: ReplyOptions): void;
  send(target: { platform: Platform; chatId: string }, text: string, options?: Omit<ReplyOptions, 'quote' | 'mention'>): void;
  /** Keeps a question open for the sender in this chat, e.g. 确认 after a leave note is shown. */
  expectAnswer(prompt: OpenPrompt): void;
  /** The record the arguments name, loaded and authorised by the command's guards; null when none is named. */
  record: K | null;
  /** Every record the arguments name (two cases of 并案; each kind a bare 同意 #3 may mean), in order. */
  records: readonly LoadedRecord<K>[];
}

/** What the dispatcher hands a command: the guards add the records. */
export type RunContext = Omit<CommandContext, 'record' | 'records'>;

type AllowedRoles = readonly Role[] | 'anyone';
type Membership = 'community' | undefined;
/**
 * A command open to anyone may meet an unbound sender; any other gets a bound one, and one that
 * declares `member: 'community'` one known to belong to a community, by its type.
 */
export type SenderFor<R extends AllowedRoles, M extends Membership = undefined> = R extends 'anyone' ? Sender | null : M extends 'community' ? CommunitySender : Sender;

/** A command as its file declares it. */
export interface CommandSpec<A, R extends AllowedRoles, M extends Membership = undefined, K extends Scoped = never> {
  id: string;
  /** Chinese names first, then English and /slash aliases. */
  names: readonly string[];
  summary: MessageKey;
  example: MessageKey;
  /** Who may run it; 'anyone' includes senders not yet bound. The router checks it. */
  allowedRoles: R;
  /** The sender must belong to a community (their community's records, colleagues, groups). */
  member?: M;
  /** Where it may run. */
  where?: PlaceGuard;
  /** Who may run it with these arguments, where that narrows `allowedRoles`. */
  rolesFor?: RolesFor<NoInfer<A>>;
  /** The record its arguments name (#编号, a quoted bot message, a button): loaded and authorised before the handler. */
  record?: RecordGuard<NoInfer<A>, K>;
  /** How it may start in a group when the bot is not addressed; see GroupTrigger. */
  trigger: GroupTrigger;
  /** What may stand before the word (「明天请假一天」): the whole text before it must match. */
  prefix?: RegExp;
  /** What may follow the word with no separator (「请假一天」「设为工作群」): matched at the start of the rest. */
  glued?: RegExp;
  /** Quoting a bot message whose subject starts with one of these runs this command with the text as its arguments. */
  quotedSubjects?: readonly string[];
  /**
   * Addressed text that no command word starts, in a chat and from a sender this accepts, runs this
   * command with the whole text as its arguments: a resident's question to the bot in a resident
   * group (「@社区助手 停水到几点？」) is a question, not an unknown command.
   */
  catchesAddressed?: (context: ParseContext) => boolean;
  /** Typed arguments, validated with zod, for the handler and for `shequ parse`. */
  args: z.ZodType<A>;
  parse(rest: string, context: ParseContext): ArgsResult<A>;
  handle(context: CommandContext<SenderFor<R, M>, K>, args: A): Promise<void>;
}

/** A command as the router and the dispatcher hold it, whatever its argument type. */
export interface Command extends Omit<CommandSpec<unknown, AllowedRoles, Membership, Scoped>, 'handle' | 'args'> {
  args: z.ZodType<unknown>;
  /** Checks the declared guards, then runs the handler with the records they loaded. */
  run(context: RunContext, args: unknown): Promise<void>;
}

export function defineCommand<A, const R extends AllowedRoles, const M extends Membership = undefined, K extends Scoped = never>(spec: CommandSpec<A, R, M, K>): Command {
  const { handle, ...declaration } = spec;
  const guards = { command: spec.names[0]!, member: spec.member, record: spec.record };
  return {
    ...(declaration as Omit<CommandSpec<unknown, AllowedRoles, Membership, Scoped>, 'handle' | 'args'>),
    args: spec.args,
    parse: (rest, context) => spec.parse(rest, context),
    async run(base, args) {
      // The router refuses unbound senders before any command that names its roles.
      if (spec.allowedRoles !== 'anyone' && base.sender === null) throw new Error(`${spec.id} reached without a bound sender`);
      const guarded = await checkGuards(guards, base, args as A);
      if (!guarded.ok) {
        if (guarded.answer) base.reply(renderText(base.t, guarded.answer));
        return;
      }
      const context = { ...base, record: guarded.records[0]?.row ?? null, records: guarded.records };
      await handle(context as CommandContext<SenderFor<R, M>, K>, args as A);
    },
  };
}

/** Validates raw arguments with the command's schema; a failed field is asked for or explained. */
export function argsFromSchema<A>(
  schema: z.ZodType<A>,
  raw: unknown,
  messages: { ask?: Partial<Record<string, Text>>; invalid?: Partial<Record<string, Text>>; expects?: Partial<Record<string, AnswerForm>> },
): ArgsResult<A> {
  const result = schema.safeParse(raw);
  if (result.success) return { ok: true, args: result.data };
  const issue = result.error.issues[0]!;
  const field = String(issue.path[0] ?? '');
  const value = raw && typeof raw === 'object' ? (raw as Record<string, unknown>)[field] : undefined;
  const ask = messages.ask?.[field];
  const expects = messages.expects?.[field];
  if ((value === undefined || value === '') && ask) return { ok: false, ask, ...(expects ? { expects } : {}) };
  const invalid = messages.invalid?.[field];
  if (invalid) return { ok: false, error: invalid };
  throw new Error(`argument ${field} failed validation with no message for it: ${issue.message}`);
}
