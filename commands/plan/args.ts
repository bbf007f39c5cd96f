import { z } from 'zod';
import type { ArgsResult, ParseContext } from '../../src/core/command.ts';
import { officeDate } from '../../src/time/office-time.ts';
import { parsePlanMessage, RESULTS_ANSWER, splitItems, statusOf } from './rules/items.ts';
import { parseMinutes } from './rules/minutes.ts';
import { readWeekWord } from './rules/week.ts';
import { readReference, readSubject } from '../../src/core/reference.ts';
import { PLAN_SUBJECTS } from './subjects.ts';

/** The arguments of 周计划, 上周完成 and 例会纪要, read without the database (so `shequ parse` shows them). */

const status = z.enum(['done', 'partial', 'undone']);
const resultsSchema = z.object({
  marks: z.array(z.object({ no: z.number().int().positive(), status: status.nullable(), note: z.string() })),
  all: status.nullable(),
  text: z.string(),
});

export const planArgs = z.discriminatedUnion('action', [
  z.object({ action: z.literal('post'), items: z.array(z.string().min(1)), results: resultsSchema.nullable(), text: z.string() }),
  /** person null: the sender's own (a leader with a week and no name: the community). */
  z.object({ action: z.literal('show'), person: z.string().nullable(), week: z.string().nullable(), community: z.boolean() }),
  z.object({ action: z.enum(['replace', 'add']), revision: z.number().int().positive() }),
  z.object({ action: z.enum(['carry', 'noCarry']) }),
]);
export type PlanArgs = z.infer<typeof planArgs>;

export const planResultsArgs = z.object({ results: resultsSchema.nullable(), items: z.array(z.string().min(1)), text: z.string() });
export type PlanResultsArgs = z.infer<typeof planResultsArgs>;

const NAME = /^@?[\u4e00-\u9fff·]{2,4}$/;
const COMMUNITY = /^(?:汇总|全部|大家|所有人|全体)$/;

/** 替换 #12 / 追加 #12 (the answers to 「替换还是追加？」), 转入 / 不用 (to the carry-over offer). */
function answerArgs(text: string): PlanArgs | null {
  const answer = /^(替换|追加|补充|添加)([\s\S]*)$/.exec(text);
  const revision = answer && readReference(answer[2]!, { bare: true, then: 'nothing' });
  if (revision) return { action: answer[1] === '替换' ? 'replace' : 'add', revision: revision.id };
  if (/^转入(?:本周)?$/.test(text)) return { action: 'carry' };
  if (/^(?:不转入?|不用转入?|不用)$/.test(text)) return { action: 'noCarry' };
  return null;
}

/** 「周计划 上周」「周计划 张伟」「周计划 张伟 上周」「周计划 汇总 上周」; null when the text is a plan. */
function showArgs(text: string, today: string, generic: readonly string[]): PlanArgs | null {
  if (text.includes('\n')) return null;
  const words = text.split(/\s+/);
  if (words.length > 2) return null;
  const week = words.length > 0 ? readWeekWord(words.at(-1)!, today) : null;
  const first = words[0]!;
  const isName = (word: string) => NAME.test(word) && !generic.includes(word) && !COMMUNITY.test(word) && readWeekWord(word, today) === null;
  if (COMMUNITY.test(first) && (words.length === 1 || week)) return { action: 'show', person: null, week: words.length === 2 ? week : null, community: true };
  if (words.length === 1 && week) return { action: 'show', person: null, week, community: false };
  if (words.length === 2 && week && isName(first)) return { action: 'show', person: first.replace(/^@/, ''), week, community: false };
  if (words.length === 1 && isName(first)) return { action: 'show', person: first.replace(/^@/, ''), week: null, community: false };
  return null;
}

export function parsePlanArgs(rest: string, { now, policy }: ParseContext): ArgsResult<PlanArgs> {
  const text = rest.trim();
  if (text === '') return { ok: true, args: { action: 'show', person: null, week: null, community: false } };
  const today = officeDate(now, policy.timezone);
  const args = answerArgs(text) ?? showArgs(text, today, policy.plans.perfunctory.generic);
  if (args) return { ok: true, args };
  const parsed = parsePlanMessage(text, 'items');
  if (parsed.items.length === 0 && !parsed.results) return { ok: false, ask: { key: 'plan.askItems' }, expects: { kind: 'text' } };
  return { ok: true, args: { action: 'post', items: parsed.items, results: parsed.results, text } };
}

export const RESULTS_EXPECTS = { kind: 'pattern', source: RESULTS_ANSWER } as const;

/** Fewer letters than this, with no status word, say nothing about last week (「你好」「收到」). */
const MIN_FREE_RESULTS = 6;

/**
 * 上周完成 and the answers to the Monday prompt. A reply quoting the prompt that is a list with no
 * status word at all is this week's plan, written where the prompt asked for it.
 */
export function parsePlanResultsArgs(rest: string, { quotedSubject }: Pick<ParseContext, 'quotedSubject'> = {}): ArgsResult<PlanResultsArgs> {
  const text = rest.trim();
  const parsed = parsePlanMessage(text, 'results');
  const results = parsed.results;
  const stated = results !== null && (results.marks.length > 0 || results.all !== null || statusOf(results.text).status !== null);
  if (results && !stated && readSubject(quotedSubject)?.kind === PLAN_SUBJECTS.review && parsed.items.length === 0) {
    const items = splitItems(results.text);
    if (items.length >= 2) return { ok: true, args: { results: null, items, text } };
  }
  const tooLittle = results !== null && !stated && results.text.replace(/[\s\p{P}\p{S}]/gu, '').length < MIN_FREE_RESULTS;
  if ((!results || tooLittle) && parsed.items.length === 0) return { ok: false, ask: { key: 'plan.results.askText' }, expects: RESULTS_EXPECTS };
  return { ok: true, args: { results, items: parsed.items, text } };
}

const task = z.object({ name: z.string().nullable(), text: z.string(), due: z.string().nullable(), line: z.string() });
export const minutesArgs = z.object({
  date: z.string(),
  attendees: z.array(z.string()),
  absent: z.array(z.string()),
  topics: z.array(z.string()),
  decisions: z.array(z.string()),
  tasks: z.array(task),
  text: z.string(),
});
export type MinutesArgs = z.infer<typeof minutesArgs>;

export function parseMinutesArgs(rest: string, { now, policy }: ParseContext): ArgsResult<MinutesArgs> {
  const text = rest.trim();
  if (text === '') return { ok: false, ask: { key: 'minutes.ask' }, expects: { kind: 'text' } };
  const parsed = parseMinutes(text, officeDate(now, policy.timezone));
  // One line with no label and no task is a remark, not minutes (「例会纪要 大家辛苦了」).
  const remark = !text.includes('\n') && !/[:：]/.test(text) && parsed.tasks.length === 0;
  if (remark || (parsed.decisions.length === 0 && parsed.tasks.length === 0)) return { ok: false, error: { key: 'minutes.empty' } };
  return { ok: true, args: { ...parsed, text } };
}
