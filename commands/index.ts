import type { Command } from '../src/core/command.ts';
import { officeOf, registerFamilies, type Office, type Registry } from '../src/core/family.ts';
import type { ApprovalKind } from '../src/approval/kind.ts';
import { translator, type Locale } from '../src/i18n/index.ts';
import { adminFamily } from './admin/index.ts';
import { approvalFamily } from './approval/index.ts';
import { attendanceFamily } from './attendance/index.ts';
import { dutyFamily } from './duty/index.ts';
import { incidentFamily } from './incident/index.ts';
import { leaveFamily } from './leave/index.ts';
import { noticeFamily } from './notice/index.ts';
import { planFamily } from './plan/index.ts';

/** Every command family the bot has, in the order 帮助 lists them. A new family is one line here. */
export function commandRegistry(botName: string): Registry {
  // 帮助 lists every family's commands and 同意 serves every family's approvals: both are known once all are registered.
  let commands: readonly Command[] = [];
  let approvals: readonly ApprovalKind[] = [];
  const registry = registerFamilies([adminFamily(() => commands, botName), attendanceFamily, leaveFamily, planFamily, dutyFamily, incidentFamily, noticeFamily, approvalFamily(() => approvals)]);
  commands = registry.commands;
  approvals = registry.approvals;
  return registry;
}

/** The office these families make: what the entry points (bin/) hand to the bot and the CLI. */
export const office: Office = officeOf(commandRegistry);

/** Texts with every family's, in a locale: for tests and benches that render what the bot says. */
export const translate = (locale: Locale) => translator(locale, office.texts);

/** The office policy with every family's blocks: its defaults, a parsed object, a file. */
export const defaultPolicy = () => office.policy.defaults();
export const parsePolicy = (raw: unknown, source?: string) => office.policy.parse(raw, source);
export const loadPolicy = (file: string | undefined) => office.policy.load(file);
