import type { ApprovalKind } from '../../src/approval/kind.ts';
import { pushTo, roleName } from '../../src/approval/workflow.ts';
import { privateTargets, workGroupTargets } from '../../src/core/addressing.ts';
import { writeReference } from '../../src/core/reference.ts';
import { leaveLines, statusName } from './format.ts';
import { loadLeave } from './load.ts';
import { LEAVE_SUBJECT } from './records.ts';

/** A leave note as the approval workflow sees it: its chain of signatures (请假条 → 书记 → 街道 …). */
export const leaveApproval: ApprovalKind = {
  kind: LEAVE_SUBJECT,
  noun: '请假',
  texts: {
    notFound: 'leave.notFound',
    alreadyDecided: 'leave.alreadyDecided',
    alreadyApproved: 'leave.alreadyApproved',
    notYourStep: 'leave.notYourStep',
    approvedStep: 'leave.approvedStep',
    approvedFinal: 'leave.approvedFinal',
    rejectedDone: 'leave.rejectedDone',
    outcomeApproved: 'leave.outcome.approved',
    outcomeRejected: 'leave.outcome.rejected',
    postReminder: 'leave.post.reminder',
    postEscalated: 'leave.post.escalated',
    applicantReminded: 'leave.remind.applicant',
    applicantEscalated: 'leave.escalated.applicant',
    filerSigned: 'leave.emergency.signed',
  },
  reference: (id) => writeReference(id),
  async load(tx, id) {
    const leave = await loadLeave(tx, id);
    if (!leave) return null;
    return {
      id: leave.id,
      status: leave.status,
      currentStep: leave.currentStep,
      applicant: { personId: leave.personId, name: leave.person.name, communityId: leave.communityId, streetId: leave.streetId },
      filedById: leave.filedById,
    };
  },
  async moveStep(tx, id, from, to) {
    const moved = await tx.leaveRequest.updateMany({ where: { id, status: 'pending', currentStep: from }, data: { currentStep: to } });
    return moved.count === 1;
  },
  async close(tx, id, at, outcome, now) {
    const closed = await tx.leaveRequest.updateMany({ where: { id, status: 'pending', currentStep: at }, data: { status: outcome, decidedAt: now } });
    return closed.count === 1;
  },
  statusText: statusName,
  async post(w, id, index, approver, steps, header) {
    const { t, policy } = w;
    const leave = (await loadLeave(w.tx, id))!;
    return [
      header ?? t('leave.post.title', { id }),
      leaveLines(t, policy, { ...leave, personName: leave.person.name }),
      t('leave.post.approver', { name: approver.name, role: roleName(t, approver.role), step: index + 1, steps }),
      t('leave.post.hint', { id }),
    ].join('\n');
  },
  async approved(w, id) {
    const { t, policy, tx } = w;
    const leave = (await loadLeave(tx, id))!;
    const body = leaveLines(t, policy, { ...leave, personName: leave.person.name });
    pushTo(w, await privateTargets(tx, leave.personId), `${t('leave.applicant.approved', { id })}\n${body}`);
    pushTo(w, await workGroupTargets(tx, leave.communityId), `${t('leave.announce.approved', { id, name: leave.person.name })}\n${body}`);
  },
  async rejected(w, id, actor, comment) {
    const { t, policy, tx } = w;
    const leave = (await loadLeave(tx, id))!;
    const body = leaveLines(t, policy, { ...leave, personName: leave.person.name });
    pushTo(w, await privateTargets(tx, leave.personId), `${t('leave.applicant.rejected', { id, name: actor.name, reason: comment })}\n${body}`);
  },
  idle: (policy) => ({
    remindAfterMinutes: policy.leave.approval.remindAfterHours * 60,
    escalateAfterMinutes: policy.leave.approval.escalateAfterHours * 60,
    officeTimeOnly: true,
  }),
};
