import { fold } from './as-written.ts';
import type { ChatPurpose } from './chat-purpose.ts';

/**
 * What a residents' group may read of what residents wrote. ID numbers, phones and the exact
 * address of a private household (the room: 302, 5-2-301, 302室) are for staff only; buildings,
 * roads and public places stay, so neighbours know where to keep away. Numbers are found on the
 * NFKC fold (１３８… and ０５７１－… are digits and hyphens there) but replaced in the text as
 * written, so the rest keeps its full-width punctuation. Pure.
 */

/** What stands where something private was. */
export const HIDDEN = '***';

/** What people put inside a number, on the fold: spaces (any width), hyphens and dashes, dots, middle dots. */
const SEP = String.raw`(?:\s*[-‐‑‒–—―−.·•・‧]\s*|\s+)`;

/** Resident ID numbers: 18 digits (the last may be X) or the old 15, glued or grouped 6-8-4 / 6-6-3. */
const ID_NUMBER = new RegExp(String.raw`(?<![0-9A-Za-z])(?:[0-9]{6}${SEP}?[0-9]{8}${SEP}?[0-9]{3}[0-9Xx]|[0-9]{6}${SEP}?[0-9]{6}${SEP}?[0-9]{3})(?![0-9A-Za-z])`, 'g');

/** Mobiles (138 1234 5678, 139.1234.5678, +86 138-0013-8000): the first three digits together, then anything between. */
const MOBILE = new RegExp(String.raw`(?<![0-9])(?:(?:\+|00)?86${SEP}?)?1[3-9][0-9](?:${SEP}?[0-9]){8}(?![0-9])`, 'g');

/** Landlines with an area code: 0571-8888 6666, (010)12345678, +86 21 6432 1234. */
const LANDLINE = new RegExp(String.raw`(?<![0-9])(?:(?:\+|00)86${SEP}?\(?0?|\(?0)[1-9][0-9]{1,2}\)?${SEP}?[2-9][0-9]{2,3}${SEP}?[0-9]{4}(?![0-9])`, 'g');

/**
 * A local number without its area code needs its separator (8888-6666, 888 6666); a year range
 * (2025-2026) or an amount, a size or a count (3000-5000元, 200-3000米) is none.
 */
const LOCAL = new RegExp(
  String.raw`(?<![0-9])(?!(?:19|20)[0-9]{2}${SEP}(?:19|20)[0-9]{2}(?![0-9]))[2-9][0-9]{2,3}${SEP}[0-9]{4}(?![0-9])(?!\s*(?:元|块|角|万|千|百|米|平|㎡|公里|公斤|斤|吨|人|户|个|件|次|辆|年|月|日|号|天|小时|分钟|%))`,
  'g',
);

/** A household: 5-2-301, 3栋2单元301, 302室, 402房, and a room number right after a building or unit (5栋302). */
const HOUSEHOLD = /(?<![0-9])[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4}(?![0-9])|(?<![0-9])[0-9]{3,4}(?:室|房|户|号房)|(?<=(?:号楼|栋|幢|单元|座)\s?)[0-9]{3,4}(?![0-9])/g;

/** Another room number joined to a hidden one: 「302和402」「301、302」. */
const JOINED_ROOM = /^\s?(?:和|与|及|、|,|跟)\s?([0-9]{3,4})(?![0-9])/;

type Span = readonly [start: number, end: number];

function spansOf(pattern: RegExp, text: string): Span[] {
  return [...text.matchAll(pattern)].map((m) => [m.index, m.index + m[0].length] as const);
}

/** The households a folded text names, with the rooms joined to them. */
function householdSpans(folded: string): Span[] {
  const spans = spansOf(HOUSEHOLD, folded);
  for (let i = 0; i < spans.length; i++) {
    const end = spans[i]![1];
    const joined = JOINED_ROOM.exec(folded.slice(end));
    if (joined) spans.push([end + joined[0].length - joined[1]!.length, end + joined[0].length]);
  }
  return spans;
}

function numberSpans(folded: string): Span[] {
  return [ID_NUMBER, MOBILE, LANDLINE, LOCAL].flatMap((pattern) => spansOf(pattern, folded));
}

/** The room numbers a text names as households (「5栋302和402」 → 302, 402), to hide them wherever they recur. */
export function householdNumbers(text: string): string[] {
  const folded = fold(text).text;
  const rooms = householdSpans(folded).map(([start, end]) => folded.slice(start, end).match(/[0-9]{3,4}(?=[^0-9]*$)/)?.[0] ?? '');
  return [...new Set(rooms.filter(Boolean))];
}

/**
 * What a residents' group may read of a text: ID numbers, phones (any width, any separators) and
 * households hidden; `rooms` are the case's own room numbers, hidden wherever they recur (「402修好水管」).
 */
export function maskPrivate(text: string, rooms: readonly string[] = []): string {
  const folded = fold(text);
  const spans = [...numberSpans(folded.text), ...householdSpans(folded.text)];
  for (const room of rooms) spans.push(...spansOf(new RegExp(`(?<![0-9])${room}(?![0-9])`, 'g'), folded.text));
  if (spans.length === 0) return text;
  const written = spans.map(([start, end]) => [folded.from[start]!, folded.to[end - 1]!] as const).sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = '';
  let at = 0;
  for (const [start, end] of written) {
    if (end <= at) continue;
    out += start >= at ? text.slice(at, start) + HIDDEN : '';
    at = end;
  }
  return out + text.slice(at);
}

/** A resident's name for a resident group: the first character, the rest hidden (钱大爷 → 钱**). */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first && /\p{Script=Han}/u.test(first) ? `${first}**` : '**';
}

/** Who reads a chat: `staff` in private chats and the work and emergency groups, `public` in any other group (residents'). */
export type Audience = 'staff' | 'public';

export function audienceOf(chat: { kind: string; purpose: ChatPurpose | string | null }): Audience {
  if (chat.kind === 'private') return 'staff';
  return chat.purpose === 'work' || chat.purpose === 'emergency' ? 'staff' : 'public';
}
