import { loadCalendar } from '../calendar/calendar-store.ts';
import type { Policy } from '../config/policy.ts';
import { privateTargets } from '../core/addressing.ts';
import type { Role } from '../core/roles.ts';
import type { Translate } from '../i18n/index.ts';
import { isOfficeTime } from '../time/office-hours.ts';
import type { Job } from '../scheduler/scheduler.ts';
import { findDeputy, stepApprover } from './approvers.ts';
import { type ApprovalKind, type Workflow } from './kind.ts';
import { advance, currentApprover, postStep, pushTo, roleName } from './workflow.ts';

const MINUTE = 60_000;

/**
 * Idle approval steps of every kind, each on its family's timing: after `remindAfterMinutes` the
 * approver gets the request again; after `escalateAfterMinutes` the step goes to the deputy role,
 * else to the next step (the last step without a deputy keeps waiting). The applicant is told of
 * both. A kind whose timing waits for office time (leave) is left until the morning at night.
 */
export function idleApprovalsJob(policy: Policy, t: Translate, kinds: () => readonly ApprovalKind[]): Job {
  return {
    name: 'approval-idle-steps',
    cron: '* * * * *',
    async run({ tx, dueAt, out }) {
      const w: Workflow = { tx, policy, t, now: dueAt, out };
      const calendar = await loadCalendar(tx);
      const officeTime = isOfficeTime(policy, (date) => calendar.isWorkday(date), dueAt);
      for (const kind of kinds()) {
        const timing = kind.idle(policy);
        if (timing.officeTimeOnly && !officeTime) continue;
        await escalate(w, kind, new Date(dueAt.getTime() - timing.escalateAfterMinutes * MINUTE));
        await remind(w, kind, new Date(dueAt.getTime() - timing.remindAfterMinutes * MINUTE));
      }
    },
  };
}

async function escalate(w: Workflow, kind: ApprovalKind, activatedBefore: Date): Promise<void> {
  const { tx, t, policy, now } = w;
  const idle = await tx.approvalStep.findMany({ where: { kind: kind.kind, status: 'pending', escalatedAt: null, activatedAt: { lte: activatedBefore } } });
  for (const step of idle) {
    const claimed = await tx.approvalStep.updateMany({ where: { id: step.id, status: 'pending', escalatedAt: null }, data: { escalatedAt: now } });
    if (claimed.count !== 1) continue;
    const request = (await kind.load(tx, step.requestId))!;
    const previous = step.approverId ? await tx.person.findUnique({ where: { id: step.approverId } }) : null;
    const deputy = step.role ? await findDeputy(tx, policy, step.role as Role, request.applicant, [request.applicant.personId, step.approverId ?? -1]) : null;
    if (deputy) {
      await tx.approvalStep.update({ where: { id: step.id }, data: { approverId: deputy.personId, activatedAt: now, remindedAt: null } });
      await postStep(w, kind, request, step.index, deputy, t(kind.texts.postEscalated, { id: request.id, from: previous?.name ?? roleName(t, step.role) }));
      pushTo(w, await privateTargets(tx, request.applicant.personId), t(kind.texts.applicantEscalated, { id: request.id, name: deputy.name, role: roleName(t, deputy.role) }));
      continue;
    }
    const count = await tx.approvalStep.count({ where: { kind: kind.kind, requestId: request.id } });
    if (step.index + 1 >= count) continue;
    await tx.approvalStep.update({ where: { id: step.id }, data: { status: 'skipped', actedAt: now, comment: `escalated: ${previous?.name ?? step.role} did not answer` } });
    await advance(w, kind, request, step.index);
    const after = (await kind.load(tx, request.id))!;
    if (after.status !== 'pending') continue;
    const next = await currentApprover(w, kind, after);
    pushTo(w, await privateTargets(tx, request.applicant.personId), t(kind.texts.applicantEscalated, { id: request.id, name: next.name, role: roleName(t, next.role) }));
  }
}

async function remind(w: Workflow, kind: ApprovalKind, activatedBefore: Date): Promise<void> {
  const { tx, t, policy, now } = w;
  const slow = await tx.approvalStep.findMany({ where: { kind: kind.kind, status: 'pending', remindedAt: null, escalatedAt: null, activatedAt: { lte: activatedBefore } } });
  for (const step of slow) {
    const claimed = await tx.approvalStep.updateMany({ where: { id: step.id, status: 'pending', remindedAt: null }, data: { remindedAt: now } });
    if (claimed.count !== 1 || step.approverId === null) continue;
    const request = (await kind.load(tx, step.requestId))!;
    const approver = await stepApprover(tx, policy, step);
    await postStep(w, kind, request, step.index, { personId: step.approverId, ...approver }, t(kind.texts.postReminder, { id: request.id }));
    pushTo(w, await privateTargets(tx, request.applicant.personId), t(kind.texts.applicantReminded, { id: request.id, name: approver.name, role: roleName(t, approver.role) }));
  }
}
