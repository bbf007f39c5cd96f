/**
 * How the bot's messages and the people answering them name a record, written and read here only:
 * - a reference, as people type it after a command word: `#12`, 「预警#3」 (a noun where two kinds
 *   share a number), perhaps a bare number, with the rest of the text after it;
 * - a subject, what a bot message is about, kept with it in the outbox (OutboxMessage.subject) so
 *   that a reply quoting it finds its record: `kind:key` or `kind:key:part` (`incident:5`,
 *   `incident:5:notice`, `leave:12:0`, `plan-review:2026-W49`). Stored subjects are read with this,
 *   so the format must not change;
 * - a button value: the command as typed text (「同意 #12」), which comes back in as typed text.
 * Families bring their own words: which nouns, which kinds.
 */

/** A reference as written: 「#12」, or 「预警#3」 with the noun of its kind. */
export function writeReference(id: number, noun?: string | null): string {
  return `${noun ?? ''}#${id}`;
}

/** What a button sends (or an answer word stands for): the command word, the reference, then anything more (「回访 #5 满意」). */
export function buttonValue(word: string, ref: string, ...more: string[]): string {
  return [word, ref, ...more].join(' ');
}

/** How a command's arguments may name a record. */
export interface ReferenceForm {
  /** Nouns that may stand before the `#` (「通知#7」「同意 预警 #3」); 'any': any short Chinese word (the router's trigger). */
  nouns?: readonly string[] | 'any';
  /** A number without `#` names one too (「销假 12」「5 已疏散」); it must then stand apart from what follows (「5楼」 is not #5). */
  bare?: boolean;
  /** What may follow: nothing; text after a space or mark (the default, 「#5 已疏散」「#3：明天」, not 「#5楼」); any text, even glued to the number. */
  then?: 'nothing' | 'separated' | 'anything';
}

export interface Reference {
  /** The noun written before the `#`, if any. */
  noun: string | null;
  id: number;
  /** The text after it, without the space or mark that separated it. */
  rest: string;
}

/** A mark between a reference and its comment (full-width too, for text not yet folded): 「#3：明天」「同意#3，好」. */
const MARK = '[:,、;：，；]';
const SEPARATOR = `(?:\\s|${MARK})`;
const LEADING_SEPARATOR = new RegExp(`^\\s*${MARK}?\\s*`);

const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** The pattern of a reference of this form at the start of a text (for a command's declared prefix). */
export function referencePattern(form: ReferenceForm = {}): RegExp {
  const nouns = form.nouns === 'any' ? '\\p{Script=Han}{1,4}' : form.nouns && form.nouns.length > 0 ? form.nouns.map(escape).join('|') : null;
  const hashed = `${nouns ? `(?:(?<noun>${nouns})\\s*)?` : ''}#\\s*(?<id>\\d+)`;
  const bare = form.bare ? `|(?<bare>\\d+)(?=${SEPARATOR}|$)` : '';
  const then = form.then ?? 'separated';
  const after = then === 'nothing' ? '$' : then === 'separated' ? `(?=${SEPARATOR}|$)` : '';
  return new RegExp(`^(?:${hashed}${bare})${after}`, 'u');
}

/** The reference at the start of the text, or null when it does not start with one of this form. */
export function readReference(text: string, form: ReferenceForm = {}): Reference | null {
  const trimmed = text.trim();
  const match = referencePattern(form).exec(trimmed);
  if (!match) return null;
  const { noun, id, bare } = match.groups!;
  return { noun: noun ?? null, id: Number(id ?? bare), rest: trimmed.slice(match[0].length).replace(LEADING_SEPARATOR, '').trim() };
}

export interface NamedRecord {
  id: number | null;
  noun: string | null;
  /** Whether the arguments wrote the reference; else `id` is the quoted message's. */
  written: boolean;
  /** The text after the reference, or all of it. */
  rest: string;
}

/** The record the arguments name: the reference they start with, else the one the quoted bot message is about (`quoted`, read from its subject). */
export function namedRecord(text: string, form: ReferenceForm, quoted: number | null): NamedRecord {
  const written = readReference(text, form);
  return written ? { ...written, written: true } : { id: quoted, noun: null, written: false, rest: text.replace(LEADING_SEPARATOR, '').trim() };
}

/** Every number the text names, with or without `#`, in order (「并案 #6 #5」). */
export function referencesIn(text: string): number[] {
  return [...text.matchAll(/\d+/g)].map((m) => Number(m[0]));
}

/** A subject as read: its kind, its key (a record's number, or a week), and the part of the record it is about. */
export interface Subject {
  kind: string;
  key: string;
  /** The key as a record's number; null when it is not one (a week). */
  id: number | null;
  part: string | null;
}

const SUBJECT = /^([a-z][a-z0-9-]*):([^:]+)(?::(.+))?$/;

/** What a bot message is about: `incident:5`, `incident:5:notice`, `leave:12:0` (an approval step), `plan-remind:2026-W49`. */
export function writeSubject(kind: string, key: number | string, part?: number | string): string {
  return part === undefined ? `${kind}:${key}` : `${kind}:${key}:${part}`;
}

/** The start every subject of this kind has: what a command lists in `quotedSubjects`. */
export function subjectPrefix(kind: string): string {
  return `${kind}:`;
}

export function readSubject(text: string | null | undefined): Subject | null {
  const match = SUBJECT.exec(text ?? '');
  if (!match) return null;
  const key = match[2]!;
  return { kind: match[1]!, key, id: /^\d+$/.test(key) ? Number(key) : null, part: match[3] ?? null };
}

/** The record number a subject names, when it is of one of these kinds (any part); else null. */
export function subjectId(text: string | null | undefined, kinds: string | readonly string[]): number | null {
  const read = readSubject(text);
  if (!read || !(typeof kinds === 'string' ? [kinds] : kinds).includes(read.kind)) return null;
  return read.id;
}
