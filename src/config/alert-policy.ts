import { z } from 'zod';
import { ROLES } from '../core/roles.ts';

/**
 * Alerts (预警信息) and residents' questions, of the notice family. An alert goes out only after a
 * superior approves it (shared/domain.md): the street emergency office for an alert to the whole
 * street, the community approver (the secretary by default) for one community's alert — and the
 * street role when the author is that approver themself.
 */
export const alertPolicySchema = z
  .object({
    approvers: z
      .object({
        community: z.enum(ROLES).default('secretary'),
        street: z.enum(ROLES).default('street_emergency'),
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
  .prefault({});

export const questionPolicySchema = z
  .object({
    /** A question nobody has answered is reminded to the work group once, this many clock hours after it was asked. */
    remindAfterHours: z.number().positive().max(24 * 7).default(2),
  })
  .prefault({});
