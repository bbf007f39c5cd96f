import type { Tx } from '../db/client.ts';
import type { OutgoingMessage, Platform } from '../messaging/types.ts';
import type { ChatPurpose } from './chat-purpose.ts';
import { privateChatId } from './identity.ts';
import { isStreetRole, type Role } from './roles.ts';

/**
 * Where the bot writes, in one place for every family: a community's groups by purpose (work,
 * residents, emergency), a person's private chats, and the people who hold a role.
 */

export interface Target {
  platform: Platform;
  chatId: string;
  /** Who to @mention in a group, where the platform can. */
  mention?: { userId: string; name: string };
  /** A group's title, to say where something was posted. */
  title?: string;
}

/** Every private chat of a person: one per bound account. */
export async function privateTargets(tx: Tx, personId: number): Promise<Target[]> {
  return (await privateAccounts(tx, personId)).map(({ platform, chatId }) => ({ platform, chatId }));
}

/** Every private chat of a person with the account it is with: where a question to them can be left open. */
export async function privateAccounts(tx: Tx, personId: number): Promise<(Target & { userId: string })[]> {
  const bindings = await tx.binding.findMany({ where: { personId }, orderBy: { id: 'asc' } });
  return bindings.map((b) => ({ platform: b.platform as Platform, chatId: privateChatId(b), userId: b.platformUserId }));
}

/**
 * The groups of a purpose: one community's, or every community's when `communityId` is undefined;
 * in each, `person` is @mentioned where they are bound on that platform.
 */
export async function groupTargets(tx: Tx, purpose: ChatPurpose, communityId: number | null | undefined, person?: { id: number; name: string }): Promise<Target[]> {
  if (communityId === null) return [];
  const chats = await tx.chat.findMany({ where: { purpose, ...(communityId === undefined ? {} : { communityId }) }, orderBy: { id: 'asc' } });
  const bindings = person ? await tx.binding.findMany({ where: { personId: person.id } }) : [];
  return chats.map((chat) => {
    const binding = bindings.find((b) => b.platform === chat.platform);
    return {
      platform: chat.platform as Platform,
      chatId: chat.platformChatId,
      ...(chat.title ? { title: chat.title } : {}),
      ...(binding && person ? { mention: { userId: binding.platformUserId, name: person.name } } : {}),
    };
  });
}

/** Which groups of a purpose: one community's or every community's of a street, narrowed to those tagged with any of `tags` (设为居民群 3栋). */
export interface GroupScope {
  communityId?: number;
  streetId?: number;
  tags?: readonly string[];
}

/** A group as a target with its chat row, what it is for, and whether a send already said the bot is gone from it. */
export interface GroupTarget extends Target {
  chatRowId: number;
  purpose: ChatPurpose;
  unreachable: boolean;
}

/** The groups of a purpose in a scope, in the order they were declared; nothing for an empty scope. */
export async function scopedGroupTargets(tx: Tx, purpose: ChatPurpose, scope: GroupScope): Promise<GroupTarget[]> {
  if (scope.communityId === undefined && scope.streetId === undefined) return [];
  const tagged = scope.tags && scope.tags.length > 0 ? await tx.chatTag.findMany({ where: { tag: { in: [...scope.tags] } }, select: { chatId: true } }) : null;
  const chats = await tx.chat.findMany({
    where: {
      purpose,
      ...(scope.communityId !== undefined ? { communityId: scope.communityId } : { community: { streetId: scope.streetId! } }),
      ...(tagged ? { id: { in: tagged.map((t) => t.chatId) } } : {}),
    },
    orderBy: { id: 'asc' },
  });
  return chats.map((chat) => ({
    platform: chat.platform as Platform,
    chatId: chat.platformChatId,
    ...(chat.title ? { title: chat.title } : {}),
    chatRowId: chat.id,
    purpose,
    unreachable: chat.unreachableAt !== null,
  }));
}

/** The community's work groups, mentioning `person` where they are bound on that platform. */
export function workGroupTargets(tx: Tx, communityId: number | null, person?: { id: number; name: string }): Promise<Target[]> {
  return groupTargets(tx, 'work', communityId, person);
}

/** Whose community or street a role is looked up in. */
export interface RoleScope {
  communityId: number | null;
  streetId: number | null;
}

/** The people holding a role: in the community for community roles, in the street (and its communities) for street roles. */
export async function roleHolders(tx: Tx, role: Role, scope: RoleScope, exclude: readonly number[] = []): Promise<{ id: number; name: string }[]> {
  const where = isStreetRole(role)
    ? { OR: [{ streetId: scope.streetId ?? -1 }, { community: { streetId: scope.streetId ?? -1 } }] }
    : { communityId: scope.communityId ?? -1 };
  return tx.person.findMany({
    where: { roles: { some: { role } }, ...(exclude.length > 0 ? { id: { notIn: [...exclude] } } : {}), ...where },
    select: { id: true, name: true },
    orderBy: { id: 'asc' },
  });
}

export function toMessage(target: Target, text: string, extra: Partial<OutgoingMessage> = {}): OutgoingMessage {
  return { chatId: target.chatId, text, ...(target.mention ? { mention: target.mention } : {}), ...extra };
}
