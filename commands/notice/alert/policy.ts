import { z } from 'zod';
import { ROLES } from '../../../src/core/roles.ts';
import { requireApprover } from '../../../src/config/role-rules.ts';

/**
 * Alerts (预警信息) and residents' questions, of the notice family. An alert goes out only after a
 * superior approves it (shared/domain.md): for one community's alert the secretary, for the whole
 * street the street emergency office. Each is a list: the first role with a holder who is not the
 * author approves (the secretary's own alert goes to the emergency office, the office's own to the
 * street's deputy leader).
 */
export const alertPolicySchema = z
  .object({
    approvers: z
      .object({
        community: z.array(z.enum(ROLES)).min(1).default(['secretary', 'street_emergency']),
        street: z.array(z.enum(ROLES)).min(1).default(['street_emergency', 'street_deputy_leader']),
      })
      .prefault({}),
    /** An alert does not wait for office hours: its approver is reminded, then the step escalates (to the deputy role). */
    approval: z
      .object({
        remindAfterMinutes: z.number().int().positive().default(15),
        escalateAfterMinutes: z.number().int().positive().default(60),
      })
      .prefault({}),
  })
  .superRefine((alerts, ctx) => {
    for (const scope of ['community', 'street'] as const) {
      alerts.approvers[scope].forEach((role, i) => requireApprover(ctx, role, ['approvers', scope, i], { zh: '审批预警', en: 'approve an alert' }));
    }
    if (alerts.approval.remindAfterMinutes >= alerts.approval.escalateAfterMinutes) {
      ctx.addIssue({ code: 'custom', path: ['approval', 'remindAfterMinutes'], message: '提醒须早于升级 (must be less than approval.escalateAfterMinutes: the step would escalate before anyone is reminded)' });
    }
  })
  .prefault({});

export const questionPolicySchema = z
  .object({
    /** A question nobody has answered is reminded to the work group once, this many clock hours after it was asked. */
    remindAfterHours: z.number().positive().max(24 * 7).default(2),
  })
  .prefault({});
