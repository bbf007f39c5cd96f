import type { Policy } from '../config/policy.ts';
import type { Text } from '../core/command.ts';
import { isStreetRole, type Role } from '../core/roles.ts';
import type { Tx } from '../db/client.ts';
import type { Translate } from '../i18n/index.ts';
import type { OutboxEntry } from '../messaging/outbox.ts';
import type { OutgoingMessage, Platform } from '../messaging/types.ts';
import { approvalChain, dayMinutes } from '../rules/leave-chain.ts';
import { formatClock } from '../time/office-time.ts';
import { privateTargets, toMessage, workGroupTargets, type Target } from '../core/addressing.ts';
import { findApprover, stepApprover, type Applicant, type Approver } from './approvers.ts';
import { leaveLines, roleName, statusName } from './format.ts';

/**
 * The life of a leave note. Every state change is a compare-and-set (updateMany where the status
 * or step is what the caller saw → count 1), so two approvers at once or a redelivered approval
 * cannot apply twice. Effects are outbox entries the caller commits in the same transaction.
 */

export interface Workflow {
  tx: Tx;
  policy: Policy;
  t: Translate;
  now: Date;
  out: OutboxEntry[];
}

export const leaveInclude = { person: { include: { roles: true } }, steps: { orderBy: { index: 'asc' as const } } };

export async function loadLeave(tx: Tx, id: number) {
  return tx.leaveRequest.findUnique({ where: { id }, include: leaveInclude });
}
export type LoadedLeave = NonNullable<Awaited<ReturnType<typeof loadLeave>>>;

export function stepSubject(id: number, index: number): string {
  return `leave:${id}:${index}`;
}

function applicantOf(leave: LoadedLeave): Applicant {
  return { personId: leave.personId, communityId: leave.communityId, streetId: leave.streetId };
}

function view(leave: LoadedLeave) {
  return { ...leave, personName: leave.person.name };
}

export function pushTo(w: Workflow, targets: Target[], text: string, extra: Partial<OutgoingMessage> = {}, subject?: string) {
  for (const target of targets) w.out.push({ platform: target.platform, message: toMessage(target, text, extra), ...(subject ? { subject } : {}) });
}

/** Where an approver sees a note: the work group for community roles, private chats for street roles. */
async function approverTargets(w: Workflow, leave: LoadedLeave, approver: Approver): Promise<Target[]> {
  const groups = isStreetRole(approver.role) ? [] : await workGroupTargets(w.tx, leave.communityId, { id: approver.personId, name: approver.name });
  return groups.length > 0 ? groups : privateTargets(w.tx, approver.personId);
}

/** The chain's approvers as they would be asked now: for the confirmation before filing. */
export async function previewChain(tx: Tx, policy: Policy, applicant: Applicant & { roles: readonly Role[] }, workMinutes: number, now: Date) {
  const roles = approvalChain(policy.leave, applicant.roles, workMinutes, dayMinutes(policy.sessions));
  return Promise.all(roles.map(async (role) => ({ role, approver: await findApprover(tx, policy, role, applicant, now) })));
}

/** Posts the note to the step's approver, with buttons and the subject a quoted reply finds. */
export async function postStep(w: Workflow, leave: LoadedLeave, index: number, approver: Approver, header = w.t('leave.post.title', { id: leave.id })) {
  const { t, policy } = w;
  const text = [
    header,
    leaveLines(t, policy, view(leave)),
    t('leave.post.approver', { name: approver.name, role: roleName(t, approver.role), step: index + 1, steps: leave.steps.length }),
    t('leave.post.hint', { id: leave.id }),
  ].join('\n');
  const buttons = [
    { label: t('leave.button.approve'), value: `同意 #${leave.id}` },
    { label: t('leave.button.reject'), value: `驳回 #${leave.id}` },
  ];
  pushTo(w, await approverTargets(w, leave, approver), text, { buttons }, stepSubject(leave.id, index));
}

/** Gives step `index` its turn: finds its approver and posts the note; a filer who is that approver signs at once (补假). */
async function activate(w: Workflow, leaveId: number, index: number): Promise<void> {
  const leave = (await loadLeave(w.tx, leaveId))!;
  const step = leave.steps[index]!;
  const earlier = leave.steps.filter((s) => s.index < index && s.approverId !== null).map((s) => s.approverId!);
  const approver = await findApprover(w.tx, w.policy, step.role as Role, applicantOf(leave), w.now, earlier);
  if (!approver) {
    // Nobody holds the role (nor its deputy role) any more: the step cannot wait for anyone.
    await w.tx.leaveStep.update({ where: { id: step.id }, data: { status: 'skipped', actedAt: w.now, comment: 'no approver' } });
    return advance(w, leave, index);
  }
  await w.tx.leaveStep.update({ where: { id: step.id }, data: { status: 'pending', approverId: approver.personId, activatedAt: w.now } });
  if (leave.filedById === approver.personId) {
    await w.tx.leaveStep.update({ where: { id: step.id }, data: { status: 'approved', actedAt: w.now, actedById: approver.personId, comment: w.t('leave.emergency.signed') } });
    return advance(w, leave, index);
  }
  await postStep(w, leave, index, approver);
}

/** After step `index` is done: the next step's turn, or the leave is approved. */
export async function advance(w: Workflow, leave: LoadedLeave, index: number): Promise<void> {
  if (index + 1 < leave.steps.length) {
    const moved = await w.tx.leaveRequest.updateMany({ where: { id: leave.id, status: 'pending', currentStep: index }, data: { currentStep: index + 1 } });
    if (moved.count === 1) await activate(w, leave.id, index + 1);
    return;
  }
  const done = await w.tx.leaveRequest.updateMany({ where: { id: leave.id, status: 'pending', currentStep: index }, data: { status: 'approved', decidedAt: w.now } });
  if (done.count !== 1) return;
  const { t, policy } = w;
  const body = leaveLines(t, policy, view(leave));
  pushTo(w, await privateTargets(w.tx, leave.personId), `${t('leave.applicant.approved', { id: leave.id })}\n${body}`);
  pushTo(w, await workGroupTargets(w.tx, leave.communityId), `${t('leave.announce.approved', { id: leave.id, name: leave.person.name })}\n${body}`);
}

export type SubmitResult = { ok: true } | { ok: false; reason: 'not_draft' } | { ok: false; reason: 'no_approver'; role: Role };

/** Files a draft: creates its steps from the chain and gives the first its turn. A step nobody can approve keeps it a draft. */
export async function submit(w: Workflow, leaveId: number): Promise<SubmitResult> {
  const draft = (await loadLeave(w.tx, leaveId))!;
  const applicant = { ...applicantOf(draft), roles: draft.person.roles.map((r) => r.role as Role) };
  const chain = await previewChain(w.tx, w.policy, applicant, draft.workMinutes, w.now);
  const missing = chain.find((step) => step.approver === null);
  if (missing) return { ok: false, reason: 'no_approver', role: missing.role };
  const filed = await w.tx.leaveRequest.updateMany({ where: { id: leaveId, status: 'draft' }, data: { status: 'pending', submittedAt: w.now, currentStep: 0 } });
  if (filed.count !== 1) return { ok: false, reason: 'not_draft' };
  for (const [index, step] of chain.entries()) {
    await w.tx.leaveStep.create({ data: { requestId: leaveId, index, role: step.role, status: 'waiting' } });
  }
  await activate(w, leaveId, 0);
  return { ok: true };
}

export interface Decision {
  leaveId: number;
  actor: { personId: number; name: string };
  approve: boolean;
  comment: string;
}

export function draftSubject(id: number): string {
  return `leave:${id}:draft`;
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
    w.out.push({
      platform: post.platform as Platform,
      message: { chatId: post.platformChatId, text, replaceMessageId: post.platformMessageId!, ...(sent.mention ? { mention: sent.mention } : {}) },
      // The edited message keeps its platform id: a later quote of it must still find the note.
      subject,
    });
  }
}

/** 同意 / 驳回 by reply, button or `#编号`: one path. Returns the answer for the actor. */
export async function decide(w: Workflow, decision: Decision): Promise<Text> {
  const { t, tx, now, policy } = w;
  const leave = await loadLeave(tx, decision.leaveId);
  if (!leave) return { key: 'leave.notFound', params: { id: decision.leaveId } };
  const status = { key: 'leave.alreadyDecided', params: { id: leave.id, status: statusName(t, leave.status) } } satisfies Text;
  if (leave.status !== 'pending') return status;
  const step = leave.steps[leave.currentStep]!;
  if (step.approverId !== decision.actor.personId) {
    if (leave.steps.some((s) => s.actedById === decision.actor.personId && s.status === 'approved')) return { key: 'leave.alreadyApproved', params: { id: leave.id } };
    const approver = await stepApprover(tx, policy, step);
    return { key: 'leave.notYourStep', params: { id: leave.id, name: approver.name, role: roleName(t, approver.role) } };
  }
  const acted = await tx.leaveStep.updateMany({
    where: { id: step.id, status: 'pending', approverId: decision.actor.personId },
    data: { status: decision.approve ? 'approved' : 'rejected', actedAt: now, actedById: decision.actor.personId, comment: decision.comment || null },
  });
  if (acted.count !== 1) return status;
  const time = formatClock(now, policy.timezone);
  const comment = decision.comment ? t('leave.comment', { comment: decision.comment }) : '';
  if (decision.approve) {
    await closePosts(w, stepSubject(leave.id, step.index), t('leave.outcome.approved', { name: decision.actor.name, time, comment }));
    await advance(w, leave, step.index);
    const after = (await loadLeave(tx, leave.id))!;
    if (after.status === 'approved') return { key: 'leave.approvedFinal', params: { id: leave.id, name: leave.person.name } };
    const next = await stepApprover(tx, policy, after.steps[after.currentStep]!);
    return { key: 'leave.approvedStep', params: { id: leave.id, name: next.name, role: roleName(t, next.role) } };
  }
  const rejected = await tx.leaveRequest.updateMany({ where: { id: leave.id, status: 'pending', currentStep: step.index }, data: { status: 'rejected', decidedAt: now } });
  if (rejected.count !== 1) return status;
  await closePosts(w, stepSubject(leave.id, step.index), t('leave.outcome.rejected', { name: decision.actor.name, time, reason: decision.comment }));
  pushTo(w, await privateTargets(tx, leave.personId), `${t('leave.applicant.rejected', { id: leave.id, name: decision.actor.name, reason: decision.comment })}\n${leaveLines(t, policy, view(leave))}`);
  return { key: 'leave.rejectedDone', params: { id: leave.id, name: leave.person.name } };
}

/** 撤回: the applicant takes back a note not yet decided. */
export async function withdraw(w: Workflow, leave: LoadedLeave): Promise<boolean> {
  const done = await w.tx.leaveRequest.updateMany({ where: { id: leave.id, status: { in: ['draft', 'pending'] } }, data: { status: 'withdrawn', decidedAt: w.now } });
  if (done.count !== 1) return false;
  const outcome = w.t('leave.outcome.withdrawn', { name: leave.person.name, time: formatClock(w.now, w.policy.timezone) });
  if (leave.status === 'pending') {
    await w.tx.leaveStep.updateMany({ where: { requestId: leave.id, status: 'pending' }, data: { status: 'skipped', actedAt: w.now, comment: 'withdrawn' } });
    await closePosts(w, stepSubject(leave.id, leave.currentStep), outcome);
  } else {
    await closePosts(w, draftSubject(leave.id), outcome);
  }
  return true;
}

