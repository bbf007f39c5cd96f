import type { Policy } from '../config/policy.ts';
import { privateTargets, toMessage, workGroupTargets, type Target } from '../core/addressing.ts';
import { buttonValue, writeSubject } from '../core/reference.ts';
import { type Text } from '../i18n/text.ts';
import { isStreetRole, roleKey, ROLES, type Role } from '../core/roles.ts';
import { isOneOf } from '../i18n/value-text.ts';
import type { Tx } from '../db/client.ts';
import type { Translate } from '../i18n/index.ts';
import type { OutgoingMessage, Platform } from '../messaging/types.ts';
import { formatClock } from '../time/office-time.ts';
import { findApprover, stepApprover, type Approver } from './approvers.ts';
import type { ApprovalKind, ApprovalRequest, StepPlan, Workflow } from './kind.ts';

/**
 * The approval steps of every family's requests, in one place. Every change is a compare-and-set
 * (updateMany where the status or step is what the caller saw → count 1), so two approvers at once,
 * a double press or a redelivered 同意 cannot apply twice. What it sends goes into the workflow's
 * outbox, written with the change in the same transaction.
 */


/** The subject of a step's post: the request's, with the step's index ("leave:12:0", "alert:3:1"). */
export function stepSubject(kind: string, id: number, index: number): string {
  return writeSubject(kind, id, index);
}

/** A role's name as a row keeps it; one this version does not know reads as it is. */
export function roleName(t: Translate, role: Role | string | null): string {
  if (!role) return '';
  return isOneOf(ROLES, role) ? t(roleKey(role)) : role;
}

export function pushTo(w: Workflow, targets: Target[], text: string, extra: Partial<OutgoingMessage> = {}, subject?: string): void {
  for (const target of targets) w.out.add({ platform: target.platform, message: toMessage(target, text, extra), ...(subject ? { subject } : {}) });
}

export function loadSteps(tx: Tx, kind: string, requestId: number) {
  return tx.approvalStep.findMany({ where: { kind, requestId }, orderBy: { index: 'asc' } });
}

/** Where an approver sees a post: the work group for community roles, private chats for street roles and named people. */
async function approverTargets(w: Workflow, request: ApprovalRequest, approver: Approver): Promise<Target[]> {
  const inGroup = approver.role !== null && !isStreetRole(approver.role);
  const groups = inGroup ? await workGroupTargets(w.tx, request.applicant.communityId, { id: approver.personId, name: approver.name }) : [];
  return groups.length > 0 ? groups : privateTargets(w.tx, approver.personId);
}

/** Posts the request to the step's approver, with buttons and the subject a quoted reply finds. */
export async function postStep(w: Workflow, kind: ApprovalKind, request: ApprovalRequest, index: number, approver: Approver, header: string | null = null): Promise<void> {
  const steps = await w.tx.approvalStep.count({ where: { kind: kind.kind, requestId: request.id } });
  const text = await kind.post(w, request.id, index, approver, steps, header);
  const buttons = [
    { label: w.t('approval.button.approve'), value: buttonValue('同意', kind.reference(request.id)) },
    { label: w.t('approval.button.reject'), value: buttonValue('驳回', kind.reference(request.id)) },
  ];
  pushTo(w, await approverTargets(w, request, approver), text, { buttons }, stepSubject(kind.kind, request.id, index));
}

/** Who each planned step would go to now: for the confirmation before filing, and to refuse a chain nobody can approve. */
export async function previewApprovers(tx: Tx, policy: Policy, applicant: ApprovalRequest['applicant'], plan: readonly StepPlan[], now: Date): Promise<{ plan: StepPlan; approver: Approver | null }[]> {
  return Promise.all(
    plan.map(async (step) => {
      if ('role' in step) return { plan: step, approver: await findApprover(tx, policy, step.role, applicant, now) };
      const person = await tx.person.findUnique({ where: { id: step.personId }, select: { id: true, name: true } });
      return { plan: step, approver: person ? { personId: person.id, name: person.name, role: null } : null };
    }),
  );
}

/** Creates the steps of a request the family has just made pending at step 0, and gives the first its turn. */
export async function startApproval(w: Workflow, kind: ApprovalKind, id: number, plan: readonly StepPlan[]): Promise<void> {
  for (const [index, step] of plan.entries()) {
    await w.tx.approvalStep.create({
      data: { kind: kind.kind, requestId: id, index, role: 'role' in step ? step.role : null, approverId: 'personId' in step ? step.personId : null, status: 'waiting' },
    });
  }
  await activate(w, kind, id, 0);
}

/** Gives step `index` its turn: finds its approver and posts the request; a filer who is that approver signs at once. */
async function activate(w: Workflow, kind: ApprovalKind, id: number, index: number): Promise<void> {
  const request = (await kind.load(w.tx, id))!;
  const steps = await loadSteps(w.tx, kind.kind, id);
  const step = steps[index]!;
  const earlier = steps.filter((s) => s.index < index && s.approverId !== null).map((s) => s.approverId!);
  const approver: Approver | null =
    step.role !== null
      ? await findApprover(w.tx, w.policy, step.role as Role, request.applicant, w.now, earlier)
      : await w.tx.person.findUnique({ where: { id: step.approverId ?? -1 }, select: { id: true, name: true } }).then((p) => (p ? { personId: p.id, name: p.name, role: null } : null));
  if (!approver) {
    // Nobody holds the role (nor its deputy role) any more: the step cannot wait for anyone.
    await w.tx.approvalStep.update({ where: { id: step.id }, data: { status: 'skipped', actedAt: w.now, comment: 'no approver' } });
    return advance(w, kind, request, index);
  }
  await w.tx.approvalStep.update({ where: { id: step.id }, data: { status: 'pending', approverId: approver.personId, activatedAt: w.now } });
  if (request.filedById === approver.personId) {
    await w.tx.approvalStep.update({ where: { id: step.id }, data: { status: 'approved', actedAt: w.now, actedById: approver.personId, comment: w.t(kind.texts.filerSigned) } });
    return advance(w, kind, request, index);
  }
  await postStep(w, kind, request, index, approver);
}

/** After step `index` is done: the next step's turn, or the request is approved. */
export async function advance(w: Workflow, kind: ApprovalKind, request: ApprovalRequest, index: number): Promise<void> {
  const count = await w.tx.approvalStep.count({ where: { kind: kind.kind, requestId: request.id } });
  if (index + 1 < count) {
    if (await kind.moveStep(w.tx, request.id, index, index + 1)) await activate(w, kind, request.id, index + 1);
    return;
  }
  if (await kind.close(w.tx, request.id, index, 'approved', w.now)) await kind.approved(w, request.id);
}

/**
 * Shows the outcome on the messages about `subject` that carried buttons, in place of their last
 * line (the hint), edited where the platform can.
 */
export async function closePosts(w: Workflow, subject: string, outcome: string): Promise<void> {
  const posts = await w.tx.outboxMessage.findMany({ where: { subject, platformMessageId: { not: null } } });
  for (const post of posts) {
    const sent = JSON.parse(post.payload) as OutgoingMessage;
    const text = `${sent.text.split('\n').slice(0, -1).join('\n')}\n${outcome}`;
    w.out.add({
      platform: post.platform as Platform,
      message: { chatId: post.platformChatId, text, replaceMessageId: post.platformMessageId!, ...(sent.mention ? { mention: sent.mention } : {}) },
      // The edited message keeps its platform id: a later quote of it must still find the request.
      subject,
    });
  }
}

/** Who the request's current step waits for, and the role they act in. */
export async function currentApprover(w: Pick<Workflow, 'tx' | 'policy'>, kind: ApprovalKind, request: ApprovalRequest) {
  const step = await w.tx.approvalStep.findUniqueOrThrow({ where: { kind_requestId_index: { kind: kind.kind, requestId: request.id, index: request.currentStep } } });
  return stepApprover(w.tx, w.policy, step);
}

export interface Decision {
  id: number;
  actor: { personId: number; name: string };
  approve: boolean;
  comment: string;
}

/** 同意 / 驳回 by reply, button or `#编号`: one path for every kind. Returns the answer for the actor. */
export async function decide(w: Workflow, kind: ApprovalKind, decision: Decision): Promise<Text> {
  const { t, tx, now, policy } = w;
  const request = await kind.load(tx, decision.id);
  if (!request) return { key: kind.texts.notFound, params: { id: decision.id } };
  const decided = { key: kind.texts.alreadyDecided, params: { id: request.id, status: kind.statusText(t, request.status) } } satisfies Text;
  if (request.status !== 'pending') return decided;
  const steps = await loadSteps(tx, kind.kind, request.id);
  const step = steps[request.currentStep]!;
  if (step.approverId !== decision.actor.personId) {
    if (steps.some((s) => s.actedById === decision.actor.personId && s.status === 'approved')) return { key: kind.texts.alreadyApproved, params: { id: request.id } };
    const waiting = await stepApprover(tx, policy, step);
    return { key: kind.texts.notYourStep, params: { id: request.id, name: waiting.name, role: roleName(t, waiting.role) } };
  }
  const acted = await tx.approvalStep.updateMany({
    where: { id: step.id, status: 'pending', approverId: decision.actor.personId },
    data: { status: decision.approve ? 'approved' : 'rejected', actedAt: now, actedById: decision.actor.personId, comment: decision.comment || null },
  });
  if (acted.count !== 1) return decided;
  const time = formatClock(now, policy.timezone);
  const subject = stepSubject(kind.kind, request.id, step.index);
  if (decision.approve) {
    const comment = decision.comment ? t('approval.comment', { comment: decision.comment }) : '';
    await closePosts(w, subject, t(kind.texts.outcomeApproved, { name: decision.actor.name, time, comment }));
    await advance(w, kind, request, step.index);
    const after = (await kind.load(tx, request.id))!;
    if (after.status !== 'pending') return { key: kind.texts.approvedFinal, params: { id: request.id, name: request.applicant.name } };
    const next = await currentApprover(w, kind, after);
    return { key: kind.texts.approvedStep, params: { id: request.id, name: next.name, role: roleName(t, next.role) } };
  }
  if (!(await kind.close(tx, request.id, step.index, 'rejected', now))) return decided;
  await closePosts(w, subject, t(kind.texts.outcomeRejected, { name: decision.actor.name, time, reason: decision.comment }));
  await kind.rejected(w, request.id, decision.actor, decision.comment);
  return { key: kind.texts.rejectedDone, params: { id: request.id, name: request.applicant.name } };
}

/** The applicant took the request back (the family has closed it): its waiting step stops and its post shows `outcome`. */
export async function cancelSteps(w: Workflow, kind: ApprovalKind, request: ApprovalRequest, outcome: string): Promise<void> {
  await w.tx.approvalStep.updateMany({ where: { kind: kind.kind, requestId: request.id, status: 'pending' }, data: { status: 'skipped', actedAt: w.now, comment: 'withdrawn' } });
  await closePosts(w, stepSubject(kind.kind, request.id, request.currentStep), outcome);
}
