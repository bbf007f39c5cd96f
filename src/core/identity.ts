import type { Tx } from '../db/client.ts';
import type { ChatKind, Platform } from '../messaging/types.ts';
import type { ChatRecord, Sender } from './command.ts';
import type { Role } from './roles.ts';

/** The person a platform account is bound to; the chat is trusted for nothing but the sender id. */
export async function findSender(tx: Tx, platform: Platform, platformUserId: string): Promise<Sender | null> {
  const binding = await tx.binding.findUnique({
    where: { platform_platformUserId: { platform, platformUserId } },
    include: { person: { include: { roles: true, community: true } } },
  });
  if (!binding) return null;
  return senderOf(binding.person);
}

export function senderOf(person: {
  id: number;
  name: string;
  communityId: number | null;
  streetId: number | null;
  roles: { role: string }[];
  community: { name: string; streetId: number | null } | null;
}): Sender {
  return {
    personId: person.id,
    name: person.name,
    roles: person.roles.map((r) => r.role as Role),
    communityId: person.communityId,
    communityName: person.community?.name ?? null,
    streetId: person.streetId ?? person.community?.streetId ?? null,
  };
}

/** The chat as the database knows it, created on first sight; its title follows the platform. */
export async function upsertChat(
  tx: Tx,
  platform: Platform,
  platformChatId: string,
  kind: ChatKind,
  title: string | undefined,
): Promise<ChatRecord> {
  const row = await tx.chat.upsert({
    where: { platform_platformChatId: { platform, platformChatId } },
    create: { platform, platformChatId, kind, title: title ?? null },
    update: title ? { title } : {},
  });
  return { ...row, platform: row.platform as Platform, kind: row.kind as ChatKind };
}
