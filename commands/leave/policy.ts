import { z } from 'zod';
import type { PolicyPart } from '../../src/config/policy.ts';
import { dayMinutes, thresholdMinutes } from './rules/chain.ts';
import { ROLES } from '../../src/core/roles.ts';
import { requireApprover } from '../../src/config/role-rules.ts';

/**
 * Leave rules (请销假制度). A chain is a list of steps; a step is taken when the leave's working
 * time is MORE than its `over` ("0", "2h", "1d": hours or working days of the office sessions).
 * Steps climb: a 3-day leave under the defaults passes every step whose threshold it exceeds.
 */
export const durationText = z.string().regex(/^\d+(\.\d+)?[hd]?$/, 'must be a duration: 0, 2h (hours) or 1d (working days)');

const stepSchema = z.object({ role: z.enum(ROLES), over: durationText.default('0') });

export const leavePolicySchema = z
  .object({
    types: z.array(z.string().min(1)).min(1).default(['事假', '病假', '年休假', '婚假', '产假', '哺乳假', '丧假', '探亲假', '调休', '外出']),
    /** 外出: a temporary outing, at most this long. */
    outing: z.object({ type: z.string().default('外出'), maxHours: z.number().positive().default(2) }).prefault({}),
    /** Variant 1 of the regulation: secretary → section (> 2 h) → deputy leader (> 1 day) → chief (> 2 days). */
    chain: z
      .array(stepSchema)
      .min(1)
      .default([
        { role: 'secretary', over: '0' },
        { role: 'street_section', over: '2h' },
        { role: 'street_deputy_leader', over: '1d' },
        { role: 'street_chief', over: '2d' },
      ]),
    /** A different chain by the applicant's role: the secretary's own leave goes to the street chief. */
    chainByApplicantRole: z.partialRecord(z.enum(ROLES), z.array(stepSchema).min(1)).default({ secretary: [{ role: 'street_chief', over: '0' }] }),
    /** Who acts when an approver is on leave or does not answer. */
    deputies: z.partialRecord(z.enum(ROLES), z.enum(ROLES)).default({ secretary: 'deputy_secretary' }),
    annual: z
      .object({
        /** 年休假 days per person per year. */
        defaultDays: z.number().min(0).default(5),
        /** Per person: "姓名" or "社区/姓名" → days. */
        perPerson: z.record(z.string(), z.number().min(0)).default({}),
        /** Personal leave is refused while annual leave remains (先用公休假期，后用事假). */
        type: z.string().default('年休假'),
        before: z.array(z.string()).default(['事假']),
      })
      .prefault({}),
    sick: z.object({ type: z.string().default('病假'), certificateReminderHours: z.number().positive().default(24) }).prefault({}),
    approval: z
      .object({
        /** An idle step's approver is reminded after this many hours … */
        remindAfterHours: z.number().positive().default(4),
        /** … and the step escalates (deputy, else the next step) after this many. */
        escalateAfterHours: z.number().positive().default(24),
      })
      .prefault({}),
    return: z
      .object({
        /** Without 销假 by the end of the leave, the person is reminded this long after it ended … */
        remindAfterMinutes: z.number().int().min(0).default(30),
        /** … and the secretary this long after it ended. */
        escalateAfterMinutes: z.number().int().min(0).default(240),
      })
      .prefault({}),
  })
  .superRefine((leave, ctx) => {
    const what = { zh: '审批请假', en: 'approve leave' };
    leave.chain.forEach((step, i) => requireApprover(ctx, step.role, ['chain', i, 'role'], what));
    for (const [applicant, steps] of Object.entries(leave.chainByApplicantRole)) {
      steps!.forEach((step, i) => requireApprover(ctx, step.role, ['chainByApplicantRole', applicant, i, 'role'], what));
    }
    // The deputies stand in for leave's approvers, and for every other approval's (swaps, alerts).
    for (const [role, deputy] of Object.entries(leave.deputies)) requireApprover(ctx, deputy!, ['deputies', role], { zh: '代为审批', en: 'stand in for an approver' });
    // A type the notes cannot name is a rule that never applies.
    const types = new Set(leave.types);
    const named: [string, (string | number)[]][] = [
      [leave.outing.type, ['outing', 'type']],
      [leave.sick.type, ['sick', 'type']],
      [leave.annual.type, ['annual', 'type']],
      ...leave.annual.before.map((type, i): [string, (string | number)[]] => [type, ['annual', 'before', i]]),
    ];
    for (const [type, path] of named) {
      if (!types.has(type)) ctx.addIssue({ code: 'custom', path, message: `须是 leave.types 中的一种假别 (must be one of leave.types: ${leave.types.join(', ')})` });
    }
    if (leave.approval.remindAfterHours >= leave.approval.escalateAfterHours) {
      ctx.addIssue({ code: 'custom', path: ['approval', 'remindAfterHours'], message: '提醒须早于升级 (must be less than approval.escalateAfterHours: the step would escalate before anyone is reminded)' });
    }
  });

export type LeavePolicy = z.infer<typeof leavePolicySchema>;
export type LeaveStepRule = LeavePolicy['chain'][number];

declare module '../../src/config/policy.ts' {
  interface FamilyPolicies {
    leave: LeavePolicy;
  }
}

/** Leave's part of the office policy; its chains climb with the leave's length, a day being the sessions' length. */
export const leavePolicy: PolicyPart = {
  blocks: { leave: leavePolicySchema.prefault({}) },
  check(policy, issue) {
    const perDay = dayMinutes(policy.sessions);
    const chains: [(string | number)[], { over: string }[]][] = [
      [['leave', 'chain'], policy.leave.chain],
      ...Object.entries(policy.leave.chainByApplicantRole).map(([role, steps]): [(string | number)[], { over: string }[]] => [['leave', 'chainByApplicantRole', role], steps!]),
    ];
    for (const [path, steps] of chains) {
      for (let i = 1; i < steps.length; i++) {
        if (thresholdMinutes(steps[i]!.over, perDay) < thresholdMinutes(steps[i - 1]!.over, perDay)) {
          issue([...path, i, 'over'], `审批步骤须按请假时长由短到长排列 (must not be less than step ${i - 1}'s: the steps climb with the leave's length)`);
        }
      }
    }
  },
};
