import type { Tx } from '../../src/db/client.ts';
import { scopedGroupTargets, type GroupTarget } from '../../src/core/addressing.ts';
import type { ChatPurpose } from '../../src/core/chat-purpose.ts';
import type { AudienceWords } from './rules/words.ts';

/** Who a notice is for: the resident groups of its community or of its street, narrowed to buildings and grids (empty: all). */
export type NoticeAudience = AudienceWords;

/** Purposes a notice may reach besides the resident groups: alerts also go to the emergency and the work group. */
export type ExtraPurpose = Extract<ChatPurpose, 'emergency' | 'work'>;

export interface AudienceOwner {
  communityId: number | null;
  streetId: number | null;
}

/**
 * Every chat a notice goes to: the resident groups of the audience, then the community's groups of
 * each extra purpose; a chat is listed once even when it serves several purposes.
 */
export async function audienceChats(tx: Tx, owner: AudienceOwner, audience: NoticeAudience, extra: readonly ExtraPurpose[] = []): Promise<GroupTarget[]> {
  const scope = audience.scope === 'street' ? { streetId: owner.streetId ?? -1 } : { communityId: owner.communityId ?? -1 };
  const chats = await scopedGroupTargets(tx, 'resident', { ...scope, tags: audience.tags });
  for (const purpose of extra) chats.push(...(await scopedGroupTargets(tx, purpose, scope)));
  const seen = new Set<number>();
  return chats.filter((chat) => !seen.has(chat.chatRowId) && seen.add(chat.chatRowId));
}
