import type { RecordKind } from '../../src/core/records.ts';
import { streetOfCommunity } from '../../src/core/records.ts';

/** A second post of a week waiting for 替换 or 追加: only its author answers it. */
export const planRevisionRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null; personId: number }> = {
  kind: 'plan-revision',
  async load(tx, id) {
    const revision = await tx.planRevision.findFirst({ where: { id, kind: 'post' }, select: { id: true, plan: { select: { personId: true, communityId: true } } } });
    return revision && { id: revision.id, personId: revision.plan.personId, communityId: revision.plan.communityId, streetId: await streetOfCommunity(tx, revision.plan.communityId) };
  },
  notFound: 'plan.revision.notFound',
  ownedBy: (revision, actor) => revision.personId === actor.personId,
  notYours: (_revision, id) => ({ key: 'plan.revision.notYours', params: { id } }),
};

/** Plans and minutes are the office's own business: kept by its members, not written in residents' or emergency groups. */
export const PLAN_PLACE = { notIn: ['resident', 'emergency'] } as const;
