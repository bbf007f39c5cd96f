import type { RecordKind } from '../../src/core/records.ts';

export interface ClaimedGroup {
  id: number;
  communityId: number | null;
  streetId: number | null;
  communityName: string | null;
}

/** A group as the guards see it: the community that claimed it (none yet: anyone of an office may), and that community's street. */
export const groupRecord: RecordKind<ClaimedGroup> = {
  kind: 'chat',
  async load(tx, id) {
    const chat = await tx.chat.findUnique({ where: { id }, select: { id: true, communityId: true, community: { select: { name: true, streetId: true } } } });
    return chat && { id: chat.id, communityId: chat.communityId, streetId: chat.community?.streetId ?? null, communityName: chat.community?.name ?? null };
  },
  notYours: (chat) => ({ key: 'chatPurpose.claimed', params: { community: chat.communityName ?? '' } }),
};
