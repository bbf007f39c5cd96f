import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigError } from './env.ts';
import { parseHHMM } from '../time/office-time.ts';
import { limitsPolicySchema } from './limits-policy.ts';

export const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 08:00');

const sessionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a short lowercase id, e.g. am'),
    name: z.string().min(1),
    start: hhmm,
    end: hhmm,
  })
  .refine((s) => parseHHMM(s.start) < parseHHMM(s.end), { message: 'start must be before end', path: ['end'] });

export const sessionsSchema = z
  .array(sessionSchema)
  .min(1)
  .superRefine((sessions, ctx) => {
    const sorted = [...sessions].sort((a, b) => parseHHMM(a.start) - parseHHMM(b.start));
    for (let i = 1; i < sorted.length; i++) {
      if (parseHHMM(sorted[i]!.start) < parseHHMM(sorted[i - 1]!.end)) {
        ctx.addIssue({ code: 'custom', message: `session ${sorted[i]!.id} overlaps ${sorted[i - 1]!.id}` });
      }
    }
    if (new Set(sessions.map((s) => s.id)).size !== sessions.length) {
      ctx.addIssue({ code: 'custom', message: 'session ids must be unique' });
    }
  });

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** The rules of the office the core itself reads; each family adds its blocks (FamilyPolicies). */
export const corePolicySchema = z.object({
  timezone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai').default('Asia/Shanghai'),
  sessions: sessionsSchema.default([
    { id: 'am', name: '上午', start: '08:00', end: '11:30' },
    { id: 'pm', name: '下午', start: '13:00', end: '16:30' },
  ]),
  binding: z.object({ codeTtlHours: z.number().positive().max(24 * 30).default(72) }).prefault({}),
  conversation: z.object({ timeoutMinutes: z.number().int().positive().default(30) }).prefault({}),
  scheduler: z
    .object({
      /** A fire missed while the bot was down still runs if it is at most this old. */
      catchUpMinutes: z.number().int().min(0).max(24 * 60).default(60),
    })
    .prefault({}),
  wechat: z
    .object({
      /** Gap between two sends of the account: at least minGapMs plus up to jitterMs at random. */
      minGapMs: z.number().int().min(0).default(3_000),
      jitterMs: z.number().int().min(0).default(2_000),
      /** At most this many sends per minute across all chats. */
      perMinute: z.number().int().positive().default(20),
      /** How long a bare number still answers the bot's last numbered menu in a chat. */
      menuTtlMinutes: z.number().int().positive().default(24 * 60),
    })
    .prefault({}),
  limits: limitsPolicySchema.prefault({}),
});

export type CorePolicy = z.infer<typeof corePolicySchema>;

/**
 * The blocks of the office policy each family reads (leave, duty …), by their key in the file. A
 * family declares its own here by declaration merging, next to its schema:
 * `declare module '…/src/config/policy.ts' { interface FamilyPolicies { leave: LeavePolicy } }`.
 */
export interface FamilyPolicies {}

/** An office's own rules. Defaults follow the street office regulation in shared/domain.md. */
export type Policy = CorePolicy & FamilyPolicies;
export type SessionRule = Policy['sessions'][number];

/** A family's part of the policy: its top-level blocks, and its checks that read across blocks. */
export interface PolicyPart {
  blocks: Readonly<Record<string, z.ZodType>>;
  check?(policy: Policy, issue: (path: readonly (string | number)[], message: string) => void): void;
}

/** The whole policy schema, from the core's and the families' parts; two parts claiming one key fail here, at start. */
export class PolicyRules {
  private readonly schema: z.ZodType;

  constructor(parts: readonly PolicyPart[]) {
    const blocks: Record<string, z.ZodType> = {};
    for (const part of parts) {
      for (const [key, block] of Object.entries(part.blocks)) {
        if (key in blocks || key in corePolicySchema.shape) throw new Error(`two policy blocks are called "${key}"`);
        blocks[key] = block;
      }
    }
    this.schema = corePolicySchema.extend(blocks).superRefine((policy, ctx) => {
      for (const part of parts) part.check?.(policy as unknown as Policy, (path, message) => ctx.addIssue({ code: 'custom', path: [...path], message }));
    });
  }

  defaults(): Policy {
    return this.parse({});
  }

  /** Reads and validates the office policy file (YAML or JSON); a bad field is named with its path. */
  load(file: string | undefined): Policy {
    if (!file) return this.defaults();
    let raw: unknown;
    try {
      const text = fs.readFileSync(path.resolve(file), 'utf8');
      raw = YAML.parse(text) ?? {};
    } catch (error) {
      // The first line only: YAML goes on to quote the file's lines.
      throw new ConfigError(`办公政策文件无法读取 (cannot read the office policy file) ${file}: ${(error as Error).message.split('\n')[0]}`);
    }
    return this.parse(raw, file);
  }

  parse(raw: unknown, source = 'policy'): Policy {
    const result = this.schema.safeParse(raw);
    if (!result.success) {
      const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
      throw new ConfigError(`办公政策文件有误 (invalid office policy) ${source}:\n${lines.join('\n')}`);
    }
    return result.data as unknown as Policy;
  }
}
