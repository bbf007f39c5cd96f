import { DateTime } from 'luxon';
import { readTags } from '../../../src/core/tags.ts';

/**
 * How a notice is written: audience words first (3栋, 5号楼, 第二网格, 全社区, 全街道), an optional
 * category (【财务公开】 or the category's name), then the notice: a title line and a body, or one
 * line (its first clause is the title). Pure: categories are passed in; send times are the grammar's
 * (src/time/grammar.ts).
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
  rest = rest.replace(ASK_CONFIRM, '').replace(/[\s,;、]+$/, '').trim();
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

/**
 * The day of `month` (YYYY-MM) the finance disclosure is due: the policy's day, or the month's last
 * day when the month is shorter (31 → 30 April, 28/29 February).
 */
export function financeDueDate(month: string, day: number): string {
  const first = DateTime.fromISO(`${month}-01`);
  return first.set({ day: Math.min(day, first.daysInMonth!) }).toISODate()!;
}
