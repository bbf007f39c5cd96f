import { readNumber } from '../../../src/time/grammar.ts';

/**
 * A weekly plan as staff write it: items one a line, numbered (1. 1、 (1) 1) ① 一、 第一), or
 * separated by 「；」「。」 (and 「、」 on a single line); a 「上周完成：」 block of results
 * (「1 完成 2 未完成 3 完成一半」, 「都完成了」, or free text) and a 「本周计划：」 block. Pure. The
 * router hands text NFKC-folded (full-width digits and marks half-width, ① → 1); the functions
 * fold it again, so raw text reads the same.
 */

export type ResultStatus = 'done' | 'partial' | 'undone';

export interface ResultMark {
  /** The item's number as shown in the prompt, from 1. */
  no: number;
  status: ResultStatus | null;
  /** What was written beside the status: 「下周继续」. */
  note: string;
}

export interface ParsedResults {
  /** Per numbered item; empty when the text is not a numbered list of results. */
  marks: ResultMark[];
  /** 「都完成了」: one status for every item. */
  all: ResultStatus | null;
  /** As written (Chinese punctuation kept). */
  text: string;
}

export interface ParsedPlan {
  items: string[];
  results: ParsedResults | null;
}

/** Counts written after a number (3栋, 2户), which a number mark never is. */
const UNIT = '号楼栋层户人个次天点月日年元万岁期批项件名位场组份家条处所';
const CN_NUMERAL = '[一二三四五六七八九十]{1,3}';
const BULLET = /^[-*·•●▪◦>]+\s*/;
const TRAILING = /[\s;,。.、!?]+$/;

function fold(text: string): string {
  return text.normalize('NFKC').replace(/\r\n?/g, '\n');
}

type Style = 'mark' | 'space' | 'glued' | 'chinese';

interface Lead {
  no: number;
  style: Style;
  length: number;
}

/** The number mark a line starts with, if any. */
function leadingMark(line: string): Lead | null {
  let m = /^\((\d{1,2})\)\s*|^(\d{1,2})(?:[.、)](?!\d)|:(?!\d))\s*/.exec(line);
  if (m) return { no: Number(m[1] ?? m[2]), style: 'mark', length: m[0].length };
  m = new RegExp(`^(?:\\((${CN_NUMERAL})\\)|第(${CN_NUMERAL})(?:项|条|点|是)?[、,:.]?|(${CN_NUMERAL})[、.,:])\\s*`).exec(line);
  if (m) {
    const no = readNumber(m[1] ?? m[2] ?? m[3]!);
    if (no !== null && Number.isInteger(no)) return { no, style: 'chinese', length: m[0].length };
  }
  m = /^(\d{1,2})\s+(?=\S)/.exec(line);
  if (m) return { no: Number(m[1]), style: 'space', length: m[0].length };
  m = new RegExp(`^(\\d{1,2})(?=[^\\d\\s.${UNIT}])`).exec(line);
  if (m) return { no: Number(m[1]), style: 'glued', length: m[0].length };
  return null;
}

function chineseNumeral(n: number): string {
  const digits = '零一二三四五六七八九';
  if (n < 10) return digits[n]!;
  if (n === 10) return '十';
  if (n < 20) return `十${digits[n - 10]}`;
  return `${digits[Math.floor(n / 10)]}十${n % 10 === 0 ? '' : digits[n % 10]}`;
}

/** Where the mark of item `no` starts after `from`, in the line's style; null when it does not follow. */
function nextMark(line: string, from: number, no: number, style: Style): { at: number; length: number } | null {
  const patterns: Record<Style, string> = {
    mark: `(?<![\\d.])(?:\\(${no}\\)|${no}(?:[.、)](?!\\d)|:(?!\\d)))\\s*`,
    space: `(?<=[\\s;,。、])${no}\\s+(?=\\S)`,
    glued: `(?<![\\d.])${no}(?=[^\\d\\s.${UNIT}])`,
    chinese: `(?:\\(${chineseNumeral(no)}\\)|第${chineseNumeral(no)}(?:项|条|点|是)?[、,:.]?|(?<![一二三四五六七八九十第])${chineseNumeral(no)}[、.,:])\\s*`,
  };
  const re = new RegExp(patterns[style], 'g');
  re.lastIndex = from;
  const m = re.exec(line);
  return m ? { at: m.index, length: m[0].length } : null;
}

export interface Segment {
  /** The number it was written with; null for an unnumbered line. */
  no: number | null;
  text: string;
}

/** A line cut at its number marks: 「1. 走访 2. 整理」 → 1 走访, 2 整理; null when it is not numbered. */
function numberedLine(line: string): Segment[] | null {
  const lead = leadingMark(line);
  if (!lead) return null;
  const segments: Segment[] = [];
  let no = lead.no;
  let start = lead.length;
  for (;;) {
    const next = nextMark(line, start + 1, no + 1, lead.style);
    if (!next) {
      segments.push({ no, text: line.slice(start) });
      return segments;
    }
    segments.push({ no, text: line.slice(start, next.at) });
    no += 1;
    start = next.at + next.length;
  }
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '(': '（', ')': '）', '!': '！', '?': '？' };

/** Chinese punctuation back where NFKC made it half-width (a clock time keeps its colon: 14:00). */
function tidy(text: string): string {
  return text.replace(/[,;:()!?]/g, (mark, at: number) => (mark === ':' && /\d/.test(text[at - 1] ?? '') && /\d/.test(text[at + 1] ?? '') ? mark : FULL_WIDTH[mark]!));
}

function clean(text: string): string {
  return tidy(text.replace(BULLET, '').replace(TRAILING, '').trim());
}

/**
 * Lines to numbered or unnumbered segments. A single unnumbered line is cut at 「；」「。」, else
 * at 「、」 (a part that starts with a count, 「5栋」, stays with the one before); several lines are
 * one item each (a line ending in 「，」 goes on in the next), cut at 「；」「。」 within.
 */
export function segmentsOf(text: string, options: { enumeration?: boolean } = {}): Segment[] {
  const lines = fold(text)
    .split('\n')
    .map((line) => line.replace(BULLET, '').trim())
    .filter(Boolean);
  const joined: string[] = [];
  for (const line of lines) {
    const previous = joined.at(-1);
    if (previous !== undefined && /[,、]$/.test(previous) && !leadingMark(line)) joined[joined.length - 1] = `${previous}${line}`;
    else joined.push(line);
  }
  const segments: Segment[] = [];
  for (const line of joined) {
    const numbered = numberedLine(line);
    if (numbered) {
      segments.push(...numbered);
      continue;
    }
    let parts = line.split(/[;。]+/);
    if (options.enumeration !== false && joined.length === 1 && parts.filter((p) => clean(p)).length === 1) parts = splitEnumeration(line);
    for (const part of parts) segments.push({ no: null, text: part });
  }
  return segments.map((s) => ({ no: s.no, text: clean(s.text) })).filter((s) => s.text !== '');
}

/** 「走访独居老人、整理低保台账、网格巡查」 → three; 「走访3栋、5栋独居老人」 stays one. */
function splitEnumeration(line: string): string[] {
  const parts: string[] = [];
  for (const part of line.split('、')) {
    const previous = parts.at(-1);
    if (previous !== undefined && (/^\d/.test(part) || clean(part).length < 2)) parts[parts.length - 1] = `${previous}、${part}`;
    else parts.push(part);
  }
  return parts;
}

/** The items of a plan, in order; `enumeration: false` keeps 「、」 inside an item (「张伟、刘洋 整理台账」). */
export function splitItems(text: string, options: { enumeration?: boolean } = {}): string[] {
  return segmentsOf(text, options).map((s) => s.text);
}

const STATUS: readonly [RegExp, ResultStatus][] = [
  [/(?:尚未|还没有?|没有|未能|没能|未|没)(?:完成|做完|做|办完|办结|办|开展|进行|落实|整理|走访|去|弄)|推迟|延期|暂缓|搁置|取消了?|[×✗✘❌]/, 'undone'],
  [/完成了?(?:一半|大半|部分|\d{1,2}%)|一半|部分完成|完成部分|部分|进行中|正在(?:进行|做|办|推进)|在做|推进中|跟进中|半/, 'partial'],
  [/(?:已经?|全部|都)?(?:完成|做完|办完|办结|落实|搞定)了?|好了|[√✓✔✅]|\bok\b|100%/i, 'done'],
];
const BARE_STATUS: Record<string, ResultStatus> = { 未: 'undone', 没: 'undone', 否: 'undone', x: 'undone', 是: 'done', 好: 'done', 已: 'done' };
const ALL_DONE = /^(?:(?:全部|都|均|全都|基本|基本上)(?:已经?)?(?:完成|做完|办完|落实)了?|已全部完成|全部已完成|都做完了|都好了)[\s。.!~]*$/;
const ALL_UNDONE = /^(?:都|全部|均)(?:没有?|未)(?:能)?(?:完成|做)/;

/** The status a piece of text states, and the rest as its note. */
export function statusOf(text: string): { status: ResultStatus | null; note: string } {
  const bare = BARE_STATUS[text.trim().toLowerCase()];
  if (bare) return { status: bare, note: '' };
  for (const [pattern, status] of STATUS) {
    const m = pattern.exec(text);
    if (m) return { status, note: clean(text.replace(m[0], '').replace(/^[\s(（),，:：]+|[\s(（)）]+$/g, '')) };
  }
  return { status: null, note: clean(text) };
}

/** 「1 完成 2 未完成 3 完成一半」, 「1.已完成；2.没做完（下周继续）」, 「都完成了」, or free text. */
export function parseResults(text: string): ParsedResults {
  const folded = fold(text).trim();
  const numbered = segmentsOf(folded).filter((s) => s.no !== null);
  const marks = numbered.map((s) => ({ no: s.no!, ...statusOf(s.text) }));
  if (marks.some((m) => m.status !== null)) return { marks, all: null, text: tidy(folded) };
  const all = ALL_DONE.test(folded) ? 'done' : ALL_UNDONE.test(folded) ? 'undone' : null;
  return { marks: [], all, text: tidy(folded) };
}

const LAST_WEEK = '上周(?:工作)?(?:完成情况|完成|情况|总结|小结|回顾|工作)?';
const THIS_WEEK = '(?:本周|这周)(?:工作)?(?:计划|安排|工作)?|周计划|计划';
const HEADER = new RegExp(`^(?:(${LAST_WEEK})|(${THIS_WEEK}))\\s*(?::|$)\\s*`);
/** A header written after 「；」 or 「。」 on the same line: 「上周完成：1 完成；本周计划：1. …」. */
const INLINE_HEADER = new RegExp(`(?<=[;。])\\s*(?=(?:${LAST_WEEK}|${THIS_WEEK})\\s*:)`, 'g');

/**
 * A plan message: what comes before any header is the `main` block (this week's items for 周计划,
 * last week's results for 上周完成); 「上周完成：」 and 「本周计划：」 headers start their blocks.
 */
export function parsePlanMessage(text: string, main: 'items' | 'results' = 'items'): ParsedPlan {
  const blocks: Record<'items' | 'results', string[]> = { items: [], results: [] };
  let current = main;
  for (const line of fold(text).replace(INLINE_HEADER, '\n').split('\n')) {
    const header = HEADER.exec(line.trim());
    if (header) current = header[1] ? 'results' : 'items';
    const body = header ? line.trim().slice(header[0].length) : line;
    if (body.trim()) blocks[current].push(body);
  }
  const results = blocks.results.join('\n').replace(TRAILING, '').trim();
  return { items: splitItems(blocks.items.join('\n')), results: results ? parseResults(results) : null };
}

/**
 * What a reply to 「完成得怎么样？」 looks like in a group without addressing the bot: numbered
 * results with a status word (「1 完成 2 未完成 3 完成一半」) or 「都完成了」.
 */
export const RESULTS_ANSWER =
  '(?:\\(?\\d{1,2}[.、):]?\\s*(?:已经?)?(?:完成(?:了|一半|大半|部分|\\d{1,2}%)?|未完成|没完成|没有完成|没做完?|未做|一半|部分完成|进行中|推迟|延期|暂缓|[√×✓✗]|半)[^\\d\\n]{0,20}\\s*)+' +
  '|(?:全部|都|均|基本)(?:已经?)?(?:完成|做完)了?[。!~]*';
