import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../commands/index.ts';
import { leaveRef, parseNote } from '../../commands/leave/parse-note.ts';

const context = { now: new Date('2026-11-23T09:00:00+08:00'), policy: defaultPolicy() };
const parse = (text: string) => parseNote(text, context);

describe('a leave note in one line', () => {
  it('reads type, reason and destination around the dates', () => {
    expect(parse('明天 事假 去区医院体检')).toMatchObject({ ok: true, args: { type: '事假', reason: '去区医院体检', destination: '去区医院体检' } });
    expect(parse('年假 11月25日到27日 陪孩子 在家')).toMatchObject({ ok: true, args: { type: '年休假', reason: '陪孩子', destination: '在家' } });
    expect(parse('明天 病假 发烧 去向：区医院')).toMatchObject({ ok: true, args: { reason: '发烧', destination: '区医院' } });
  });

  it('asks for the first thing missing', () => {
    expect(parse('')).toEqual({ ok: false, ask: { key: 'leave.ask.when' }, expects: { kind: 'date' }, partial: {} });
    expect(parse('明天')).toMatchObject({ ok: false, ask: { key: 'leave.ask.type' }, expects: { kind: 'choice', options: expect.arrayContaining(['事假', '年假']) } });
    expect(parse('明天 事假')).toMatchObject({ ok: false, ask: { key: 'leave.ask.reason' }, partial: { type: '事假' } });
    expect(parse('明天 事假 看病')).toMatchObject({ ok: false, ask: { key: 'leave.ask.destination' }, partial: { type: '事假', reason: '看病' } });
    expect(parse('明天，事假，家里装修')).toMatchObject({ ok: false, ask: { key: 'leave.ask.destination' }, partial: { type: '事假', reason: '家里装修' } });
    expect(parseNote('今天上午 病假 电话请假', context, { requireDestination: false })).toMatchObject({ ok: true, args: { destination: '—' } });
  });

  it('explains bad dates and a too-long outing', () => {
    expect(parse('2月30日 事假 看病 在家')).toEqual({ ok: false, error: { key: 'leave.ask.badDate' } });
    expect(parse('明天下午到明天上午 事假 看病 在家')).toEqual({ ok: false, error: { key: 'leave.ask.order' } });
    expect(parse('今天下午 外出 去街道开会')).toEqual({ ok: false, error: { key: 'leave.outingTooLong', params: { type: '外出', hours: 2 } } });
  });

  it('finds the note by #编号 or by the quoted message', () => {
    expect(leaveRef('#12 好的', null)).toEqual({ id: 12, rest: '好的' });
    expect(leaveRef('12', null)).toEqual({ id: 12, rest: '' });
    expect(leaveRef('注意安全', 7)).toEqual({ id: 7, rest: '注意安全' });
    expect(leaveRef('#3 理由', 7)).toEqual({ id: 3, rest: '理由' });
    expect(leaveRef('', null)).toEqual({ id: null, rest: '' });
  });
});
