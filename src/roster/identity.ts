import crypto from 'node:crypto';

/**
 * What identifies a person on a roster: the mobile number or the id the office keeps, never the
 * name alone (README "Office set-up without code").
 */

/** The columns an office may keep its own id in; a sheet uses one of them. */
export const ID_COLUMNS = ['工号', '编号', '人员编号', '身份证号'] as const;
export type IdColumn = (typeof ID_COLUMNS)[number];

/** A phone as written, full-width digits and signs folded (１３８ → 138). */
export function foldPhone(text: string): string {
  return text.normalize('NFKC').trim();
}

/**
 * The mobile number as a key: digits only, a leading +86 / 0086 dropped. Null for anything but a
 * mainland mobile: a landline is kept as a contact but does not identify (a household shares it).
 */
export function phoneKey(phone: string): string | null {
  const digits = phone.normalize('NFKC').replace(/\D/g, '').replace(/^(?:0086|86)(?=1\d{10}$)/, '');
  return /^1\d{10}$/.test(digits) ? digits : null;
}

export interface OfficeId {
  /** What Person.officeId holds. */
  key: string;
  /** How the CLI names it: 工号 007, 身份证尾号 1234. */
  label: string;
}

/**
 * The key of an office id cell, or the reason it is not one. An id card number is kept only as a
 * hash, enough to find the person again; the number itself is never stored.
 */
export function officeId(column: IdColumn, value: string): OfficeId | { problem: string } {
  const text = value.normalize('NFKC').trim();
  if (column === '身份证号') {
    const number = text.replace(/\s/g, '').toUpperCase();
    if (!/^(\d{17}[\dX]|\d{15})$/.test(number)) return { problem: '身份证号应为 18 位（或 15 位）' };
    const hash = crypto.createHash('sha256').update(`shequ-bot/身份证号/${number}`).digest('hex');
    return { key: `idcard:${hash}`, label: `身份证尾号 ${number.slice(-4)}` };
  }
  if (text.length > 64) return { problem: `${column}太长（最多 64 个字符）` };
  return { key: `id:${text}`, label: `${column} ${text}` };
}

/** The name within its community (or street): how a person without phone or id is found again. */
export function rosterKey(name: string, community: string | null, street: string | null): string {
  return community ? `community:${community}:${name}` : `street:${street ?? ''}:${name}`;
}
