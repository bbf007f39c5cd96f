import type { Tx } from '../db/client.ts';
import type { ChatKind, Platform } from '../messaging/types.ts';
import type { ChatRecord, Sender } from './command.ts';
import type { Role } from './roles.ts';

/** One row of a sender's read: the person with one of its roles (null when it has none). */
export interface SenderRow {
  id: number;
  name: string;
  communityId: number | null;
  streetId: number | null;
  grid: string | null;
  communityName: string | null;
  communityStreetId: number | null;
  role: string | null;
}

/** The person a platform account is bound to, from its rows (one per role); the chat is trusted for nothing but the sender id. */
export function senderFromRows(rows: readonly SenderRow[]): Sender | null {
  const first = rows[0];
  if (!first) return null;
  return senderOf({
    ...first,
    roles: rows.flatMap((row) => (row.role === null ? [] : [{ role: row.role }])),
    community: first.communityName === null ? null : { name: first.communityName, streetId: first.communityStreetId },
  });
}

/**
 * Where a private message to an account goes by the platform's own convention: the sandbox names
 * the chat dm:<user>; Telegram and WeChat address it by the user id itself.
 */
export function conventionalPrivateChatId(platform: string, platformUserId: string): string {
  return platform === 'sandbox' ? `dm:${platformUserId}` : platformUserId;
}

/** The private chat with a bound account: the one kept from the person's own messages, else the platform's convention. */
export function privateChatId(binding: { platform: string; platformUserId: string; privateChatId: string | null }): string {
  return binding.privateChatId ?? conventionalPrivateChatId(binding.platform, binding.platformUserId);
}

/**
 * Keeps the private chat of a bound account when it is not the conventional one (Lark's p2p chat
 * id), so the bot can write to the person later. The conventional one is not stored: it follows the
 * binding when a platform hands out new user ids (WeChat after a re-login).
 */
export async function rememberPrivateChat(tx: Tx, platform: Platform, platformUserId: string, chatId: string): Promise<void> {
  const value = chatId === conventionalPrivateChatId(platform, platformUserId) ? null : chatId;
  await tx.binding.updateMany({
    where: { platform, platformUserId, ...(value === null ? { privateChatId: { not: null } } : { OR: [{ privateChatId: null }, { privateChatId: { not: value } }] }) },
    data: { privateChatId: value },
  });
}

export function senderOf(person: {
  id: number;
  name: string;
  communityId: number | null;
  streetId: number | null;
  grid: string | null;
  roles: { role: string }[];
  community: { name: string; streetId: number | null } | null;
}): Sender {
  return {
    personId: person.id,
    name: person.name,
    roles: person.roles.map((r) => r.role as Role),
    communityId: person.communityId,
    communityName: person.community?.name ?? null,
    grid: person.grid,
    streetId: person.streetId ?? person.community?.streetId ?? null,
  };
}

/** A chat as stored, before the platform's name for it is compared. */
export type StoredChat = Omit<ChatRecord, 'platform' | 'kind'> & { platform: string; kind: string; unreachableAt: Date | null };

/** The chat as the database knows it (`stored`, read with the message), created on first sight; its title follows the platform. */
export async function upsertChat(
  tx: Tx,
  stored: StoredChat | null,
  platform: Platform,
  platformChatId: string,
  kind: ChatKind,
  title: string | undefined,
): Promise<ChatRecord> {
  const where = { platform_platformChatId: { platform, platformChatId } };
  // Written only when new, renamed or back from unreachable (a message from it: the bot is in it again).
  const renamed = Boolean(title && stored && stored.title !== title);
  const row = !stored
    ? await tx.chat.create({ data: { platform, platformChatId, kind, title: title ?? null } })
    : renamed || stored.unreachableAt
      ? await tx.chat.update({ where, data: { ...(renamed ? { title } : {}), unreachableAt: null, unreachableReason: null } })
      : stored;
  return { id: row.id, platform: row.platform as Platform, platformChatId: row.platformChatId, kind: row.kind as ChatKind, title: row.title, purpose: row.purpose, communityId: row.communityId };
}
