import type { ApprovalKind } from '../../../src/approval/kind.ts';
import { pushTo, roleName } from '../../../src/approval/workflow.ts';
import { privateTargets } from '../../../src/core/addressing.ts';
import { writeReference } from '../../../src/core/reference.ts';
import type { MessageKey } from '../../../src/i18n/index.ts';
import { textOf } from '../../../src/i18n/value-text.ts';
import { alertLines, firstId, loadAlert, msgTypeOf, MSG_TYPE_TEXT, noteLines } from './alerts.ts';
import { sendAlert } from './send.ts';

/** An alert's status as its row keeps it: pending while its step is decided, then approved (and sent) or rejected. */
export type AlertStatus = 'pending' | 'approved' | 'rejected';

const STATUS_TEXT = {
  pending: 'alert.status.pending',
  approved: 'alert.status.approved',
  rejected: 'alert.status.rejected',
} as const satisfies Record<AlertStatus, MessageKey>;

/** How people name an alert where other kinds share its number: 「同意 预警#3」「更新预警 预警#3」. */
export const ALERT_NOUN = '预警';

/**
 * An alert, its update or its cancellation as the approval workflow sees it: one step, the
 * approver the policy names. Only the approval sends it (sendAlert); a rejected one is never sent.
 */
export const alertApproval: ApprovalKind = {
  kind: 'alert',
  noun: ALERT_NOUN,
  texts: {
    notFound: 'alert.notFound',
    alreadyDecided: 'alert.alreadyDecided',
    alreadyApproved: 'alert.alreadyApproved',
    notYourStep: 'alert.notYourStep',
    approvedStep: 'alert.approvedStep',
    approvedFinal: 'alert.approvedFinal',
    rejectedDone: 'alert.rejectedDone',
    outcomeApproved: 'alert.outcome.approved',
    outcomeRejected: 'alert.outcome.rejected',
    postReminder: 'alert.post.reminder',
    postEscalated: 'alert.post.escalated',
    applicantReminded: 'alert.remind.applicant',
    applicantEscalated: 'alert.escalated.applicant',
    filerSigned: 'alert.filerSigned',
  },
  reference: (id) => writeReference(id, ALERT_NOUN),
  async load(tx, id) {
    const alert = await loadAlert(tx, id);
    if (!alert) return null;
    return {
      id: alert.id,
      status: alert.status,
      currentStep: alert.currentStep,
      applicant: { personId: alert.authorId, name: alert.authorName, communityId: alert.communityId, streetId: alert.streetId },
      // An alert goes out after a superior approves it: nobody signs their own.
      filedById: null,
    };
  },
  async moveStep(tx, id, from, to) {
    return (await tx.alert.updateMany({ where: { id, status: 'pending', currentStep: from }, data: { currentStep: to } })).count === 1;
  },
  async close(tx, id, at, outcome, now) {
    return (await tx.alert.updateMany({ where: { id, status: 'pending', currentStep: at }, data: { status: outcome, decidedAt: now } })).count === 1;
  },
  statusText: (t, status) => textOf(t, STATUS_TEXT, status),
  async post(w, id, _index, approver, _steps, header) {
    const { t } = w;
    const alert = (await loadAlert(w.tx, id))!;
    return [
      header ?? t(MSG_TYPE_TEXT[msgTypeOf(alert)].post, { id, first: firstId(alert) }),
      ...noteLines(t, alert),
      ...alertLines(t, alert),
      t('alert.post.author', { name: alert.authorName, approver: approver.name, role: roleName(t, approver.role) }),
      t('alert.post.hint', { id }),
    ].join('\n');
  },
  async approved(w, id) {
    const alert = (await loadAlert(w.tx, id))!;
    await sendAlert(w, alert);
    pushTo(w, await privateTargets(w.tx, alert.authorId), w.t('alert.author.approved', { id, first: firstId(alert) }));
  },
  async rejected(w, id, actor, comment) {
    const alert = (await loadAlert(w.tx, id))!;
    pushTo(w, await privateTargets(w.tx, alert.authorId), w.t('alert.author.rejected', { id, name: actor.name, reason: comment }));
  },
  idle: (policy) => ({ remindAfterMinutes: policy.notice.alerts.approval.remindAfterMinutes, escalateAfterMinutes: policy.notice.alerts.approval.escalateAfterMinutes, officeTimeOnly: false }),
};
