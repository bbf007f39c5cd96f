import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../commands/index.ts';
import type { ParseContext } from '../../src/core/command.ts';
import { parseMinutesArgs, parsePlanArgs, parsePlanResultsArgs } from '../../commands/plan/args.ts';

/** The arguments of 周计划, 上周完成 and 例会纪要 as `shequ parse` shows them (no database). */

const context: ParseContext = { now: new Date('2026-12-02T10:00:00+08:00'), policy: defaultPolicy(), roles: ['staff'], chatKind: 'private' };

describe('周计划', () => {
  it.each([
    ['', { action: 'show', person: null, week: null, community: false }],
    ['上周', { action: 'show', person: null, week: '2026-W48', community: false }],
    ['张伟', { action: 'show', person: '张伟', week: null, community: false }],
    ['@刘洋 上周', { action: 'show', person: '刘洋', week: '2026-W48', community: false }],
    ['汇总', { action: 'show', person: null, week: null, community: true }],
    ['全部 上周', { action: 'show', person: null, week: '2026-W48', community: true }],
    ['替换 #12', { action: 'replace', revision: 12 }],
    ['追加12', { action: 'add', revision: 12 }],
    ['转入', { action: 'carry' }],
    ['不用', { action: 'noCarry' }],
  ])('「%s」', (rest, args) => {
    expect(parsePlanArgs(rest, context)).toEqual({ ok: true, args });
  });

  it('a generic phrase or three words is a plan, not a name', () => {
    expect(parsePlanArgs('正常工作', context)).toMatchObject({ ok: true, args: { action: 'post', items: ['正常工作'] } });
    expect(parsePlanArgs('走访 3栋 老人', context)).toMatchObject({ ok: true, args: { action: 'post', items: ['走访 3栋 老人'] } });
  });
});

describe('上周完成 and the answer to the Monday prompt', () => {
  it('results, 「都完成了」, or a few words', () => {
    expect(parsePlanResultsArgs('1 完成 2 未完成')).toMatchObject({ ok: true, args: { results: { marks: [{ no: 1, status: 'done' }, { no: 2, status: 'undone' }] }, items: [] } });
    expect(parsePlanResultsArgs('走访做完了，台账还差一点')).toMatchObject({ ok: true, args: { results: { marks: [], text: '走访做完了，台账还差一点' } } });
  });

  it('a word that says nothing about last week is asked again (「你好」 in the private chat the prompt went to)', () => {
    for (const text of ['你好', '收到', '']) expect(parsePlanResultsArgs(text), text).toMatchObject({ ok: false, ask: { key: 'plan.results.askText' } });
  });

  it('a list with no status word, quoting the prompt, is this week\'s plan', () => {
    const list = '1. 走访5栋独居老人\n2. 整理低保台账';
    expect(parsePlanResultsArgs(list, { quotedSubject: 'plan-review:2026-W49' })).toEqual({ ok: true, args: { results: null, items: ['走访5栋独居老人', '整理低保台账'], text: list } });
    // Written after 上周完成 it is what was done.
    expect(parsePlanResultsArgs(list)).toMatchObject({ ok: true, args: { results: { marks: [], text: list }, items: [] } });
  });
});

describe('例会纪要', () => {
  it('nothing asks for the minutes; one line with no label is a remark, not minutes', () => {
    expect(parseMinutesArgs('', context)).toMatchObject({ ok: false, ask: { key: 'minutes.ask' } });
    expect(parseMinutesArgs('大家辛苦了', context)).toEqual({ ok: false, error: { key: 'minutes.empty' } });
    expect(parseMinutesArgs('决定：周五大扫除', context)).toMatchObject({ ok: true, args: { date: '2026-12-02', decisions: ['周五大扫除'] } });
  });
});
