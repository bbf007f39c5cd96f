import { describe, expect, it } from 'vitest';
import { stepSubject } from '../../src/approval/workflow.ts';
import { checkGuards, type GuardContext } from '../../src/core/guards.ts';
import type { RecordKind } from '../../src/core/records.ts';
import {
  buttonValue,
  namedRecord,
  readReference,
  readSubject,
  referencePattern,
  referencesIn,
  subjectId,
  subjectPrefix,
  writeReference,
  writeSubject,
  type ReferenceForm,
} from '../../src/core/reference.ts';
import { caseSubject, incidentIdFromSubject, noticeSubject, visitSubject } from '../../commands/incident/subjects.ts';
import { leaveRef } from '../../commands/leave/parse-note.ts';
import { draftSubject } from '../../commands/leave/workflow.ts';
import { questionOfSubject, questionSubject } from '../../commands/notice/question/subject.ts';
import { NOTICE_SUBJECTS } from '../../commands/notice/subjects.ts';
import { PLAN_SUBJECTS } from '../../commands/plan/subjects.ts';

/**
 * The one codec of references, subjects and button values. Each table is one of the readers it
 * replaced, with the form that reader now declares: what it accepted, and what it refused.
 */

type Row = [text: string, expected: { noun?: string | null; id: number; rest: string } | null];

function table(form: ReferenceForm, rows: Row[]) {
  it.each(rows)('%j', (text, expected) => {
    const read = readReference(text, form);
    expect(read).toEqual(expected && { noun: expected.noun ?? null, id: expected.id, rest: expected.rest });
  });
}

describe('writing', () => {
  it('writes a reference with the noun of its kind, and a button as the command it types', () => {
    expect(writeReference(12)).toBe('#12');
    expect(writeReference(3, '预警')).toBe('预警#3');
    expect(writeReference(3, null)).toBe('#3');
    expect(buttonValue('同意', writeReference(12))).toBe('同意 #12');
    expect(buttonValue('驳回', writeReference(3, '预警'))).toBe('驳回 预警#3');
    expect(buttonValue('回访', writeReference(5), '满意')).toBe('回访 #5 满意');
    expect(buttonValue('并案', writeReference(6), writeReference(5))).toBe('并案 #6 #5');
    expect(buttonValue('代班', writeReference(12), '刘洋')).toBe('代班 #12 刘洋');
    expect(buttonValue('周计划 替换', writeReference(2))).toBe('周计划 替换 #2');
  });

  it('reads back every reference it writes', () => {
    for (const noun of [undefined, '预警', '通知', '请假', '换班']) {
      const written = buttonValue('同意', writeReference(42, noun), '早去早回');
      expect(readReference(written.slice('同意 '.length), { nouns: ['预警', '通知', '请假', '换班'], then: 'anything' })).toEqual({ noun: noun ?? null, id: 42, rest: '早去早回' });
    }
  });
});

describe('a reference in the arguments', () => {
  // The router's trigger for 「同意 #12」-like words: any short noun, then a separator or the end.
  describe('the router’s trigger (any noun, separated)', () =>
    table({ nouns: 'any' }, [
      ['#12', { id: 12, rest: '' }],
      ['# 12', { id: 12, rest: '' }],
      ['#12 注意安全', { id: 12, rest: '注意安全' }],
      ['#12,早去早回', { id: 12, rest: '早去早回' }],
      ['#3:明天有上级检查', { id: 3, rest: '明天有上级检查' }],
      ['#3、好', { id: 3, rest: '好' }],
      ['#3;好', { id: 3, rest: '好' }],
      ['预警#3', { noun: '预警', id: 3, rest: '' }],
      ['预警 #3 风已停', { noun: '预警', id: 3, rest: '风已停' }],
      ['突发事件#5', { noun: '突发事件', id: 5, rest: '' }],
      ['#12\n谢谢', { id: 12, rest: '谢谢' }],
      ['#3好的', null],
      ['#5楼', null],
      ['12', null],
      ['好的', null],
      ['很长的名词啊#5', null],
      ['abc#5', null],
      ['', null],
    ]));

  // incidentRef: 「#5 已疏散」「5 已疏散」, never 「5楼」.
  describe('a case (bare numbers, separated)', () =>
    table({ bare: true }, [
      ['#5', { id: 5, rest: '' }],
      ['5', { id: 5, rest: '' }],
      ['#5 已疏散10人', { id: 5, rest: '已疏散10人' }],
      ['5 已疏散', { id: 5, rest: '已疏散' }],
      ['#5:已疏散', { id: 5, rest: '已疏散' }],
      ['5,已疏散', { id: 5, rest: '已疏散' }],
      ['#5 满意', { id: 5, rest: '满意' }],
      ['#5\n双方:a;协议:b', { id: 5, rest: '双方:a;协议:b' }],
      ['  #5  给 张三 ', { id: 5, rest: '给 张三' }],
      ['5楼', null],
      ['#5楼', null],
      ['3天', null],
      ['12月5日', null],
      ['预警#3', null],
      ['满意', null],
    ]));

  // leaveRef without a quote: 「#12」「12」, the rest anything.
  describe('a leave note (bare numbers, anything after)', () =>
    table({ bare: true, then: 'anything' }, [
      ['#12', { id: 12, rest: '' }],
      ['12', { id: 12, rest: '' }],
      ['#12 好的', { id: 12, rest: '好的' }],
      ['#12好的', { id: 12, rest: '好的' }],
      ['12 好的', { id: 12, rest: '好的' }],
      ['#12\n谢谢', { id: 12, rest: '谢谢' }],
      // A bare number glued to a word is a count or a date, as for cases.
      ['3天', null],
      ['12月5日', null],
      ['好的', null],
    ]));

  it('reads a leave note’s number, a bare one only when no note is quoted', () => {
    expect(leaveRef('#12 好的', null)).toEqual({ id: 12, rest: '好的' });
    expect(leaveRef('12', null)).toEqual({ id: 12, rest: '' });
    expect(leaveRef('12', 7)).toEqual({ id: 7, rest: '12' });
    expect(leaveRef('#3 理由', 7)).toEqual({ id: 3, rest: '理由' });
    expect(leaveRef('注意安全', 7)).toEqual({ id: 7, rest: '注意安全' });
    expect(leaveRef('', null)).toEqual({ id: null, rest: '' });
  });

  // parseNoticeRef: 「#7」「通知#7」 and nothing after; 收到, 确认发布, 撤回通知.
  describe('a notice (通知, nothing after)', () =>
    table({ nouns: ['通知'], then: 'nothing' }, [
      ['#7', { id: 7, rest: '' }],
      ['# 7', { id: 7, rest: '' }],
      ['通知#7', { noun: '通知', id: 7, rest: '' }],
      ['通知 #7', { noun: '通知', id: 7, rest: '' }],
      ['7', null],
      ['#7 好', null],
      ['预警#7', null],
      ['通知', null],
    ]));

  // 更新预警 / 解除预警: 「#3」「预警#3」, then the fields or the reason, glued or not.
  describe('an alert (预警, anything after)', () =>
    table({ nouns: ['预警'], then: 'anything' }, [
      ['#3 级别:橙色', { id: 3, rest: '级别:橙色' }],
      ['#3级别:橙色', { id: 3, rest: '级别:橙色' }],
      ['#3\n级别:橙色\n区域:全社区', { id: 3, rest: '级别:橙色\n区域:全社区' }],
      ['预警#3 风已停', { noun: '预警', id: 3, rest: '风已停' }],
      ['预警 #3:风已停', { noun: '预警', id: 3, rest: '风已停' }],
      ['#3', { id: 3, rest: '' }],
      ['3 风已停', null],
      ['通知#3', null],
      ['风已停', null],
    ]));

  // 答复 and 代班 #编号: 「#12 …」, anything after.
  describe('a question or a duty seat (anything after)', () =>
    table({ then: 'anything' }, [
      ['#12 停水到下午5点', { id: 12, rest: '停水到下午5点' }],
      ['#12,停水到下午5点', { id: 12, rest: '停水到下午5点' }],
      ['#12 @刘洋', { id: 12, rest: '@刘洋' }],
      ['#12刘洋', { id: 12, rest: '刘洋' }],
      ['#6 明天上午有人值班', { id: 6, rest: '明天上午有人值班' }],
      ['12 刘洋', null],
      ['预警#12', null],
    ]));

  // 同意 / 驳回: a kind's noun, or a bare number when no post is quoted; the comment after.
  describe('a request (the kinds’ nouns, bare numbers, anything after)', () =>
    table({ nouns: ['请假', '预警', '换班'], bare: true, then: 'anything' }, [
      ['#3', { id: 3, rest: '' }],
      ['#3,早去早回', { id: 3, rest: '早去早回' }],
      ['#3:明天有上级检查', { id: 3, rest: '明天有上级检查' }],
      ['预警#3', { noun: '预警', id: 3, rest: '' }],
      ['请假 #3 早去早回', { noun: '请假', id: 3, rest: '早去早回' }],
      ['换班#2', { noun: '换班', id: 2, rest: '' }],
      ['3', { id: 3, rest: '' }],
      ['3 早去早回', { id: 3, rest: '早去早回' }],
      ['3天后再说', null],
      ['通知#3', null],
      ['早去早回', null],
    ]));

  // 替换 #2 / 追加 2 (after the answer word) and 事件 #5: the number alone.
  describe('a number alone (bare, nothing after)', () =>
    table({ bare: true, then: 'nothing' }, [
      ['#2', { id: 2, rest: '' }],
      ['2', { id: 2, rest: '' }],
      [' # 2 ', { id: 2, rest: '' }],
      ['#2 x', null],
      ['2项', null],
      ['本月', null],
    ]));

  it('is a declared prefix: 「#5 续报 …」', () => {
    const prefix = referencePattern({ then: 'nothing' });
    expect(prefix.test('#5')).toBe(true);
    expect(prefix.test('# 5')).toBe(true);
    expect(prefix.test('5')).toBe(false);
    expect(prefix.test('#5 x')).toBe(false);
    expect(prefix.test('明天')).toBe(false);
  });

  it('names the quoted record when none is written, the text then being all rest', () => {
    expect(namedRecord('#5 已疏散', { bare: true }, 9)).toEqual({ id: 5, noun: null, written: true, rest: '已疏散' });
    expect(namedRecord('已疏散10人', { bare: true }, 9)).toEqual({ id: 9, noun: null, written: false, rest: '已疏散10人' });
    expect(namedRecord(':满意', { bare: true }, 9)).toEqual({ id: 9, noun: null, written: false, rest: '满意' });
    expect(namedRecord('好的', {}, null)).toEqual({ id: null, noun: null, written: false, rest: '好的' });
  });

  it('lists every number a merge names', () => {
    expect(referencesIn('#6 #5')).toEqual([6, 5]);
    expect(referencesIn('6 5')).toEqual([6, 5]);
    expect(referencesIn('#6 并入 #5')).toEqual([6, 5]);
    expect(referencesIn('#5')).toEqual([5]);
    expect(referencesIn('合并吧')).toEqual([]);
  });
});

describe('a subject', () => {
  // The strings already stored in OutboxMessage.subject: their format must not change.
  it.each([
    [caseSubject(5), 'incident:5'],
    [noticeSubject(5), 'incident:5:notice'],
    [visitSubject(5), 'incident-visit:5'],
    [writeSubject('leave', 12), 'leave:12'],
    [draftSubject(12), 'leave:12:draft'],
    [stepSubject('leave', 12, 0), 'leave:12:0'],
    [stepSubject('alert', 3, 1), 'alert:3:1'],
    [stepSubject('duty-swap', 4, 0), 'duty-swap:4:0'],
    [questionSubject(3), 'question:3'],
    [writeSubject(NOTICE_SUBJECTS.delivery, 7), 'notice:7'],
    [writeSubject(NOTICE_SUBJECTS.draft, 7), 'notice-draft:7'],
    [writeSubject(NOTICE_SUBJECTS.progress, 7), 'notice-progress:7'],
    [writeSubject(NOTICE_SUBJECTS.result, 7), 'notice-result:7'],
    [writeSubject(NOTICE_SUBJECTS.recall, 7), 'notice-recall:7'],
    [writeSubject(NOTICE_SUBJECTS.ledger, 7), 'notice-ledger:7'],
    [writeSubject(PLAN_SUBJECTS.review, '2026-W49'), 'plan-review:2026-W49'],
    [writeSubject(PLAN_SUBJECTS.remind, '2026-W49'), 'plan-remind:2026-W49'],
  ])('is written %j as before', (written, stored) => {
    expect(written).toBe(stored);
  });

  it.each([
    ['incident:5', { kind: 'incident', key: '5', id: 5, part: null }],
    ['incident:5:notice', { kind: 'incident', key: '5', id: 5, part: 'notice' }],
    ['incident-visit:5', { kind: 'incident-visit', key: '5', id: 5, part: null }],
    ['leave:12:0', { kind: 'leave', key: '12', id: 12, part: '0' }],
    ['leave:12:draft', { kind: 'leave', key: '12', id: 12, part: 'draft' }],
    ['duty-swap:4:1', { kind: 'duty-swap', key: '4', id: 4, part: '1' }],
    ['plan-review:2026-W49', { kind: 'plan-review', key: '2026-W49', id: null, part: null }],
  ])('reads %j', (stored, read) => {
    expect(readSubject(stored)).toEqual(read);
  });

  it.each([null, undefined, '', 'incident', 'incident:', 'Incident:5', '5:incident', ':5', 'incident::notice'])('refuses %j', (text) => {
    expect(readSubject(text)).toBeNull();
  });

  it('gives the record a quoted message is about, only for the reader’s kinds', () => {
    // incidentIdFromSubject: a case message or its return visit.
    expect(incidentIdFromSubject('incident:5')).toBe(5);
    expect(incidentIdFromSubject('incident:5:notice')).toBe(5);
    expect(incidentIdFromSubject('incident-visit:5')).toBe(5);
    expect(incidentIdFromSubject('leave:5')).toBeNull();
    expect(incidentIdFromSubject('incident-other:5')).toBeNull();
    expect(incidentIdFromSubject(null)).toBeNull();
    // The leave family's: any part (its filing, its draft, its approval steps).
    for (const stored of ['leave:12', 'leave:12:0', 'leave:12:draft']) expect(subjectId(stored, 'leave')).toBe(12);
    expect(subjectId('leave-x:12', 'leave')).toBeNull();
    expect(subjectId('incident:12', 'leave')).toBeNull();
    // questionOfSubject.
    expect(questionOfSubject('question:3')).toBe(3);
    expect(questionOfSubject('question:x')).toBeNull();
    expect(questionOfSubject('incident:3')).toBeNull();
    // A week is no record's number.
    expect(subjectId('plan-review:2026-W49', PLAN_SUBJECTS.review)).toBeNull();
  });

  it('gives the start a command’s quotedSubjects lists', () => {
    expect(subjectPrefix('incident')).toBe('incident:');
    expect(caseSubject(5).startsWith(subjectPrefix('incident'))).toBe(true);
    expect(visitSubject(5).startsWith(subjectPrefix('incident'))).toBe(false);
  });
});

describe('a record kind naming its subject kind', () => {
  // Two kinds that share numbers; the second is quoted in posts of another subject kind.
  const row = { communityId: 1, streetId: 1 };
  const kinds: RecordKind[] = [
    { kind: 'leave', subject: 'leave', load: async () => row },
    { kind: 'swap-request', subject: 'duty-swap', load: async () => row },
  ];
  const context = { tx: null, chat: { id: 1 }, sender: null, message: { platform: 'sandbox', senderId: 'u' } } as unknown as GuardContext;
  const loaded = async (written: string | null) => {
    const outcome = await checkGuards({ command: '同意', record: { kinds, id: () => 3, kind: () => written, access: 'chat' } }, context, {});
    return outcome.ok ? outcome.records.map((r) => r.kind) : null;
  };

  it('is what the guard matches a quoted post’s kind against, as well as its own', async () => {
    expect(await loaded(readSubject('duty-swap:3:0')!.kind)).toEqual(['swap-request']);
    expect(await loaded('swap-request')).toEqual(['swap-request']);
    expect(await loaded('leave')).toEqual(['leave']);
    expect(await loaded(null)).toEqual(['leave', 'swap-request']);
  });
});
