import { allCommands } from '../../commands/index.ts';
import { renderText } from '../core/command.ts';
import { parseRole } from '../core/roles.ts';
import { route } from '../core/router.ts';
import { translator } from '../i18n/index.ts';
import { parseOfficeTime } from '../time/office-time.ts';
import { cliConfig, UsageError } from './context.ts';

/** Prints, as one JSON object, what the bot would run for this message; touches no database. */
export async function parseAction(message: string, options: { as?: string; now?: string; chat: string }): Promise<void> {
  const { env, policy } = cliConfig();
  const role = options.as === undefined ? null : parseRole(options.as);
  if (options.as !== undefined && !role) throw new UsageError(`未知角色 (unknown role): ${options.as}`);
  const now = options.now ? parseOfficeTime(options.now, policy.timezone) : new Date();
  if (!now) throw new UsageError(`--now 不是有效时间 (not an ISO time): ${options.now}`);
  if (options.chat !== 'group' && options.chat !== 'private') throw new UsageError('--chat must be group or private');
  const t = translator(env.LOCALE);
  const result = route(
    { text: message, botName: env.BOT_NAME, mentionsBot: true, now, policy, roles: role ? [role] : null, chatKind: options.chat },
    allCommands(env.BOT_NAME),
  );
  const output =
    result.type === 'run'
      ? { command: result.command.id, args: result.args }
      : result.type === 'ask'
        ? { command: result.command.id, missing: renderText(t, result.prompt) }
        : result.type === 'reply'
          ? { ...(result.command ? { command: result.command.id } : {}), error: renderText(t, result.text) }
          : { ignored: true };
  process.stdout.write(`${JSON.stringify(output)}\n`);
}
