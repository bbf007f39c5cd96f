import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { ConfigError } from './env.ts';
import { parseHHMM } from '../time/office-time.ts';
import { leavePolicySchema } from './leave-policy.ts';
import { dutyPolicySchema } from './duty-policy.ts';
import { planPolicySchema } from './plan-policy.ts';
import { incidentPolicySchema } from './incident-policy.ts';
import { noticePolicySchema } from './notice-policy.ts';
import { limitsPolicySchema } from './limits-policy.ts';
import { dayMinutes, thresholdMinutes } from '../rules/leave-chain.ts';

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 08:00');

const sessionSchema = z
  .object({
    id: z.string().regex(/^[a-z][a-z0-9_-]*$/, 'must be a short lowercase id, e.g. am'),
    name: z.string().min(1),
    start: hhmm,
    end: hhmm,
  })
  .refine((s) => parseHHMM(s.start) < parseHHMM(s.end), { message: 'start must be before end', path: ['end'] });

const sessionsSchema = z
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

/** Staggered hours (错时): a named schedule with its own sessions, for people by name or by grid. */
const scheduleSchema = z.object({
  name: z.string().min(1),
  sessions: sessionsSchema,
  people: z.array(z.string().min(1)).default([]),
  grids: z.array(z.string().min(1)).default([]),
});

const attendanceSchema = z
  .object({
    schedules: z.array(scheduleSchema).default([]),
    duty: z
      .object({
        /** The duty person (by the duty roster) is due this many minutes before a session or shift starts. */
        leadMinutes: z.number().int().min(0).max(120).default(10),
        /** Replaced by the duty roster: refused with a pointer, so an old policy file is not silently ignored. */
        people: z.undefined({ error: 'replaced by the duty roster: set duty.rotations or run `npx shequ roster import`' }).optional(),
      })
      .prefault({}),
    /** An early check-out uncovered by leave or whereabouts more than this before the end is 脱岗, not 早退. */
    offPostMinutes: z.number().int().min(0).max(480).default(30),
    /** Where check-ins are expected; a check-in with a location outside is recorded and flagged. */
    geofence: z
      .object({ latitude: z.number().min(-90).max(90), longitude: z.number().min(-180).max(180), radiusMeters: z.number().positive().max(100_000) })
      .nullable()
      .default(null),
    dailySummary: z
      .object({
        /** HH:MM office time; null turns the summary off. */
        at: hhmm.nullable().default('17:00'),
        /** secretary: privately to the secretary's bound accounts; work_group: to the community's work groups. */
        to: z.enum(['secretary', 'work_group']).default('secretary'),
      })
      .prefault({}),
    scoring: z
      .object({
        /** Of the 100 points, this many are the secretary's to give (考勤评分); the rest start full and lose deductions. */
        discretionaryPoints: z.number().int().min(0).max(100).default(20),
        /** Points deducted per session. */
        late: z.number().min(0).default(1),
        early: z.number().min(0).default(1),
        offPost: z.number().min(0).default(3),
        absent: z.number().min(0).default(5),
      })
      .prefault({}),
  })
  .prefault({});

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

/** An office's own rules. Defaults follow the street office regulation in shared/domain.md. */
export const policySchema = z
  .object({
    timezone: z.string().refine(isTimeZone, 'must be an IANA time zone, e.g. Asia/Shanghai').default('Asia/Shanghai'),
    sessions: sessionsSchema.default([
      { id: 'am', name: '上午', start: '08:00', end: '11:30' },
      { id: 'pm', name: '下午', start: '13:00', end: '16:30' },
    ]),
    checkIn: z
      .object({
        /** How long before a session starts its check-in opens. */
        opensMinutesBefore: z.number().int().min(0).max(240).default(60),
        /** Minutes after the start still counted as on time (0: 08:00:00 is on time, 08:00:01 late). */
        graceMinutes: z.number().int().min(0).max(60).default(0),
        /** How long after a session ends its check-out stays open. */
        checkOutClosesMinutesAfter: z.number().int().min(0).max(240).default(60),
        /** A reminder to the work groups this many minutes before each session; 0 turns it off. */
        reminderMinutesBefore: z.number().int().min(0).max(120).default(10),
      })
      .prefault({}),
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
    leave: leavePolicySchema.prefault({}),
    attendance: attendanceSchema,
    duty: dutyPolicySchema.prefault({}),
    plans: planPolicySchema.prefault({}),
    incident: incidentPolicySchema.prefault({}),
    notice: noticePolicySchema.prefault({}),
    limits: limitsPolicySchema.prefault({}),
  })
  .superRefine((policy, ctx) => {
    // The steps climb: each is taken by a longer leave than the one before (a day is the sessions' length).
    const perDay = dayMinutes(policy.sessions);
    const chains: [(string | number)[], { over: string }[]][] = [
      [['leave', 'chain'], policy.leave.chain],
      ...Object.entries(policy.leave.chainByApplicantRole).map(([role, steps]): [(string | number)[], { over: string }[]] => [['leave', 'chainByApplicantRole', role], steps!]),
    ];
    for (const [path, steps] of chains) {
      for (let i = 1; i < steps.length; i++) {
        if (thresholdMinutes(steps[i]!.over, perDay) < thresholdMinutes(steps[i - 1]!.over, perDay)) {
          ctx.addIssue({ code: 'custom', path: [...path, i, 'over'], message: `审批步骤须按请假时长由短到长排列 (must not be less than step ${i - 1}'s: the steps climb with the leave's length)` });
        }
      }
    }
  });

export type Policy = z.infer<typeof policySchema>;
export type SessionRule = Policy['sessions'][number];
export type AttendancePolicy = Policy['attendance'];

export function defaultPolicy(): Policy {
  return policySchema.parse({});
}

/** Reads and validates the office policy file (YAML or JSON); a bad field is named with its path. */
export function loadPolicy(file: string | undefined): Policy {
  if (!file) return defaultPolicy();
  let raw: unknown;
  try {
    const text = fs.readFileSync(path.resolve(file), 'utf8');
    raw = YAML.parse(text) ?? {};
  } catch (error) {
    // The first line only: YAML goes on to quote the file's lines.
    throw new ConfigError(`办公政策文件无法读取 (cannot read the office policy file) ${file}: ${(error as Error).message.split('\n')[0]}`);
  }
  return parsePolicy(raw, file);
}

export function parsePolicy(raw: unknown, source = 'policy'): Policy {
  const result = policySchema.safeParse(raw);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `  ${issue.path.join('.') || '(root)'}: ${issue.message}`);
    throw new ConfigError(`办公政策文件有误 (invalid office policy) ${source}:\n${lines.join('\n')}`);
  }
  return result.data;
}
