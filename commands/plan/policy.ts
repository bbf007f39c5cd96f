import { z } from 'zod';
import type { PolicyPart } from '../../src/config/policy.ts';
import { OFFICE_STAFF, ROLES } from '../../src/core/roles.ts';
import { requireStaff } from '../../src/config/role-rules.ts';

/**
 * Weekly plans (周工作计划). The regulation: every staff member posts this week's plan and last
 * week's results every Monday, specific and not perfunctory; the office archives them. "Monday" is
 * the first workday of the week on the office calendar.
 */
const clock = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time HH:MM, e.g. 08:30');
const minutes = (value: string) => Number(value.slice(0, 2)) * 60 + Number(value.slice(3));

export const planPolicySchema = z
  .object({
    /** Who posts a weekly plan: the holders of these roles in each community. */
    roles: z.array(z.enum(ROLES)).min(1).default([...OFFICE_STAFF]),
    /** The prompt, privately to each, on the first workday of the week (and on their first workday back from leave). */
    prompt: z.object({ at: clock.default('08:30') }).prefault({}),
    /** The plan is due on this workday of the week (1: the first; 2 gives a two-day window), at this time. */
    deadline: z.object({ workday: z.number().int().min(1).max(5).default(1), at: clock.default('17:00') }).prefault({}),
    reminder: z
      .object({
        /** On the deadline day, to those who have not posted; null turns it off. */
        at: clock.nullable().default('12:00'),
        /** private: each one privately (no group shaming); work_group: one message naming them in the work group. */
        to: z.enum(['private', 'work_group']).default('private'),
      })
      .prefault({}),
    /** At the deadline the secretary gets the summary privately; with workGroup, the work groups too. */
    summary: z.object({ workGroup: z.boolean().default(false) }).prefault({}),
    perfunctory: z
      .object({
        /** Fewer specific items than this: a kind request for specifics, and marked in the summary. */
        minItems: z.number().int().min(1).max(10).default(2),
        /** An item shorter than this (characters) says too little: 「巡查」. */
        minItemChars: z.number().int().min(1).max(20).default(4),
        /** Phrases that say nothing about the week. */
        generic: z
          .array(z.string().min(1))
          .default(['正常工作', '按时上班', '按时上下班', '正常上班', '做好本职工作', '本职工作', '日常工作', '常规工作', '领导交办的工作', '领导交办的任务', '领导安排的工作', '其他工作', '工作']),
      })
      .prefault({}),
  })
  .superRefine((plans, ctx) => {
    // A plan is asked of a community's office staff: a street role has no community, a resident no plan.
    plans.roles.forEach((role, i) => requireStaff(ctx, role, ['roles', i], { zh: '写周工作计划', en: 'post a weekly plan' }));
    const deadline = minutes(plans.deadline.at);
    if (plans.deadline.workday === 1 && minutes(plans.prompt.at) >= deadline) {
      ctx.addIssue({ code: 'custom', path: ['prompt', 'at'], message: 'must be before deadline.at when the plan is due on the first workday' });
    }
    if (plans.reminder.at !== null && minutes(plans.reminder.at) >= deadline) ctx.addIssue({ code: 'custom', path: ['reminder', 'at'], message: 'must be before deadline.at' });
  });

export type PlanPolicy = z.infer<typeof planPolicySchema>;

declare module '../../src/config/policy.ts' {
  interface FamilyPolicies {
    plans: PlanPolicy;
  }
}

export const planPolicy: PolicyPart = { blocks: { plans: planPolicySchema.prefault({}) } };
