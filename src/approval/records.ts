import type { RecordKind, Scoped } from '../core/records.ts';
import type { ApprovalKind, ApprovalRequest } from './kind.ts';

/** A request of an approval kind as the guards see it: in its applicant's community and street. */
export function approvalRecord(kind: ApprovalKind): RecordKind<ApprovalRequest & Scoped> {
  return {
    kind: kind.kind,
    subject: kind.kind,
    async load(tx, id) {
      const request = await kind.load(tx, id);
      return request && { ...request, communityId: request.applicant.communityId, streetId: request.applicant.streetId };
    },
    notFound: kind.texts.notFound,
  };
}
