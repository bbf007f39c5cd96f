import { idleApprovalsJob } from '../../src/approval/idle-job.ts';
import type { ApprovalKind } from '../../src/approval/kind.ts';
import type { CommandFamily } from '../../src/core/family.ts';
import { decideCommands } from './decide.ts';
import { approvalTexts } from './texts.ts';

/** Approval (审批) of whatever the families register: 同意 / 驳回 and the idle steps' reminders and escalation. */
export function approvalFamily(kinds: () => readonly ApprovalKind[]): CommandFamily {
  return { id: 'approval', commands: decideCommands(kinds), jobs: (policy, t) => [idleApprovalsJob(policy, t, kinds)], texts: approvalTexts };
}
