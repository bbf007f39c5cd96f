import { distance } from 'fastest-levenshtein';
import type { ArgsResult, CommandSpec, ParseContext, Text } from './command.ts';
import { roleKey, type Role } from './roles.ts';

/** From raw chat text to a command and its arguments. Pure: `shequ parse` and the bot share it. */

export type RouteResult =
  | { type: 'run'; command: CommandSpec; args: unknown }
  | { type: 'ask'; command: CommandSpec; prompt: Text; rest: string }
  | { type: 'cancel' }
  | { type: 'reply'; text: Text; command?: CommandSpec }
  | { type: 'ignore' };

export interface RouteInput extends ParseContext {
  text: string;
  botName: string;
  mentionsBot: boolean;
  /** A command waiting for its missing field from this sender in this chat. */
  pending?: { command: CommandSpec; rest: string } | null;
}

const CANCEL_WORDS = new Set(['取消', '算了', 'cancel', '/cancel']);

/** Full-width to half-width, one space between words, no @mention of the bot, no /cmd@botname suffix. */
export function normalizeText(text: string, botName: string): string {
  let result = text.normalize('NFKC').replace(/\s+/g, ' ').trim();
  const mention = `@${botName.normalize('NFKC')}`;
  result = result.split(mention).join(' ').replace(/\s+/g, ' ').trim();
  result = result.replace(/^(\/[a-z_]+)@\w+/i, '$1');
  return result;
}

function isAsciiWord(char: string | undefined): boolean {
  return char !== undefined && /[a-z0-9_]/i.test(char);
}

/** The command whose name the text starts with (longest name wins), and the rest of the text. */
export function matchCommand(text: string, commands: readonly CommandSpec[]): { command: CommandSpec; rest: string } | null {
  const lower = text.toLowerCase();
  let best: { command: CommandSpec; rest: string; length: number } | null = null;
  for (const command of commands) {
    for (const name of command.names) {
      const candidate = name.toLowerCase();
      if (!lower.startsWith(candidate)) continue;
      if (isAsciiWord(candidate.at(-1)) && isAsciiWord(lower[candidate.length])) continue;
      if (!best || candidate.length > best.length) {
        best = { command, rest: text.slice(candidate.length).trim(), length: candidate.length };
      }
    }
  }
  return best ? { command: best.command, rest: best.rest } : null;
}

export function mayRun(command: CommandSpec, roles: readonly Role[] | null): boolean {
  if (command.allowedRoles === 'anyone') return true;
  return roles !== null && roles.some((role) => (command.allowedRoles as readonly Role[]).includes(role));
}

/** Up to three command names closest to the word, among the commands the sender may run. */
export function suggest(word: string, commands: readonly CommandSpec[], roles: readonly Role[] | null): string[] {
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

function runParse(command: CommandSpec, rest: string, context: ParseContext): RouteResult {
  const parsed: ArgsResult<unknown> = command.parse(rest, context);
  if (parsed.ok) return { type: 'run', command, args: parsed.args };
  if ('ask' in parsed) return { type: 'ask', command, prompt: parsed.ask, rest };
  return { type: 'reply', text: parsed.error, command };
}

export function forbidden(command: CommandSpec, roles: readonly Role[] | null): Text {
  if (roles === null) return { key: 'error.unbound' };
  const allowed = command.allowedRoles === 'anyone' ? [] : command.allowedRoles;
  return { key: 'error.forbidden', params: { command: command.names[0]! }, lists: { roles: allowed.map(roleKey) } };
}

export function route(input: RouteInput, commands: readonly CommandSpec[]): RouteResult {
  const text = normalizeText(input.text, input.botName);
  if (text === '') return { type: 'ignore' };
  const matched = matchCommand(text, commands);

  if (!matched && input.pending) {
    if (CANCEL_WORDS.has(text.toLowerCase())) return { type: 'cancel' };
    const rest = `${input.pending.rest} ${text}`.trim();
    return runParse(input.pending.command, rest, input);
  }

  if (!matched) {
    const addressed = input.chatKind === 'private' || input.mentionsBot || text.startsWith('/');
    if (!addressed) return { type: 'ignore' };
    const word = text.split(' ')[0]!.slice(0, 12);
    const suggestions = suggest(word, commands, input.roles);
    return suggestions.length > 0
      ? { type: 'reply', text: { key: 'error.unknownCommand', params: { word, suggestions: suggestions.join('、') } } }
      : { type: 'reply', text: { key: 'error.unknownCommandNoSuggestion', params: { word } } };
  }

  if (!mayRun(matched.command, input.roles)) {
    return { type: 'reply', text: forbidden(matched.command, input.roles), command: matched.command };
  }
  return runParse(matched.command, matched.rest, input);
}
