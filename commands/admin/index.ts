import type { Command } from '../../src/core/command.ts';
import type { CommandFamily } from '../../src/core/family.ts';
import { bindCommand } from './bind.ts';
import { chatPurposeCommand } from './chat-purpose.ts';
import { helpCommand } from './help.ts';
import { adminTexts } from './texts.ts';

/** Help, binding an account, declaring what a group is for. 帮助 lists every family's commands. */
export function adminFamily(all: () => readonly Command[], botName: string): CommandFamily {
  return { id: 'admin', commands: [helpCommand(all, botName), bindCommand, chatPurposeCommand], texts: adminTexts };
}
