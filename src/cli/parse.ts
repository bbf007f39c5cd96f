import { CHAT_PURPOSES, type ChatPurpose } from '../core/chat-purpose.ts';
import type { Command } from '../core/command.ts';
import { parseRole, type Role } from '../core/roles.ts';
import { describeRoute, route, type RouteOutcome } from '../core/router.ts';
import type { ChatKind } from '../messaging/types.ts';
import { nowOption, UsageError, type CliConfig } from './context.ts';

export interface ParseOptions {
  /** Roles as written (书记, 社工 …), comma-separated; omitted for an unbound sender. */
  as?: string;
  now?: string;
  chat: string;
  purpose?: string;
  addressed?: boolean;
  /** The subject of the bot message the message quotes (e.g. leave:12:0); implies a quote of the bot. */
  quote?: string;
  button?: boolean;
  /** The message carries a picture, a file or a location. */
  attachment?: boolean;
}

/** The chat facts the bot reads from its database, here taken from the command line; the same router decides. */
export function parseMessage(message: string, options: ParseOptions, config: Pick<CliConfig, 'env' | 'policy' | 't'>, commands: readonly Command[]): RouteOutcome {
  const { env, policy, t } = config;
  const roles: Role[] | null = options.as === undefined ? null : options.as.split(/[,，、]/).map((word) => {
    const role = parseRole(word);
    if (!role) throw new UsageError(`未知角色 (unknown role): ${word}`);
    return role;
  });
  const now = nowOption(options.now, policy.timezone, new Date());
  if (options.chat !== 'group' && options.chat !== 'private') throw new UsageError('--chat must be group or private');
  if (options.purpose !== undefined && !(CHAT_PURPOSES as readonly string[]).includes(options.purpose)) {
    throw new UsageError(`--purpose must be one of ${CHAT_PURPOSES.join(', ')}`);
  }
  const result = route(
    {
      text: message,
      botName: env.BOT_NAME,
      mentionsBot: options.addressed ?? false,
      quotesBot: options.quote !== undefined,
      quotedSubject: options.quote ?? null,
      isButton: options.button ?? false,
      hasAttachments: options.attachment ?? false,
      now,
      policy,
      roles,
      chatKind: options.chat as ChatKind,
      chatPurpose: (options.purpose as ChatPurpose | undefined) ?? null,
    },
    commands,
  );
  return describeRoute(result, t);
}

/** Prints, as one JSON object, what the bot would do with this message in that chat; touches no database. */
export async function parseAction(message: string, options: ParseOptions, config: CliConfig, commands: readonly Command[]): Promise<void> {
  process.stdout.write(`${JSON.stringify(parseMessage(message, options, config, commands))}\n`);
}
