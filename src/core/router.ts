import { distance } from 'fastest-levenshtein';
import { isDatePhrase, UPCOMING } from '../time/grammar.ts';
import { type AnswerForm, type ArgsResult, type Command, type GroupTrigger, type ParseContext, type WrittenArguments } from './command.ts';
import { renderText, type Text } from '../i18n/text.ts';
import type { Translate } from '../i18n/index.ts';
import { argumentRefusal, placeRefusal } from './guards.ts';
import { readReference } from './reference.ts';
import { restoreWritten, writtenAs } from './as-written.ts';
import { holdsAny, roleKey, type Role } from './roles.ts';

/**
 * From raw chat text to a command and its arguments. Pure: `shequ parse` and the bot share it.
 * In a group, talk is not a command: a message the bot is not addressed in runs a command only
 * when it is written as one (the word alone, or a separator and arguments), and only as far as the
 * command's trigger allows; text glued to a command word (「休息一下」「考勤表」) is talk.
 */

export type RouteResult =
  | { type: 'run'; command: Command; args: unknown }
  | { type: 'ask'; command: Command; prompt: Text; rest: string; expects: AnswerForm; partial: Record<string, unknown> }
  | { type: 'cancel' }
  | { type: 'reply'; text: Text; command?: Command }
  | { type: 'ignore' };

export interface PendingRoute {
  command: Command;
  rest: string;
  expects: AnswerForm;
}

export interface RouteInput extends ParseContext {
  text: string;
  botName: string;
  /** The bot was @mentioned (the mention is already removed from `text` by the adapter or here). */
  mentionsBot: boolean;
  /** The message quotes one of the bot's own messages. */
  quotesBot?: boolean;
  /** A button press: its value arrives as the text. */
  isButton?: boolean;
  /** A question waiting for this sender's answer in this chat. */
  pending?: PendingRoute | null;
  /** The message carries pictures, files or a location: with no text it may still answer a question. */
  hasAttachments?: boolean;
}

const CANCEL_WORDS = new Set(['取消', '算了', 'cancel', '/cancel']);
/** Sentence-final punctuation after a command word: 「签到！」「签到。」 (after NFKC folding). */
const FINAL_PUNCTUATION = /^[!。.~…]+$/;
/** What separates a command word from its arguments (after NFKC folding): 「请假：明天」「请假，明天」. */
const SEPARATOR = /^[\s:,、;]+/;
/** What may follow the word directly and still be an argument: a number, a reference, an @mention. */
const REFERENCE_START = /^[#\d@]/;
/** The word ends its line: what follows starts on the next one (「周计划\n1. 走访…」「例会纪要：\n…」). */
const BLOCK_START = /^[^\S\n]*[:,、;]?[^\S\n]*\n/;

/**
 * Full-width to half-width, one space between words within a line, line breaks kept, no @mention
 * of the bot, no /cmd@botname suffix, no control characters.
 */
export function normalizeText(text: string, botName: string): string {
  const mention = `@${botName.normalize('NFKC')}`;
  const lines = text
    .normalize('NFKC')
    .replace(/\r\n?/g, '\n')
    .split(mention)
    .join(' ')
    .split('\n')
    .map((line) => line.replace(/[^\S\n]+/g, ' ').trim());
  while (lines.length > 0 && lines[0] === '') lines.shift();
  while (lines.length > 0 && lines.at(-1) === '') lines.pop();
  return lines.join('\n').replace(/^(\/[a-z_]+)@\w+/i, '$1');
}

/** The arguments after a command word, or null when the text goes on glued to the word (talk). */
function argumentsAfter(command: Command, after: string): string | null {
  if (after === '' || FINAL_PUNCTUATION.test(after)) return '';
  const separated = SEPARATOR.exec(after);
  if (separated) {
    const rest = after.slice(separated[0].length);
    return FINAL_PUNCTUATION.test(rest) ? '' : rest;
  }
  if (REFERENCE_START.test(after) || command.glued?.test(after)) return after;
  return null;
}

export interface CommandMatch {
  command: Command;
  /** The arguments; for a command written after its prefix (「明天请假」), the prefix comes first. */
  rest: string;
  /** The word ends its line and the arguments are the lines below it. */
  block: boolean;
}

/** The command the text is written as: its word first (longest wins), else after a declared prefix. */
export function matchCommand(text: string, commands: readonly Command[]): CommandMatch | null {
  const lower = text.toLowerCase();
  let best: (CommandMatch & { length: number }) | null = null;
  for (const command of commands) {
    for (const name of command.names) {
      const candidate = name.toLowerCase();
      if (!lower.startsWith(candidate) || (best && candidate.length <= best.length)) continue;
      const after = text.slice(candidate.length);
      const rest = argumentsAfter(command, after);
      if (rest !== null) best = { command, rest, block: BLOCK_START.test(after), length: candidate.length };
    }
  }
  if (best) return { command: best.command, rest: best.rest, block: best.block };
  for (const command of commands) {
    if (!command.prefix) continue;
    for (const name of command.names) {
      const at = lower.indexOf(name.toLowerCase());
      if (at <= 0) continue;
      const before = text.slice(0, at).trim();
      const after = text.slice(at + name.length);
      const rest = command.prefix.test(before) ? argumentsAfter(command, after) : null;
      if (rest !== null) return { command, rest: `${before} ${rest}`.trim(), block: BLOCK_START.test(after) };
    }
  }
  return null;
}

/** Whether a command written this way runs in a group without the bot being addressed. */
export function triggersUnaddressed(trigger: GroupTrigger, written: WrittenArguments, context: ParseContext): boolean {
  if (written.rest === '') return trigger.alone;
  if (typeof trigger.args === 'function') return trigger.args(written, context);
  // A `#编号`, perhaps after a short noun, with whatever comment follows it: 「同意 #12 注意安全」「同意 预警#3」.
  if (trigger.args === 'reference') return readReference(written.rest, { nouns: 'any' }) !== null;
  return trigger.args === 'any';
}

export function mayRun(command: Command, roles: readonly Role[] | null): boolean {
  if (command.allowedRoles === 'anyone') return true;
  return holdsAny(roles, command.allowedRoles);
}

/** Up to three command names closest to the word, among the commands the sender may run. */
export function suggest(word: string, commands: readonly Command[], roles: readonly Role[] | null): string[] {
  const target = word.toLowerCase();
  const scored: { name: string; score: number }[] = [];
  for (const command of commands) {
    if (!mayRun(command, roles)) continue;
    let best: { name: string; score: number } | null = null;
    for (const name of command.names) {
      const candidate = name.toLowerCase().replace(/^\//, '');
      const score = candidate.includes(target) || target.includes(candidate) ? 0.5 : distance(candidate, target.replace(/^\//, ''));
      const limit = Math.max(1, Math.floor(Math.max(candidate.length, target.length) / 3));
      if (score <= limit && (!best || score < best.score)) best = { name: command.names[0]!, score };
    }
    if (best) scored.push(best);
  }
  return scored.sort((a, b) => a.score - b.score).slice(0, 3).map((s) => s.name);
}

/**
 * `written`: the text as the person wrote it, the one the folded `rest` came from (with a waiting
 * question's kept text before it): free-text arguments and the text kept for an answer are taken from it.
 */
function runParse(command: Command, rest: string, context: RouteInput, written: string = context.text): RouteResult {
  const place = placeRefusal({ command: command.names[0]!, where: command.where }, { kind: context.chatKind, purpose: context.chatPurpose ?? null });
  if (place) return { type: 'reply', text: place, command };
  const parsed: ArgsResult<unknown> = command.parse(rest, context);
  if (parsed.ok) {
    const refused = argumentRefusal(command.rolesFor, parsed.args, context.roles);
    return refused ? { type: 'reply', text: refused, command } : { type: 'run', command, args: restoreWritten(command.args, parsed.args, written) };
  }
  if ('ask' in parsed) return { type: 'ask', command, prompt: parsed.ask, rest: writtenAs(parsed.keep ?? rest, written), expects: parsed.expects ?? { kind: 'text' }, partial: parsed.partial ?? {} };
  return { type: 'reply', text: parsed.error, command };
}

export function forbidden(command: Command, roles: readonly Role[] | null): Text {
  if (roles === null) return { key: 'error.unbound' };
  const allowed = command.allowedRoles === 'anyone' ? [] : command.allowedRoles;
  return { key: 'error.forbidden', params: { command: command.names[0]! }, lists: { roles: allowed.map(roleKey) } };
}

/** Whether an answer written in a group without addressing the bot plainly is the answer asked for. */
function answersPlainly(form: AnswerForm, text: string, input: RouteInput): boolean {
  const word = text.replace(/[!。.~…]+$/, '');
  switch (form.kind) {
    case 'text':
    case 'commands':
      return false;
    case 'date':
      return isDatePhrase(text, { now: input.now, zone: input.policy.timezone, rollover: UPCOMING, sessions: input.policy.sessions });
    case 'pattern':
      return new RegExp(`^(?:${form.source})$`).test(text);
    case 'choice':
      return form.options.includes(word);
  }
}

/** The answer to a waiting question, or null when the message is not one (the question keeps waiting). */
function continuePending(pending: PendingRoute, text: string, addressed: boolean, input: RouteInput, commands: readonly Command[]): RouteResult | null {
  const word = text.replace(/[!。.~…]+$/, '');
  if (pending.expects.kind === 'commands') {
    const mapped = pending.expects.answers[word];
    if (mapped) return route({ ...input, text: mapped, isButton: true, pending: null }, commands);
  }
  if (CANCEL_WORDS.has(word.toLowerCase())) return { type: 'cancel' };
  if (!addressed && !answersPlainly(pending.expects, text, input)) return null;
  if (pending.expects.kind === 'commands') return null;
  const answer = pending.expects.kind === 'choice' ? word : text;
  // The kept text is as written: folded again to be parsed, as written for what is stored.
  const kept = normalizeText(pending.rest, input.botName);
  return runParse(pending.command, [kept, answer].filter(Boolean).join(' '), input, [pending.rest, input.text].filter(Boolean).join(' '));
}

export function route(input: RouteInput, commands: readonly Command[]): RouteResult {
  const text = normalizeText(input.text, input.botName);
  const addressed = input.chatKind === 'private' || input.mentionsBot || Boolean(input.quotesBot) || Boolean(input.isButton) || text.startsWith('/');
  const subject = input.quotesBot ? input.quotedSubject : null;
  const quotedOwner = subject ? commands.find((c) => c.quotedSubjects?.some((prefix) => subject.startsWith(prefix))) : undefined;
  // A picture or a location alone (no text) is only for a quoted message or an open question.
  if (text === '' && !quotedOwner && !(input.hasAttachments && input.pending)) return { type: 'ignore' };

  const matched = text === '' ? null : matchCommand(text, commands);
  if (matched && (addressed || triggersUnaddressed(matched.command.trigger, matched, input))) {
    if (!mayRun(matched.command, input.roles)) {
      // In a resident group, residents' lines that happen to be command words are not for the bot.
      if (!addressed && input.chatPurpose === 'resident') return { type: 'ignore' };
      return { type: 'reply', text: forbidden(matched.command, input.roles), command: matched.command };
    }
    return runParse(matched.command, matched.rest, input);
  }

  if (input.pending) {
    const answer = continuePending(input.pending, text, addressed, input, commands);
    if (answer) return answer;
  }

  if (quotedOwner && mayRun(quotedOwner, input.roles)) return runParse(quotedOwner, text, input);
  if (matched || !addressed) return { type: 'ignore' };
  const catcher = commands.find((c) => c.catchesAddressed?.(input) && mayRun(c, input.roles));
  if (catcher) return runParse(catcher, text, input);

  // By characters, not UTF-16 units: half an emoji in the answer would be broken text.
  const word = Array.from(text.split(/\s/)[0]!).slice(0, 12).join('');
  const suggestions = suggest(word, commands, input.roles);
  return suggestions.length > 0
    ? { type: 'reply', text: { key: 'error.unknownCommand', params: { word, suggestions: suggestions.join('、') } } }
    : { type: 'reply', text: { key: 'error.unknownCommandNoSuggestion', params: { word } } };
}

/** What the router decided, as one JSON-ready object: what `shequ parse` prints and the inbox records. */
export type RouteOutcome =
  | { ignored: true }
  | { cancelled: true }
  | { command: string; args: unknown }
  | { command: string; prompt: string; args: Record<string, unknown> }
  | { command?: string; error: string };

export function describeRoute(result: RouteResult, t: Translate): RouteOutcome {
  switch (result.type) {
    case 'ignore':
      return { ignored: true };
    case 'cancel':
      return { cancelled: true };
    case 'run':
      return { command: result.command.id, args: result.args };
    case 'ask':
      return { command: result.command.id, prompt: renderText(t, result.prompt), args: result.partial };
    case 'reply':
      return { ...(result.command ? { command: result.command.id } : {}), error: renderText(t, result.text) };
  }
}
