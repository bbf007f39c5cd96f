import type { Tx } from '../db/client.ts';
import { sql } from '../db/sql.ts';
import type { ChatKind, Platform } from '../messaging/types.ts';
import type { Role } from './roles.ts';

/** The person behind a bound platform account, with what the database says they are. */
export interface Sender {
  personId: number;
  name: string;
  roles: Role[];
  communityId: number | null;
  communityName: string | null;
  /** The grid (网格) the person works, from the roster; staggered hours may follow it. */
  grid: string | null;
  streetId: number | null;
}

export interface ChatRecord {
  id: number;
  platform: Platform;
  platformChatId: string;
  kind: ChatKind;
  title: string | null;
  purpose: string | null;
  communityId: number | null;
}

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

type ChatRow = Pick<ChatRecord, 'id' | 'platformChatId' | 'title' | 'purpose' | 'communityId'> & { platform: string; kind: string };

/**
 * The chat, created on first sight. Two instances may see the first messages of a new chat at
 * once: the insert does nothing when the other's row is there (PostgreSQL waits for the other
 * transaction to end first), and the row is then read; a plain insert failed the whole message.
 */
async function createChat(tx: Tx, platform: Platform, platformChatId: string, kind: ChatKind, title: string | null): Promise<ChatRow> {
  const now = new Date();
  const [created] = await sql(tx).query<ChatRow>`
    INSERT INTO "Chat" ("platform", "platformChatId", "kind", "title", "createdAt", "updatedAt")
    VALUES (${platform}, ${platformChatId}, ${kind}, ${title}, ${now}, ${now})
    ON CONFLICT ("platform", "platformChatId") DO NOTHING
    RETURNING "id", "platform", "platformChatId", "kind", "title", "purpose", "communityId"`;
  if (created) return created;
  const [existing] = await sql(tx).query<ChatRow>`
    SELECT "id", "platform", "platformChatId", "kind", "title", "purpose", "communityId" FROM "Chat"
    WHERE "platform" = ${platform} AND "platformChatId" = ${platformChatId}`;
  return existing!;
}

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
    ? await createChat(tx, platform, platformChatId, kind, title ?? null)
    : renamed || stored.unreachableAt
      ? await tx.chat.update({ where, data: { ...(renamed ? { title } : {}), unreachableAt: null, unreachableReason: null } })
      : stored;
  return { id: row.id, platform: row.platform as Platform, platformChatId: row.platformChatId, kind: row.kind as ChatKind, title: row.title, purpose: row.purpose, communityId: row.communityId };
}

/**
 * Binds a platform account to a person, and answers whom it is bound to: that person, or the one
 * a concurrent message bound it to first (two instances handling 绑定 from one account at once).
 * The insert does nothing when the account's binding is there, as for a chat.
 */
export async function bindAccount(tx: Tx, binding: { personId: number; platform: Platform; platformUserId: string; displayName: string | null }): Promise<number> {
  const { personId, platform, platformUserId, displayName } = binding;
  await sql(tx).execute`
    INSERT INTO "Binding" ("personId", "platform", "platformUserId", "displayName", "createdAt")
    VALUES (${personId}, ${platform}, ${platformUserId}, ${displayName}, ${new Date()})
    ON CONFLICT ("platform", "platformUserId") DO NOTHING`;
  const [bound] = await sql(tx).query<{ personId: number }>`
    SELECT "personId" FROM "Binding" WHERE "platform" = ${platform} AND "platformUserId" = ${platformUserId}`;
  return bound!.personId;
}
