/**
 * Text as it enters from a platform, repaired once at the adapter boundary: every adapter's inbound
 * translation ends here, so the core, the database and the logs only ever see well-formed text.
 */

/** Longer texts are cut here (UTF-16 code units, not splitting a character); 50 pages of Chinese. */
export const MAX_INBOUND_TEXT = 100_000;

/** C0 and C1 control characters except tab and line feed (CR is turned into LF first). */
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/g;
/** CRLF, a lone CR, NEL and the Unicode line and paragraph separators are all one line break. */
const LINE_BREAK = /\r\n|[\r\u0085\u2028\u2029]/g;
/** Blanks inside a line: what a removed @mention may leave behind. */
const BLANK = /[ \t\u00A0\u2005\u3000]/;

/**
 * Well-formed Unicode (a lone UTF-16 surrogate, as broken emoji in some WeChat payloads, becomes
 * U+FFFD: the database's JSON layer refuses it), LF line breaks, no control characters, no blanks
 * at the ends of lines or of the text, at most MAX_INBOUND_TEXT long. Line breaks are kept: a
 * weekly plan or a notice body is written in lines. Zero-width characters and bidi marks are left
 * as written.
 */
export function repairText(raw: string, maxLength = MAX_INBOUND_TEXT): string {
  const text = raw
    .toWellFormed()
    .replace(LINE_BREAK, '\n')
    .replace(CONTROL, '')
    .replace(/[ \t\u00A0\u2005\u3000]+$/gm, '')
    .trim();
  return truncate(text, maxLength);
}

/** A name or title shown on one line (sender, chat, file name): repaired, whitespace runs as one space. */
export function repairName(raw: string): string {
  return repairText(raw, 200).replace(/\s+/g, ' ');
}

/** Cuts at a line end near the limit when there is one, and never between the halves of a surrogate pair. */
function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  let cut = max;
  const lineEnd = text.lastIndexOf('\n', max);
  if (lineEnd > max * 0.9) cut = lineEnd;
  else if (/[\uD800-\uDBFF]/.test(text[cut - 1] ?? '')) cut -= 1;
  return text.slice(0, cut).trimEnd();
}

export interface Span {
  start: number;
  end: number;
}

/**
 * Removes spans of the text (the bot's own @mentions) with the blanks after them. Where the words on
 * both sides would then touch, one space stays between them; line breaks around a span are kept.
 */
export function withoutSpans(text: string, spans: readonly Span[]): string {
  let result = text;
  for (const span of [...spans].sort((a, b) => b.start - a.start)) {
    let end = span.end;
    while (end < result.length && BLANK.test(result[end]!)) end += 1;
    const before = result[span.start - 1];
    const after = result[end];
    const joins = before !== undefined && after !== undefined && !/\s/.test(before) && !/\s/.test(after);
    result = `${result.slice(0, span.start)}${joins ? ' ' : ''}${result.slice(end)}`;
  }
  return result;
}

/** Every occurrence of `needle` as a span; `boundary` rejects a match by the character after it. */
export function spansOf(text: string, needle: string, boundary: (next: string | undefined) => boolean = () => true): Span[] {
  const spans: Span[] = [];
  if (needle === '') return spans;
  for (let at = text.indexOf(needle); at >= 0; at = text.indexOf(needle, at + needle.length)) {
    if (boundary(text[at + needle.length])) spans.push({ start: at, end: at + needle.length });
  }
  return spans;
}
