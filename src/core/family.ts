import type { Command as CliProgram } from 'commander';
import type { Absence } from '../approval/absence.ts';
import { useAbsence } from '../approval/absence.ts';
import type { Env } from '../config/env.ts';
import { PolicyRules, type Policy, type PolicyPart } from '../config/policy.ts';
import { coreCatalogs, mergeCatalogs, type Catalogs, type Translate } from '../i18n/index.ts';
import type { Job } from '../scheduler/scheduler.ts';
import type { ApprovalKind } from '../approval/kind.ts';
import type { DeliveryWatcher } from '../messaging/delivery.ts';
import type { Command } from './command.ts';
import type { Ledger } from '../ledger/ledger.ts';

/** What a `shequ` subcommand reads: the settings, the office policy and the texts, the families' included. */
export interface CliConfig {
  env: Env;
  policy: Policy;
  t: Translate;
}

/**
 * A command family (check-in, leave, incidents …), registered once: its commands, its scheduled
 * jobs and its ledgers. The composition root lists families, never jobs or commands.
 */
export interface CommandFamily {
  id: string;
  commands: readonly Command[];
  jobs?(policy: Policy, t: Translate): Job[];
  /** Its ledgers (台账), each exported by `shequ report <name>` through the one pipeline (src/ledger). */
  ledgers?: readonly Ledger<unknown>[];
  /** What its requests need approved by the one approval workflow (src/approval). */
  approvals?: readonly ApprovalKind[];
  /** Follows what became of its messages once sent (a delivery ledger), told by the delivery worker. */
  watchers?(policy: Policy, t: Translate): DeliveryWatcher[];
  /** Its blocks of the office policy. */
  policy?: PolicyPart;
  /** Its texts, zh-CN and en. */
  texts?: Catalogs;
  /** Who is away and who stands in (the family that keeps leave): the approval steps ask it. */
  absence?: Absence;
  /** Its own `shequ` subcommands (an import, a show), beside the ledgers; `config` reads the settings when one runs. */
  cli?(program: CliProgram, config: () => CliConfig): void;
}

export interface Registry {
  families: readonly CommandFamily[];
  /** Every family's subcommands for `shequ`. */
  cli(program: CliProgram, config: () => CliConfig): void;
  /** Every command, in the order 帮助 lists them. */
  commands: readonly Command[];
  jobs(policy: Policy, t: Translate): Job[];
  ledgers: readonly Ledger<unknown>[];
  approvals: readonly ApprovalKind[];
  watchers(policy: Policy, t: Translate): DeliveryWatcher[];
}

/** How a name is compared: as the router reads it (full-width folded, case-insensitive). */
export function nameKey(name: string): string {
  return name.normalize('NFKC').toLowerCase().replace(/\s+/g, ' ').trim();
}

/** Puts the families together; two commands claiming one word, or two ledgers one name, fail here, at start. */
export function registerFamilies(families: readonly CommandFamily[]): Registry {
  const owners = new Map<string, string>();
  const ids = new Set<string>();
  for (const family of families) {
    for (const command of family.commands) {
      if (ids.has(command.id)) throw new Error(`two commands have the id "${command.id}"`);
      ids.add(command.id);
      for (const name of command.names) {
        const key = nameKey(name);
        const owner = owners.get(key);
        if (owner) throw new Error(`the command word "${name}" is claimed by both ${owner} and ${command.id}`);
        owners.set(key, command.id);
      }
    }
  }
  const ledgers = families.flatMap((f) => f.ledgers ?? []);
  const ledgerNames = new Set<string>();
  for (const ledger of ledgers) {
    if (ledgerNames.has(ledger.name)) throw new Error(`two families export the ledger "${ledger.name}"`);
    ledgerNames.add(ledger.name);
  }
  return {
    families,
    commands: families.flatMap((f) => f.commands),
    jobs: (policy, t) => families.flatMap((f) => f.jobs?.(policy, t) ?? []),
    ledgers,
    approvals: families.flatMap((f) => f.approvals ?? []),
    watchers: (policy, t) => families.flatMap((f) => f.watchers?.(policy, t) ?? []),
    cli: (program, config) => families.forEach((f) => f.cli?.(program, config)),
  };
}

/**
 * Everything the families bring to the core, put together once (commands/index.ts) and handed to
 * the bot and the CLI by their entry points (bin/): the core never imports a family.
 */
export interface Office {
  /** The families' commands, jobs, ledgers and approvals, for a bot of this name (帮助 names it). */
  registry(botName: string): Registry;
  /** The office policy: the core's blocks and the families'. */
  policy: PolicyRules;
  /** Every user-facing text: the core's and the families'. */
  texts: Catalogs;
}

/** The office of these families; their policy blocks, texts and absence are the same whatever the bot's name. */
export function officeOf(registry: (botName: string) => Registry): Office {
  const once = registry('').families;
  useAbsence(once.find((f) => f.absence)?.absence);
  return {
    registry,
    policy: new PolicyRules(once.flatMap((f) => (f.policy ? [f.policy] : []))),
    texts: mergeCatalogs([coreCatalogs, ...once.flatMap((f) => (f.texts ? [f.texts] : []))]),
  };
}
