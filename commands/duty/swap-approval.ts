import type { ApprovalKind } from '../../src/approval/kind.ts';
import { pushTo } from '../../src/approval/workflow.ts';
import { privateTargets } from '../../src/core/addressing.ts';
import { writeReference } from '../../src/core/reference.ts';
import type { MessageKey } from '../../src/i18n/index.ts';
import { textOf } from '../../src/i18n/value-text.ts';
import { applySwap, loadSwap, swapLines } from './swap-workflow.ts';

/** A swap's status as its row keeps it: pending while its steps are decided; failed when the roster moved meanwhile. */
export type SwapStatus = 'pending' | 'approved' | 'rejected' | 'failed';

const STATUS_TEXT = {
  pending: 'duty.swap.status.pending',
  approved: 'duty.swap.status.approved',
  rejected: 'duty.swap.status.rejected',
  failed: 'duty.swap.status.failed',
} as const satisfies Record<SwapStatus, MessageKey>;

/**
 * A swap or cover as the shared approval workflow sees it: first the colleague (a named person)
 * accepts or declines, then the secretary (a role) approves, unless the policy lets peers decide.
 * Only the last yes changes the roster (applySwap).
 */
export const dutySwapApproval: ApprovalKind = {
  kind: 'duty-swap',
  noun: '换班',
  texts: {
    notFound: 'duty.swap.notFound',
    alreadyDecided: 'duty.swap.alreadyDecided',
    alreadyApproved: 'duty.swap.alreadyApproved',
    notYourStep: 'duty.swap.notYourStep',
    approvedStep: 'duty.swap.approvedStep',
    approvedFinal: 'duty.swap.approvedFinal',
    rejectedDone: 'duty.swap.rejectedDone',
    outcomeApproved: 'duty.swap.outcome.approved',
    outcomeRejected: 'duty.swap.outcome.rejected',
    postReminder: 'duty.swap.post.reminder',
    postEscalated: 'duty.swap.post.escalated',
    applicantReminded: 'duty.swap.remind.applicant',
    applicantEscalated: 'duty.swap.escalated.applicant',
    filerSigned: 'duty.swap.filerSigned',
  },
  reference: (id) => writeReference(id),
  async load(tx, id) {
    const swap = await loadSwap(tx, id);
    if (!swap) return null;
    const { requester } = swap;
    return {
      id: swap.id,
      status: swap.status,
      currentStep: swap.currentStep,
      applicant: { personId: requester.id, name: requester.name, communityId: requester.communityId, streetId: requester.streetId },
      // A secretary asking for their own swap signs the secretary's step by asking.
      filedById: requester.id,
    };
  },
  async moveStep(tx, id, from, to) {
    return (await tx.dutySwap.updateMany({ where: { id, status: 'pending', currentStep: from }, data: { currentStep: to } })).count === 1;
  },
  async close(tx, id, at, outcome, now) {
    return (await tx.dutySwap.updateMany({ where: { id, status: 'pending', currentStep: at }, data: { status: outcome, decidedAt: now } })).count === 1;
  },
  statusText: (t, status) => textOf(t, STATUS_TEXT, status),
  async post(w, id, index, approver, steps, header) {
    const { t } = w;
    const swap = (await loadSwap(w.tx, id))!;
    const asked = index === 0 && approver.personId === swap.colleague.id;
    const title = header ?? t(asked ? (swap.kind === 'cover' ? 'duty.cover.ask' : 'duty.swap.ask') : 'duty.swap.post.title', { id, name: swap.requester.name, colleague: swap.colleague.name });
    return [title, ...swapLines(w, swap), t('duty.swap.post.step', { step: index + 1, steps }), t(asked ? 'duty.swap.post.askHint' : 'duty.swap.post.hint', { id })].join('\n');
  },
  approved: (w, id) => applySwap(w, id),
  async rejected(w, id, actor, comment) {
    const swap = (await loadSwap(w.tx, id))!;
    const text = `${w.t('duty.swap.declined', { id, name: actor.name, reason: comment || w.t('duty.swap.noReason') })}\n${swapLines(w, swap).join('\n')}`;
    pushTo(w, await privateTargets(w.tx, swap.requester.id), text);
    if (actor.personId !== swap.colleague.id) pushTo(w, await privateTargets(w.tx, swap.colleague.id), text);
  },
  idle: () => ({ remindAfterMinutes: 4 * 60, escalateAfterMinutes: 24 * 60, officeTimeOnly: true }),
};
