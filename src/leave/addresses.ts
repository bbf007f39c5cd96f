import { privateChatId } from '../core/identity.ts';
import type { Tx } from '../db/client.ts';
import type { OutgoingMessage, Platform } from '../messaging/types.ts';

/** Where a person or a community can be written to, per platform. */

export interface Target {
  platform: Platform;
  chatId: string;
  /** Who to @mention in a group, where the platform can. */
  mention?: { userId: string; name: string };
}

/** Every private chat of a person: one per bound account. */
export async function privateTargets(tx: Tx, personId: number): Promise<Target[]> {
  const bindings = await tx.binding.findMany({ where: { personId }, orderBy: { id: 'asc' } });
  return bindings.map((b) => ({ platform: b.platform as Platform, chatId: privateChatId(b) }));
}

/** The community's work groups, mentioning `person` where they are bound on that platform. */
export async function workGroupTargets(tx: Tx, communityId: number | null, person?: { id: number; name: string }): Promise<Target[]> {
  if (communityId === null) return [];
  const chats = await tx.chat.findMany({ where: { communityId, purpose: 'work' }, orderBy: { id: 'asc' } });
  const bindings = person ? await tx.binding.findMany({ where: { personId: person.id } }) : [];
  return chats.map((chat) => {
    const binding = bindings.find((b) => b.platform === chat.platform);
    return {
      platform: chat.platform as Platform,
      chatId: chat.platformChatId,
      ...(binding && person ? { mention: { userId: binding.platformUserId, name: person.name } } : {}),
    };
  });
}

export function toMessage(target: Target, text: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return { chatId: target.chatId, text, ...(target.mention ? { mention: target.mention } : {}), ...extra };
}
