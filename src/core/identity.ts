import type { Tx } from '../db/client.ts';
import { rawOptionalDate } from '../db/raw-values.ts';
import type { ChatKind, Platform } from '../messaging/types.ts';
import type { ChatRecord, Sender } from './command.ts';
import type { Role } from './roles.ts';
import { sql } from '../db/sql.ts';

interface SenderRow {
  id: number;
  name: string;
  communityId: number | null;
  streetId: number | null;
  grid: string | null;
  communityName: string | null;
  communityStreetId: number | null;
  role: string | null;
}

/**
 * The person a platform account is bound to; the chat is trusted for nothing but the sender id.
 * One query on every message (person, roles and community joined; Prisma's include would be three),
 * read in the message's transaction: no cache, so a role or binding the CLI changed counts at once.
 */
export async function findSender(tx: Tx, platform: Platform, platformUserId: string): Promise<Sender | null> {
  const rows = await sql(tx).query<SenderRow>`
    SELECT p."id", p."name", p."communityId", p."streetId", p."grid",
           c."name" AS "communityName", c."streetId" AS "communityStreetId", r."role"
    FROM "Binding" b
    JOIN "Person" p ON p."id" = b."personId"
    LEFT JOIN "Community" c ON c."id" = p."communityId"
    LEFT JOIN "PersonRole" r ON r."personId" = p."id"
    WHERE b."platform" = ${platform} AND b."platformUserId" = ${platformUserId}
    ORDER BY r."role"`;
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

/** The chat as the database knows it, created on first sight; its title follows the platform. */
export async function upsertChat(
  tx: Tx,
  platform: Platform,
  platformChatId: string,
  kind: ChatKind,
  title: string | undefined,
): Promise<ChatRecord> {
  const where = { platform_platformChatId: { platform, platformChatId } };
  const [raw] = await sql(tx).query<ChatRecord & { unreachableAt: string | Date | null }>`
    SELECT "id", "platform", "platformChatId", "kind", "title", "purpose", "communityId", "unreachableAt"
    FROM "Chat" WHERE "platform" = ${platform} AND "platformChatId" = ${platformChatId}`;
  const found = raw ? { ...raw, unreachableAt: rawOptionalDate(raw.unreachableAt) } : null;
  // Written only when new, renamed or back from unreachable (a message from it: the bot is in it again).
  const renamed = Boolean(title && found && found.title !== title);
  const row = !found
    ? await tx.chat.create({ data: { platform, platformChatId, kind, title: title ?? null } })
    : renamed || found.unreachableAt
      ? await tx.chat.update({ where, data: { ...(renamed ? { title } : {}), unreachableAt: null, unreachableReason: null } })
      : found;
  return { ...row, platform: row.platform as Platform, kind: row.kind as ChatKind };
}
