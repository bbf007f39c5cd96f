/**
 * What a resident group may read of a case. A resident's phone and the exact address of a private
 * household (the room: 302, 5-2-301, 302室) are for staff only; buildings, roads and public places
 * stay, so neighbours know where to keep away. Pure.
 */

const HIDDEN = '***';

/** Mobile numbers (138 1234 5678, +86…), landlines (0571-8888 6666, 8888-6666). */
const PHONE = /(?<![0-9])(?:\+?86[\s-]?)?1[3-9][0-9](?:[\s-]?[0-9]{4}){2}(?![0-9])|(?<![0-9])(?:0[0-9]{2,3}[\s-]?)?[0-9]{3,4}[\s-][0-9]{4}(?![0-9])|(?<![0-9])0[0-9]{2,3}[\s-]?[0-9]{7,8}(?![0-9])/g;

/** A household: 5-2-301, 3栋2单元301, 302室, 402房, and a room number right after a building or unit (5栋302). */
const HOUSEHOLD = /(?<![0-9])[0-9]{1,3}-[0-9]{1,2}-[0-9]{3,4}(?![0-9])|(?<![0-9])[0-9]{3,4}(?:室|房|户|号房)|(?<=(?:号楼|栋|幢|单元|座)\s?)[0-9]{3,4}(?![0-9])/g;

/** Another room number joined to one already hidden: 「302和402」「301、302」. */
const JOINED_ROOM = /(?<=\*\*\*\s?(?:和|与|及|、|,|，|跟)\s?)[0-9]{3,4}(?![0-9])/g;

/** The room numbers a text names as households (「5栋302和402」 → 302, 402), to hide them wherever they recur. */
export function householdNumbers(text: string): string[] {
  const masked = maskPrivate(text);
  const numbers = [...text.matchAll(/(?<![0-9])[0-9]{3,4}(?![0-9])/g)].map((m) => m[0]);
  return [...new Set(numbers.filter((n) => !new RegExp(`(?<![0-9])${n}(?![0-9])`).test(masked)))];
}

/** Hides phones and households; `rooms` are the case's own room numbers, hidden wherever they recur (「402修好水管」). */
export function maskPrivate(text: string, rooms: readonly string[] = []): string {
  let masked = text.replace(PHONE, HIDDEN).replace(HOUSEHOLD, HIDDEN);
  for (let before = ''; before !== masked; ) {
    before = masked;
    masked = masked.replace(JOINED_ROOM, HIDDEN);
  }
  for (const room of rooms) masked = masked.replace(new RegExp(`(?<![0-9])${room}(?![0-9])`, 'g'), HIDDEN);
  return masked;
}

/** A resident's name for a resident group: the first character, the rest hidden (钱大爷 → 钱**). */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first && /\p{Script=Han}/u.test(first) ? `${first}**` : '**';
}
