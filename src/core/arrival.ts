import type { Tx } from '../db/client.ts';
import { rawOptionalDate } from '../db/raw-values.ts';
import { sql } from '../db/sql.ts';
import type { ConversationKey, ConversationRow } from './conversation.ts';
import type { SenderRow, StoredChat } from './identity.ts';

/** What the database knows of an arriving message: its chat, its sender's rows (one per role) and the sender's open question there. */
export interface Arrival {
  chat: StoredChat | null;
  senderRows: SenderRow[];
  conversation: ConversationRow | null;
}

type ArrivalRow = { [K in keyof SenderRow]: SenderRow[K] | null } & {
  chatId: number | null;
  chatKind: string | null;
  chatTitle: string | null;
  chatPurpose: string | null;
  chatCommunityId: number | null;
  chatUnreachableAt: string | Date | null;
  conversationId: number | null;
  command: string | null;
  state: string | null;
  expiresAt: string | Date | null;
};

/**
 * Reads it in one statement, on every message, in the message's transaction: three look-ups by three
 * unrelated keys, each left-joined to one row, so a message costs one round trip where it cost three.
 * Nothing is cached, so a role or binding the CLI changed counts from the next message.
 */
export async function readArrival(tx: Tx, key: ConversationKey): Promise<Arrival> {
  const { platform, platformChatId, platformUserId } = key;
  const rows = await sql(tx).query<ArrivalRow>`
    SELECT ch."id" AS "chatId", ch."kind" AS "chatKind", ch."title" AS "chatTitle", ch."purpose" AS "chatPurpose",
           ch."communityId" AS "chatCommunityId", ch."unreachableAt" AS "chatUnreachableAt",
           p."id", p."name", p."communityId", p."streetId", p."grid", c."name" AS "communityName", c."streetId" AS "communityStreetId", r."role",
           cv."id" AS "conversationId", cv."command", cv."state", cv."expiresAt"
    FROM (SELECT 1 AS "one") AS "arrival"
    LEFT JOIN "Chat" ch ON ch."platform" = ${platform} AND ch."platformChatId" = ${platformChatId}
    LEFT JOIN "Conversation" cv ON cv."platform" = ${platform} AND cv."platformChatId" = ${platformChatId} AND cv."platformUserId" = ${platformUserId}
    LEFT JOIN "Binding" b ON b."platform" = ${platform} AND b."platformUserId" = ${platformUserId}
    LEFT JOIN "Person" p ON p."id" = b."personId"
    LEFT JOIN "Community" c ON c."id" = p."communityId"
    LEFT JOIN "PersonRole" r ON r."personId" = p."id"
    ORDER BY r."role"`;
  const first = rows[0]!;
  return {
    chat:
      first.chatId === null
        ? null
        : {
            id: first.chatId,
            platform,
            platformChatId,
            kind: first.chatKind!,
            title: first.chatTitle,
            purpose: first.chatPurpose,
            communityId: first.chatCommunityId,
            unreachableAt: rawOptionalDate(first.chatUnreachableAt),
          },
    // Bound: every row carries the person and one of its roles, as SenderRow has them.
    senderRows: first.id === null ? [] : (rows as SenderRow[]),
    conversation: first.conversationId === null ? null : { id: first.conversationId, command: first.command!, state: first.state!, expiresAt: first.expiresAt! },
  };
}
