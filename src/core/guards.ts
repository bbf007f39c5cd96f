import type { Tx } from '../db/client.ts';
import type { Text } from '../i18n/text.ts';
import type { ChatKind, Platform } from '../messaging/types.ts';
import type { ChatPurpose } from './chat-purpose.ts';
import type { ChatRecord, Sender } from './identity.ts';
import { inOffice, type Access, type Actor, type RecordKind, type Scoped } from './records.ts';
import { holdsAny, roleKey, type Role } from './roles.ts';

/**
 * The checks a command declares, made here and nowhere else: the router makes the pure ones (its
 * roles, where it may run, who may with these arguments) and the command's run the rest before its
 * handler (the sender's community, the records its arguments name). A record outside the sender's
 * scope is answered as one that does not exist.
 */

/** Where a command may run. */
export interface PlaceGuard {
  /** Only in a group (设为工作群, 收到). */
  groupsOnly?: boolean;
  /** Not in groups declared for these purposes (签到 and 周计划 are no business of a residents' group). */
  notIn?: readonly ChatPurpose[];
}

export interface RecordGuard<A, K extends Scoped> {
  kinds: readonly RecordKind<K>[];
  /** The numbers the arguments name (or the chat's own row, for a command about the group); null: none named. */
  id(args: A, chat: ChatRecord): number | null | readonly number[];
  /** Which of `kinds` the arguments name, by its kind or its subject's (「同意 预警#3」, a quoted approval post); null or absent: any of them. */
  kind?(args: A): string | null;
  access: Access | 'claim';
}

/** Who may run it with these arguments, beyond its roles (「发布通知 全街道」 is the street's): the roles, and the command as the refusal names it. */
export type RolesFor<A> = (args: A) => { roles: readonly Role[]; as: string } | null;

/** A record the guard loaded and authorised, with the kind it is. */
export interface LoadedRecord<K> {
  kind: string;
  id: number;
  row: K;
}

/** What the guards read of a command's context: its transaction, chat, sender and the sending account. */
export interface GuardContext {
  tx: Tx;
  chat: ChatRecord;
  sender: Sender | null;
  message: { platform: Platform; senderId: string };
}

/** A sender known to belong to a community. */
export type CommunitySender = Sender & { communityId: number; communityName: string };

export type GuardOutcome<K> = { ok: true; records: LoadedRecord<K>[] } | { ok: false; answer: Text | null };

export interface Guards<A, K extends Scoped> {
  /** The command's first name, for the answers. */
  command: string;
  member?: 'community';
  where?: PlaceGuard;
  rolesFor?: RolesFor<A>;
  record?: RecordGuard<A, K>;
}

function actorOf(context: GuardContext): Actor {
  return { personId: context.sender?.personId ?? null, platform: context.message.platform, platformUserId: context.message.senderId };
}

/** Whether the sender may act on the record, and if not, what they are told (null: as if it did not exist). */
function permitted<K extends Scoped>(kind: RecordKind<K>, access: RecordGuard<unknown, K>['access'], row: K, id: number, context: GuardContext): true | Text | null {
  const office = inOffice(context.sender, row);
  const owner = kind.ownedBy?.(row, actorOf(context)) ?? false;
  switch (access) {
    case 'chat':
      return true;
    case 'office':
      return office || null;
    case 'office-or-owner':
      return office || owner || null;
    case 'owner':
      if (owner) return true;
      return office && kind.notYours ? kind.notYours(row, id) : null;
    case 'claim':
      if (row.communityId === null || office) return true;
      return kind.notYours ? kind.notYours(row, id) : null;
  }
}

async function loadRecords<A, K extends Scoped>(guard: RecordGuard<A, K>, context: GuardContext, args: A): Promise<GuardOutcome<K>> {
  const named = guard.id(args, context.chat);
  const ids = named === null ? [] : typeof named === 'number' ? [named] : named;
  const written = guard.kind?.(args) ?? null;
  const kinds = written ? guard.kinds.filter((k) => k.kind === written || k.subject === written) : guard.kinds;
  const records: LoadedRecord<K>[] = [];
  for (const id of ids) {
    let refusal: Text | null = null;
    let found = false;
    for (const kind of kinds) {
      const row = await kind.load(context.tx, id, context.chat);
      if (!row) continue;
      const verdict = permitted(kind, guard.access, row, id, context);
      if (verdict === true) {
        records.push({ kind: kind.kind, id, row });
        found = true;
      } else {
        refusal ??= verdict;
      }
    }
    if (found) continue;
    if (refusal) return { ok: false, answer: refusal };
    const notFound = (kinds[0] ?? guard.kinds[0])?.notFound;
    return { ok: false, answer: notFound ? { key: notFound, params: { id } } : null };
  }
  return { ok: true, records };
}

/**
 * The checks the router makes, being pure (so `shequ parse` says the same): where the command may
 * run, and who may run it with these arguments. Null when it may.
 */
export function placeRefusal(guards: Pick<Guards<unknown, Scoped>, 'command' | 'where'>, chat: { kind: ChatKind; purpose: ChatPurpose | null }): Text | null {
  if (guards.where?.groupsOnly && chat.kind !== 'group') return { key: 'error.groupOnly', params: { command: guards.command } };
  const purpose = chat.kind === 'group' ? chat.purpose : null;
  if (purpose && guards.where?.notIn?.includes(purpose)) return { key: 'guard.wrongChat', params: { command: guards.command }, lists: { purpose: [`chat.purpose.${purpose}`] } };
  return null;
}

export function argumentRefusal<A>(rolesFor: RolesFor<A> | undefined, args: A, roles: readonly Role[] | null): Text | null {
  const needed = rolesFor?.(args);
  if (!needed || holdsAny(roles, needed.roles)) return null;
  return { key: 'error.forbidden', params: { command: needed.as }, lists: { roles: needed.roles.map(roleKey) } };
}

/** The checks that need the database, before the handler: the sender's community and the records the arguments name. */
export async function checkGuards<A, K extends Scoped>(guards: Guards<A, K>, context: GuardContext, args: A): Promise<GuardOutcome<K>> {
  if (guards.member === 'community' && (context.sender?.communityId ?? null) === null) {
    return { ok: false, answer: { key: 'guard.noCommunity', params: { command: guards.command } } };
  }
  return guards.record ? loadRecords(guards.record, context, args) : { ok: true, records: [] };
}
