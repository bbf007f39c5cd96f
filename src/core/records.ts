import type { Tx } from '../db/client.ts';
import type { MessageKey } from '../i18n/index.ts';
import { type Text } from '../i18n/text.ts';
import { type ChatRecord, type Sender } from './identity.ts';
import { isStreetRole } from './roles.ts';

/**
 * The records commands name (a case, a leave note, a notice …) as the guards see them: where each
 * belongs and who filed it. A family registers a kind once; every command naming one declares it,
 * and the guard loads and authorises the record before the handler runs.
 */

/** Where a record belongs: its community, and the street of that community (or its own, for street-wide records). */
export interface Scoped {
  communityId: number | null;
  streetId: number | null;
}

/** Who acts, for ownership: a bound person, else the platform account (residents report unbound). */
export interface Actor {
  personId: number | null;
  platform: string;
  platformUserId: string;
}

export interface RecordKind<R extends Scoped = Scoped> {
  /** Its name: incident, leave, notice … */
  kind: string;
  /** The kind of the subjects of the bot's messages about one (`leave` → leave:12, leave:12:0), when a quoted reply names it (src/core/reference.ts). */
  subject?: string;
  /** Reads it; `chat` is where the command was written, for records that only exist there. */
  load(tx: Tx, id: number, chat: ChatRecord): Promise<R | null>;
  /** {id}: the answer to a number that does not exist or is outside the sender's scope; none: no answer. */
  notFound?: MessageKey;
  /** Whether the actor filed it (its reporter, applicant, publisher). */
  ownedBy?(record: R, actor: Actor): boolean;
  /** To someone of its office who is not its owner, for commands only its owner may run. */
  notYours?(record: R, id: number): Text;
}

/**
 * Who may act on a named record:
 * - `office`: its community's staff and its street's roles;
 * - `office-or-owner`: they, and whoever filed it (a resident's own report);
 * - `owner`: only whoever filed it; the rest of its office is told it is not theirs;
 * - `chat`: whoever wrote where the kind's loader found it (a notice delivered to this group).
 */
export type Access = 'office' | 'office-or-owner' | 'owner' | 'chat';

/** Whether the sender works for the record's office: a community role of its community, or a street role of its street. */
export function inOffice(sender: Sender | null, record: Scoped): boolean {
  if (!sender) return false;
  const communityStaff = sender.roles.some((role) => role !== 'resident' && !isStreetRole(role));
  if (communityStaff && record.communityId !== null && record.communityId === sender.communityId) return true;
  return sender.roles.some(isStreetRole) && sender.streetId !== null && record.streetId === sender.streetId;
}

/** The sender's office as a filter on records: their community, or their street's communities for street roles. */
export function officeScope(sender: Sender): { communityId?: number; streetId?: number } | null {
  if (sender.roles.some(isStreetRole) && sender.streetId !== null) return { streetId: sender.streetId };
  return sender.communityId !== null ? { communityId: sender.communityId } : null;
}

/** The street a community belongs to, for records that keep only their community. */
export async function streetOfCommunity(tx: Tx, communityId: number | null): Promise<number | null> {
  if (communityId === null) return null;
  return (await tx.community.findUnique({ where: { id: communityId }, select: { streetId: true } }))?.streetId ?? null;
}
