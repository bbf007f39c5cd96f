import { z } from 'zod';
import { defineCommand, TRIGGER, type Command } from '../../src/core/command.ts';
import { mayRun } from '../../src/core/router.ts';
import { roleKey } from '../../src/core/roles.ts';

/** 帮助: the commands the sender's role may run, each with an example. */
export function helpCommand(all: () => readonly Command[], botName: string): Command {
  return defineCommand({
    id: 'help',
    names: ['帮助', '菜单', '指令', 'help', '/help', '/start'],
    summary: 'cmd.help.summary',
    example: 'cmd.help.example',
    allowedRoles: 'anyone',
    // 「帮助」 alone asks the bot; 「需要帮助吗」 is talk.
    trigger: TRIGGER.alone,
    args: z.object({}),
    parse: () => ({ ok: true, args: {} }),
    async handle({ sender, t, reply }) {
      const roles = sender?.roles ?? null;
      const lines = all()
        .filter((command) => mayRun(command, roles))
        .map((command) =>
          t('help.line', { names: command.names.filter((n) => !n.startsWith('/')).slice(0, 2).join(' / '), summary: t(command.summary), example: t(command.example) }),
        );
      const title = sender
        ? t('help.title', { name: `${sender.name}（${sender.roles.map((r) => t(roleKey(r))).join('、')}）` })
        : t('help.titleUnbound', { bot: botName });
      reply([title, ...lines, t('help.footer')].join('\n'));
    },
  });
}
