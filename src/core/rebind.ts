import type { Db, Tx } from '../db/client.ts';
import { retargetMentions } from '../messaging/outbox.ts';
import type { LiveContact, LiveRoom, RebindResult } from '../messaging/platform-store.ts';
import type { Platform } from '../messaging/types.ts';
import { moveChat } from './chat-migration.ts';

/**
 * Re-attaches chats and bindings to the ids a platform hands out after a re-login (WeChat's web
 * protocol changes them every time), matched by group topic and by the contact name or remark stored
 * at binding time. A name that fits more than one live room or contact is left alone and returned,
 * never guessed.
 */
export async function rebindPlatformIds(db: Db, platform: Platform, rooms: readonly LiveRoom[], contacts: readonly LiveContact[]): Promise<RebindResult> {
  return db.$transaction(async (tx) => {
    const result: RebindResult = { chats: [], bindings: [], ambiguous: [] };
    await rebindGroups(tx, platform, rooms, result);
    await rebindPeople(tx, platform, contacts, result);
    return result;
  });
}

async function rebindGroups(tx: Tx, platform: Platform, rooms: readonly LiveRoom[], result: RebindResult): Promise<void> {
  const liveIds = new Set(rooms.map((r) => r.id));
  const chats = await tx.chat.findMany({ where: { platform, kind: 'group' } });
  const stale = chats.filter((c) => !liveIds.has(c.platformChatId) && c.title);
  for (const chat of stale) {
    const title = chat.title!;
    const candidates = rooms.filter((r) => r.topic === title);
    const rivals = stale.filter((c) => c.title === title).length;
    if (candidates.length === 0) continue;
    if (candidates.length > 1 || rivals > 1) {
      result.ambiguous.push({ kind: 'group', name: title, candidates: Math.max(candidates.length, rivals) });
      continue;
    }
    const to = candidates[0]!.id;
    // A message that arrived before the rebind may have created a bare row for the new id.
    const fresh = chats.find((c) => c.platformChatId === to);
    if (fresh) {
      if (fresh.purpose || fresh.communityId) {
        result.ambiguous.push({ kind: 'group', name: title, candidates: 2 });
        continue;
      }
      await tx.chat.delete({ where: { id: fresh.id } });
    }
    await tx.chat.update({ where: { id: chat.id }, data: { platformChatId: to } });
    await moveChat(tx, platform, chat.platformChatId, to, { sentMessages: true });
    result.chats.push({ from: chat.platformChatId, to, name: title });
  }
}

async function rebindPeople(tx: Tx, platform: Platform, contacts: readonly LiveContact[], result: RebindResult): Promise<void> {
  const liveIds = new Set(contacts.map((c) => c.id));
  const bindings = await tx.binding.findMany({ where: { platform } });
  const bound = new Set(bindings.map((b) => b.platformUserId));
  const stale = bindings.filter((b) => !liveIds.has(b.platformUserId) && b.displayName);
  for (const binding of stale) {
    const name = binding.displayName!;
    const candidates = contacts.filter((c) => c.names.includes(name) && !bound.has(c.id));
    const rivals = stale.filter((b) => b.displayName === name).length;
    if (candidates.length === 0) continue;
    if (candidates.length > 1 || rivals > 1) {
      result.ambiguous.push({ kind: 'person', name, candidates: Math.max(candidates.length, rivals) });
      continue;
    }
    const from = binding.platformUserId;
    const to = candidates[0]!.id;
    await tx.binding.update({ where: { id: binding.id }, data: { platformUserId: to } });
    bound.add(to);
    await tx.conversation.updateMany({ where: { platform, platformUserId: from }, data: { platformUserId: to } });
    const privateChat = await tx.chat.findUnique({ where: { platform_platformChatId: { platform, platformChatId: from } } });
    if (privateChat?.kind === 'private') {
      await tx.chat.deleteMany({ where: { platform, platformChatId: to } });
      await tx.chat.update({ where: { id: privateChat.id }, data: { platformChatId: to } });
      await moveChat(tx, platform, from, to, { sentMessages: true });
    }
    await retargetMentions(tx, platform, from, to);
    result.bindings.push({ from, to, name });
  }
}
