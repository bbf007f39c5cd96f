import type { Command } from '../src/core/command.ts';
import { registerFamilies, type Registry } from '../src/core/family.ts';
import { adminFamily } from './admin/index.ts';
import { attendanceFamily } from './attendance/index.ts';
import { leaveFamily } from './leave/index.ts';
import { planFamily } from './plan/index.ts';

/** Every command family the bot has, in the order 帮助 lists them. A new family is one line here. */
export function commandRegistry(botName: string): Registry {
  let commands: readonly Command[] = [];
  const registry = registerFamilies([adminFamily(() => commands, botName), attendanceFamily, leaveFamily, planFamily]);
  commands = registry.commands;
  return registry;
}
