import { previewApprovers, startApproval, cancelSteps, closePosts } from '../../src/approval/workflow.ts';
import { type Workflow } from '../../src/approval/kind.ts';
import type { Policy } from '../../src/config/policy.ts';
import type { Role } from '../../src/core/roles.ts';
import type { Tx } from '../../src/db/client.ts';
import { approvalChain, dayMinutes } from './rules/chain.ts';
import { formatClock } from '../../src/time/office-time.ts';
import type { Applicant } from '../../src/approval/approvers.ts';
import { leaveApproval } from './approval.ts';
import { loadLeave, type LoadedLeave } from './load.ts';
import { writeSubject } from '../../src/core/reference.ts';
import { LEAVE_SUBJECT } from './records.ts';

/**
 * The life of a leave note: draft → pending (its chain of approval steps, in src/approval) →
 * approved | rejected | withdrawn. Every state change is a compare-and-set, so a double 确认 or a
 * 撤回 racing an approval cannot apply twice.
 */

/** The subject of a note shown for confirmation: a reply quoting it confirms or withdraws that note. */
export function draftSubject(id: number): string {
  return writeSubject(LEAVE_SUBJECT, id, 'draft');
}

/** The chain's approvers as they would be asked now: for the confirmation before filing. */
export async function previewChain(tx: Tx, policy: Policy, applicant: Applicant & { roles: readonly Role[] }, workMinutes: number, now: Date) {
  const roles = approvalChain(policy.leave, applicant.roles, workMinutes, dayMinutes(policy.sessions));
  const preview = await previewApprovers(tx, policy, { ...applicant, name: '' }, roles.map((role) => ({ role })), now);
  return preview.map((step, index) => ({ role: roles[index]!, approver: step.approver }));
}

export type SubmitResult = { ok: true } | { ok: false; reason: 'not_draft' } | { ok: false; reason: 'no_approver'; role: Role };

/** Files a draft: its chain's steps are created and the first gets its turn. A step nobody can approve keeps it a draft. */
export async function submit(w: Workflow, leaveId: number): Promise<SubmitResult> {
  const draft = (await loadLeave(w.tx, leaveId))!;
  const applicant = { personId: draft.personId, communityId: draft.communityId, streetId: draft.streetId, roles: draft.person.roles.map((r) => r.role as Role) };
  const chain = await previewChain(w.tx, w.policy, applicant, draft.workMinutes, w.now);
  const missing = chain.find((step) => step.approver === null);
  if (missing) return { ok: false, reason: 'no_approver', role: missing.role };
  const filed = await w.tx.leaveRequest.updateMany({ where: { id: leaveId, status: 'draft' }, data: { status: 'pending', submittedAt: w.now, currentStep: 0 } });
  if (filed.count !== 1) return { ok: false, reason: 'not_draft' };
  await startApproval(w, leaveApproval, leaveId, chain.map((step) => ({ role: step.role })));
  return { ok: true };
}

/** 撤回: the applicant takes back a note not yet decided. */
export async function withdraw(w: Workflow, leave: LoadedLeave): Promise<boolean> {
  const done = await w.tx.leaveRequest.updateMany({ where: { id: leave.id, status: { in: ['draft', 'pending'] } }, data: { status: 'withdrawn', decidedAt: w.now } });
  if (done.count !== 1) return false;
  const outcome = w.t('leave.outcome.withdrawn', { name: leave.person.name, time: formatClock(w.now, w.policy.timezone) });
  if (leave.status === 'pending') {
    const request = (await leaveApproval.load(w.tx, leave.id))!;
    await cancelSteps(w, leaveApproval, { ...request, currentStep: leave.currentStep }, outcome);
  } else {
    await closePosts(w, draftSubject(leave.id), outcome);
  }
  return true;
}
