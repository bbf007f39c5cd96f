import { previewApprovers, startApproval } from '../../../src/approval/workflow.ts';
import { type Workflow } from '../../../src/approval/kind.ts';
import type { Approver } from '../../../src/approval/approvers.ts';
import { type Sender } from '../../../src/core/identity.ts';
import type { Alert } from '../../../src/generated/prisma/client.ts';
import type { AlertFields } from '../rules/alert-fields.ts';
import { alertApproval } from './approval.ts';
import type { AlertMsgType, AlertScope } from './alerts.ts';

export interface AlertDraft {
  msgType: AlertMsgType;
  refId: number | null;
  scope: AlertScope;
  communityId: number | null;
  streetId: number | null;
  fields: AlertFields;
  note: string | null;
}

/**
 * Who approves: the first of the policy's roles for the scope with a holder (or their deputy) who
 * is not the author; null when there is none.
 */
async function approverFor(w: Workflow, draft: AlertDraft, author: Sender): Promise<Approver | null> {
  const roles = w.policy.notice.alerts.approvers[draft.scope];
  const applicant = { personId: author.personId, name: author.name, communityId: draft.communityId, streetId: draft.streetId };
  for (const role of roles) {
    const [preview] = await previewApprovers(w.tx, w.policy, applicant, [{ role }], w.now);
    if (preview?.approver) return preview.approver;
  }
  return null;
}

/** Files an alert (or its update or cancellation) as pending and posts it to its approver; null when nobody can approve it. */
export async function fileAlert(w: Workflow, draft: AlertDraft, author: Sender): Promise<{ alert: Alert; approver: Approver } | null> {
  const approver = await approverFor(w, draft, author);
  if (!approver) return null;
  const alert = await w.tx.alert.create({
    data: {
      msgType: draft.msgType,
      refId: draft.refId,
      scope: draft.scope,
      communityId: draft.communityId,
      streetId: draft.streetId,
      authorId: author.personId,
      authorName: author.name,
      ...draft.fields,
      note: draft.note,
      status: 'pending',
      createdAt: w.now,
    },
  });
  await startApproval(w, alertApproval, alert.id, [{ role: approver.role! }]);
  return { alert, approver };
}
