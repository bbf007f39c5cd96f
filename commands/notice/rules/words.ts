import { DateTime } from 'luxon';
import { readNumber } from '../../../src/time/date-phrases.ts';
import { readTags } from '../../../src/core/tags.ts';

/**
 * How a notice is written: audience words first (3栋, 5号楼, 第二网格, 全社区, 全街道), an optional
 * category (【财务公开】 or the category's name), then the notice: a title line and a body, or one
 * line (its first clause is the title). Pure: categories and the clock are passed in.
 */

export interface AudienceWords {
  scope: 'community' | 'street';
  tags: string[];
}

export interface NoticeWords {
  audience: AudienceWords;
  /** Named by the publisher, or null: guessed from the words by `guessCategory`. */
  category: string | null;
  title: string;
  body: string;
  /** The publisher asked residents to confirm (「收到请回复1」「需回执」): a 收到 button goes with it. */
  askConfirm: boolean;
}

/** The words that ask residents to confirm; taken out of the text, since the notice adds its own line and button. */
const ASK_CONFIRM = /[（(]?(?:收到请回复收到|收到请回复\s*1?|请回复收到|收到回复1|需回执|要回执)[)）]?[。！!]?/g;

const TITLE_MAX = 24;

function leadingToken(text: string): { token: string; rest: string } | null {
  const match = /^([^\s\n]+)[^\S\n]*/.exec(text);
  if (!match) return null;
  return { token: match[1]!, rest: text.slice(match[0].length).replace(/^\n/, '') };
}

const FULL_WIDTH: Record<string, string> = { ',': '，', ';': '；', ':': '：', '!': '！', '?': '？', '(': '（', ')': '）' };
const HAN = '[\\p{Script=Han}“”「」（）]';
const HALF_BESIDE_HAN = new RegExp(`(?<=${HAN})\\s*([,;:!?()])|([,;:!?()])\\s*(?=${HAN})`, 'gu');

/** The router folds full-width punctuation to ASCII; beside Chinese text a notice gets its own back (「停水，请储水」). */
export function chinesePunctuation(text: string): string {
  return text.replace(HALF_BESIDE_HAN, (_whole, before?: string, after?: string) => FULL_WIDTH[(before ?? after)!]!);
}

/** The notice's words: audience and category tokens, then title and body. null when nothing is left to publish. */
export function parseNoticeWords(text: string, categories: readonly string[]): NoticeWords | null {
  let rest = text.trim();
  const audience: AudienceWords = { scope: 'community', tags: [] };
  let category: string | null = null;
  for (;;) {
    // 【财务公开】 may be glued to the title.
    const glued = /^[【\[]([^】\]]+)[】\]]/.exec(rest);
    if (glued && !category && categories.includes(glued[1]!)) {
      category = glued[1]!;
      rest = rest.slice(glued[0].length).trim();
      continue;
    }
    const lead = leadingToken(rest);
    if (!lead) break;
    const bracketed = /^[【\[](.+)[】\]]$/.exec(lead.token)?.[1];
    if (lead.token === '全街道' || lead.token === '全街') audience.scope = 'street';
    else if (lead.token === '全社区' || lead.token === '全体居民') audience.scope = 'community';
    else if (readTags(lead.token)) audience.tags.push(...readTags(lead.token)!);
    else if (!category && categories.includes(bracketed ?? lead.token)) category = bracketed ?? lead.token;
    else break;
    rest = lead.rest.trim();
  }
  const askConfirm = new RegExp(ASK_CONFIRM.source).test(rest);
  rest = chinesePunctuation(rest.replace(ASK_CONFIRM, '').replace(/[\s,;、]+$/, '').trim());
  if (rest === '') return null;
  const lines = rest.split('\n').map((l) => l.trim()).filter(Boolean);
  if (lines.length > 1) return { audience, category, title: lines[0]!, body: lines.slice(1).join('\n'), askConfirm };
  const clause = lines[0]!.split(/[，。；！？,;!?]/)[0]!.trim();
  const title = Array.from(clause || lines[0]!).slice(0, TITLE_MAX).join('');
  return { audience, category, title, body: lines[0]!, askConfirm };
}

/** The category whose words the notice uses most (its name counts too), else the default. */
export function guessCategory(text: string, categories: readonly { name: string; keywords: readonly string[] }[], fallback: string): string {
  let best: { name: string; hits: number } | null = null;
  for (const category of categories) {
    const hits = [category.name, ...category.keywords].filter((word) => text.includes(word)).length;
    if (hits > 0 && (!best || hits > best.hits)) best = { name: category.name, hits };
  }
  return best?.name ?? fallback;
}

const SEND_AT = new RegExp(
  '^(?:(?<rel>今天|明天|后天)|(?:(?<y>\\d{4})[年./-])?(?<m>\\d{1,2})[月./-](?<d>\\d{1,2})[日号]?)' +
    '\\s*(?<part>上午|早上|中午|下午|晚上)?\\s*(?<h>\\d{1,2}|[一二两三四五六七八九十]{1,3})(?::(?<mi>\\d{2})|点(?:(?<half>半)|(?<mi2>\\d{1,2})分?|整)?)',
);

/** The text begins with a send time (「12月5日 8:00」): 定时通知 acts unaddressed only then. */
export function startsWithSendAt(text: string): boolean {
  return SEND_AT.test(text.trim());
}

/**
 * 「12月5日 8:00 …」「明天下午3点 …」: when a scheduled notice goes out, read in the office zone, and
 * the text after it. A date without a year is this year, or next year when it is long past.
 */
export function parseSendAt(text: string, now: Date, zone: string): { at: Date; rest: string } | 'invalid' | null {
  const match = SEND_AT.exec(text.trim());
  if (!match) return null;
  const g = match.groups!;
  const today = DateTime.fromJSDate(now, { zone }).startOf('day');
  let day: DateTime;
  if (g.rel) day = today.plus({ days: { 今天: 0, 明天: 1, 后天: 2 }[g.rel]! });
  else {
    day = DateTime.fromObject({ year: g.y ? Number(g.y) : today.year, month: Number(g.m), day: Number(g.d) }, { zone });
    if (!day.isValid) return 'invalid';
    if (!g.y && day < today.minus({ days: 60 })) day = day.plus({ years: 1 });
  }
  const hour = readNumber(g.h!);
  const minute = g.half ? 30 : Number(g.mi ?? g.mi2 ?? 0);
  if (hour === null || !Number.isInteger(hour) || hour > 23 || minute > 59) return 'invalid';
  const pm = (g.part === '下午' || g.part === '晚上') && hour < 12;
  const at = day.set({ hour: hour + (pm ? 12 : 0), minute, second: 0, millisecond: 0 });
  return { at: at.toJSDate(), rest: text.trim().slice(match[0].length).trim() };
}

/**
 * The day of `month` (YYYY-MM) the finance disclosure is due: the policy's day, or the month's last
 * day when the month is shorter (31 → 30 April, 28/29 February).
 */
export function financeDueDate(month: string, day: number): string {
  const first = DateTime.fromISO(`${month}-01`);
  return first.set({ day: Math.min(day, first.daysInMonth!) }).toISODate()!;
}
