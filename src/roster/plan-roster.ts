import type { Tx } from '../db/client.ts';
import type { Role } from '../core/roles.ts';
import { roleNames, who } from './names.ts';
import { rosterKey } from './identity.ts';
import { type RosterEntry } from './entry.ts';

/** A person on file, as the import compares them with a row. */
export interface OnFile {
  id: number;
  name: string;
  rosterKey: string;
  phone: string | null;
  phoneKey: string | null;
  officeId: string | null;
  birthday: string | null;
  grid: string | null;
  communityId: number | null;
  community: string | null;
  streetId: number | null;
  street: string | null;
  roles: Role[];
  bindings: number;
}

/** The columns a row may change; the first six are logged (RosterChange). */
export type Field = 'name' | 'phone' | 'officeId' | 'roles' | 'community' | 'street' | 'birthday' | 'grid';
export const LOGGED_FIELDS: readonly Field[] = ['name', 'phone', 'officeId', 'roles', 'community', 'street'];

export interface FieldChange {
  field: Field;
  /** As the office reads them: names, roles in Chinese, an id's label. */
  from: string | null;
  to: string | null;
}

/** What would happen that only the office can decide (README: --yes). */
export type Confirmation =
  | { kind: 'roles'; from: Role[]; to: Role[] }
  | { kind: 'move'; from: string; to: string }
  | { kind: 'takesPhone'; from: OnFile }
  | { kind: 'renamesOnto'; namesake: OnFile }
  | { kind: 'renumber' };

export interface RowPlan {
  entry: RosterEntry;
  /** The person the row is; null for a new one. */
  person: OnFile | null;
  changes: FieldChange[];
  confirmations: Confirmation[];
  /** Another person who holds this row's mobile number now and loses it (a confirmation says so). */
  takesPhoneFrom: OnFile | null;
}

export interface CommunityPlan {
  name: string;
  id: number;
  rowNumber: number;
  fromStreet: string | null;
  toStreet: string;
  /** A move from one street to another, not a first street. */
  confirm: boolean;
  people: number;
}

export interface RosterPlan {
  rows: RowPlan[];
  /** Communities on file whose street the sheet changes. */
  communities: CommunityPlan[];
  /** People whose mobile number another row takes while their own row gives them another. */
  releases: OnFile[];
  /** Rows the import cannot place; not a matter of confirming. */
  problems: string[];
}

const CHUNK = 500;

function chunks<T>(values: readonly T[]): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < values.length; i += CHUNK) out.push(values.slice(i, i + CHUNK));
  return out;
}

/** Community and street names by id: small tables, read whole. */
interface Places {
  communities: Map<number, { name: string; streetId: number | null }>;
  streets: Map<number, string>;
}

async function places(tx: Tx): Promise<Places> {
  const communities = await tx.community.findMany({ select: { id: true, name: true, streetId: true } });
  const streets = await tx.street.findMany({ select: { id: true, name: true } });
  return { communities: new Map(communities.map((c) => [c.id, c])), streets: new Map(streets.map((s) => [s.id, s.name])) };
}

/**
 * Everyone a row could be: by mobile number, office id or name key. One query at a time: Prisma
 * would load an include's relations side by side on the transaction's one PostgreSQL connection.
 */
async function peopleFor(tx: Tx, entries: readonly RosterEntry[], where: Places): Promise<OnFile[]> {
  const found = new Map<number, OnFile>();
  const queries = [
    ...chunks(entries.flatMap((e) => (e.phoneKey ? [e.phoneKey] : []))).map((phoneKey) => ({ phoneKey: { in: phoneKey } })),
    ...chunks(entries.flatMap((e) => (e.officeId ? [e.officeId.key] : []))).map((officeId) => ({ officeId: { in: officeId } })),
    ...chunks([...new Set(entries.map((e) => rosterKey(e.name, e.community, e.street)))]).map((key) => ({ rosterKey: { in: key } })),
  ];
  for (const query of queries) {
    for (const p of await tx.person.findMany({ where: query })) {
      found.set(p.id, {
        id: p.id,
        name: p.name,
        rosterKey: p.rosterKey,
        phone: p.phone,
        phoneKey: p.phoneKey,
        officeId: p.officeId,
        birthday: p.birthday,
        grid: p.grid,
        communityId: p.communityId,
        community: p.communityId === null ? null : (where.communities.get(p.communityId)?.name ?? null),
        streetId: p.streetId,
        street: p.streetId === null ? null : (where.streets.get(p.streetId) ?? null),
        roles: [],
        bindings: 0,
      });
    }
  }
  for (const ids of chunks([...found.keys()])) {
    for (const r of await tx.personRole.findMany({ where: { personId: { in: ids } } })) found.get(r.personId)!.roles.push(r.role as Role);
    for (const b of await tx.binding.groupBy({ by: ['personId'], where: { personId: { in: ids } }, _count: { _all: true } })) found.get(b.personId)!.bindings = b._count._all;
  }
  return [...found.values()];
}

const hasKey = (p: OnFile) => p.phoneKey !== null || p.officeId !== null;

/** staff for any office or street role, resident for 居民 alone; null for no role. */
function side(roles: readonly Role[]): 'staff' | 'resident' | null {
  if (roles.length === 0) return null;
  return roles.every((r) => r === 'resident') ? 'resident' : 'staff';
}

/**
 * Whether a namesake found by name alone may be the row's person: a resident and a staff member of
 * one name are two people (a resident's row named like the secretary is not the secretary).
 */
function sameSide(p: OnFile, entry: RosterEntry): boolean {
  return side(p.roles) === null || side(p.roles) === side(entry.roles);
}

interface Match {
  entry: RosterEntry;
  person: OnFile | null;
  /**
   * Found by office id, mobile number, name (a person with neither on file), or as the one
   * namesake the sheet does not otherwise name, whose number or id the row changes.
   */
  via: 'id' | 'phone' | 'name' | 'renumber' | null;
  /** Whoever holds the row's mobile number on file, when that is not the row's person. */
  phoneOwner: OnFile | null;
}

/**
 * Which person on file a row is by what identifies them: the office id first, then the mobile
 * number. A row with neither is the one namesake who has neither too; a row with one may be that
 * namesake (of the same side), now given a number or an id.
 */
function matchByKey(entry: RosterEntry, on: OnFileIndex): Match | string {
  const namesakes = on.byName.get(rosterKey(entry.name, entry.community, entry.street)) ?? [];
  if (!entry.phoneKey && !entry.officeId) {
    if (namesakes.length === 0) return { entry, person: null, via: null, phoneOwner: null };
    if (namesakes.length === 1 && !hasKey(namesakes[0]!)) return { entry, person: namesakes[0]!, via: 'name', phoneOwner: null };
    return `第 ${entry.rowNumber} 行：${place(entry)}已有${namesakes.map(who).join('、')}，这一行没有手机或编号，无法确定是不是同一个人；请填写手机或编号`;
  }
  const idOwner = entry.officeId ? on.byId.get(entry.officeId.key) : undefined;
  const phoneOwner = entry.phoneKey ? on.byPhone.get(entry.phoneKey) : undefined;
  // With an id in the row, the number's holder is this person only if no other id is on file for them.
  const byNumber = phoneOwner && !(entry.officeId && phoneOwner.officeId) ? phoneOwner : undefined;
  const loose = namesakes.filter((p) => !hasKey(p) && sameSide(p, entry));
  const person = idOwner ?? byNumber ?? (loose.length === 1 ? loose[0]! : null);
  const via = idOwner ? 'id' : byNumber ? 'phone' : person ? 'name' : null;
  return { entry, person, via, phoneOwner: phoneOwner && phoneOwner !== person ? phoneOwner : null };
}

/**
 * A row whose number and id are nobody's, beside namesakes who have theirs: the one such namesake
 * no other row is (someone with a new number, if the office confirms), or a new person.
 */
function matchRenumbered(m: Match, on: OnFileIndex, claimed: Set<number>): Match | string {
  const { entry } = m;
  const namesakes = on.byName.get(rosterKey(entry.name, entry.community, entry.street)) ?? [];
  // Two different ids are two different people.
  const candidates = namesakes.filter((p) => hasKey(p) && !claimed.has(p.id) && !(entry.officeId && p.officeId) && sameSide(p, entry));
  if (candidates.length === 0) return m;
  if (candidates.length === 1) return { ...m, person: candidates[0]!, via: 'renumber' };
  return `第 ${entry.rowNumber} 行：${place(entry)}已有${candidates.map(who).join('、')}，这一行的手机或编号对不上其中任何一位，无法确定是新来的同名者还是有人换了号码；请把他们也写进表里，或加工号等编号列`;
}

interface OnFileIndex {
  byPhone: Map<string, OnFile>;
  byId: Map<string, OnFile>;
  byName: Map<string, OnFile[]>;
}

function place(entry: RosterEntry): string {
  return entry.community ?? entry.street ?? '';
}

/** What importing the rows would do, read in the import's transaction; writes nothing. */
export async function planRoster(tx: Tx, entries: readonly RosterEntry[]): Promise<RosterPlan> {
  const where = await places(tx);
  const people = await peopleFor(tx, entries, where);
  const on: OnFileIndex = {
    byPhone: new Map(people.flatMap((p) => (p.phoneKey ? [[p.phoneKey, p] as const] : []))),
    byId: new Map(people.flatMap((p) => (p.officeId ? [[p.officeId, p] as const] : []))),
    byName: new Map(),
  };
  for (const p of people) on.byName.set(p.rosterKey, [...(on.byName.get(p.rosterKey) ?? []), p]);

  const problems: string[] = [];
  const keep = (result: Match | string): Match[] => (typeof result === 'string' ? (problems.push(result), []) : [result]);
  const byKey = entries.flatMap((entry) => keep(matchByKey(entry, on)));
  const claimedByKey = new Set(byKey.flatMap((m) => (m.person ? [m.person.id] : [])));
  const matches = byKey.flatMap((m) => (m.person || (!m.entry.phoneKey && !m.entry.officeId) ? [m] : keep(matchRenumbered(m, on, claimedByKey))));

  // One person on file is one row at most.
  const claims = new Map<number, Match[]>();
  for (const m of matches) if (m.person) claims.set(m.person.id, [...(claims.get(m.person.id) ?? []), m]);
  for (const claimed of claims.values()) {
    if (claimed.length < 2) continue;
    const person = claimed[0]!.person!;
    const numbers = claimed.map((m) => m.entry.rowNumber).join('、');
    problems.push(
      claimed.every((m) => m.via === 'name' || m.via === 'renumber')
        ? `第 ${numbers} 行都叫${person.name}，无法确定原有的${who(person)}是其中哪一位；请为这几行填写手机或编号，或先只导入原来那位的一行`
        : `第 ${numbers} 行对应同一个人${who(person)}，请核对这几行的手机和编号`,
    );
  }
  if (problems.length > 0) return { rows: [], communities: [], releases: [], problems };

  const claimed = new Set(claims.keys());
  const rows: RowPlan[] = [];
  const releases: OnFile[] = [];
  for (const m of matches) {
    const { entry, person } = m;
    const confirmations: Confirmation[] = [];
    let takesPhoneFrom: OnFile | null = null;
    // A holder whose own row gives them another number (or none) lets this one go.
    if (m.phoneOwner && claimed.has(m.phoneOwner.id)) releases.push(m.phoneOwner);
    else if (m.phoneOwner) {
      takesPhoneFrom = m.phoneOwner;
      confirmations.push({ kind: 'takesPhone', from: m.phoneOwner });
    }
    if (!person) {
      rows.push({ entry, person: null, changes: [], confirmations, takesPhoneFrom });
      continue;
    }
    if (m.via === 'renumber') confirmations.push({ kind: 'renumber' });
    const key = rosterKey(entry.name, entry.community, entry.street);
    const keylessNamesake = (on.byName.get(key) ?? []).find((p) => p.id !== person.id && !hasKey(p) && !claimed.has(p.id));
    if (person.rosterKey !== key && keylessNamesake) confirmations.push({ kind: 'renamesOnto', namesake: keylessNamesake });
    const fromSide = side(person.roles);
    const toSide = side(entry.roles);
    if (fromSide && toSide && fromSide !== toSide) confirmations.push({ kind: 'roles', from: person.roles, to: entry.roles });
    const from = person.community ?? (person.communityId === null ? person.street : null);
    const to = entry.community ?? entry.street;
    const moves = person.communityId !== null ? person.community !== entry.community : person.street !== null && !entry.community && person.street !== entry.street;
    if (moves && from && to) confirmations.push({ kind: 'move', from, to });
    rows.push({ entry, person, changes: changesOf(person, entry), confirmations, takesPhoneFrom });
  }
  return { rows, communities: await communityMoves(tx, entries, where), releases, problems };
}

const sameRoles = (a: readonly Role[], b: readonly Role[]) => a.length === b.length && a.every((r) => b.includes(r));

/** Every column the row changes, as the office reads it. */
function changesOf(person: OnFile, entry: RosterEntry): FieldChange[] {
  const changes: FieldChange[] = [];
  const differ = (field: Field, from: string | null, to: string | null) => from !== to && changes.push({ field, from, to });
  differ('name', person.name, entry.name);
  // The same text may not yet be the person's key (two people shared it before).
  if (person.phone !== entry.phone || person.phoneKey !== entry.phoneKey) changes.push({ field: 'phone', from: person.phone, to: entry.phone });
  // An id is given, never taken away by a blank cell; a person on file has none when the row's is new.
  if (entry.officeId && person.officeId !== entry.officeId.key) changes.push({ field: 'officeId', from: null, to: entry.officeId.label });
  if (!sameRoles(person.roles, entry.roles)) changes.push({ field: 'roles', from: roleNames(person.roles), to: roleNames(entry.roles) });
  differ('community', person.community, entry.community);
  differ('street', person.street, entry.street);
  differ('birthday', person.birthday, entry.birthday);
  differ('grid', person.grid, entry.grid);
  return changes;
}

/** Communities on file the sheet puts in another street (or in a street for the first time). */
async function communityMoves(tx: Tx, entries: readonly RosterEntry[], where: Places): Promise<CommunityPlan[]> {
  const wanted = new Map<string, RosterEntry>();
  for (const e of entries) if (e.community && e.street && !wanted.has(e.community)) wanted.set(e.community, e);
  const moves: CommunityPlan[] = [];
  for (const [id, community] of where.communities) {
    const entry = wanted.get(community.name);
    const fromStreet = community.streetId === null ? null : (where.streets.get(community.streetId) ?? null);
    if (!entry || fromStreet === entry.street) continue;
    const people = await tx.person.count({ where: { communityId: id } });
    moves.push({ name: community.name, id, rowNumber: entry.rowNumber, fromStreet, toStreet: entry.street!, confirm: fromStreet !== null, people });
  }
  return moves.sort((a, b) => a.rowNumber - b.rowNumber);
}
