import { describe, expect, it } from 'vitest';
import { defaultPolicy } from '../../../commands/index.ts';
import { assessPlan, isGeneric } from '../../../commands/plan/rules/perfunctory.ts';

const rules = defaultPolicy().plans.perfunctory;

describe('a specific plan or a perfunctory one (defaults: 2 specific items, 4 characters each)', () => {
  it.each([
    ['three specific items', ['走访3栋独居老人', '整理低保台账', '周三网格巡查'], false],
    ['two specific items and a generic one', ['走访3栋独居老人', '整理低保台账', '正常工作'], false],
    ['one item', ['走访3栋独居老人'], true],
    ['only 正常工作', ['正常工作'], true],
    ['only generic words', ['按时上班', '做好本职工作', '完成领导交办的其他工作'], true],
    ['generic words dressed up', ['认真做好本职工作', '继续按时上班'], true],
    ['items too short', ['巡查', '开会', '台账'], true],
    ['one specific, two too short', ['走访3栋独居老人', '开会', '巡查'], true],
    ['four characters is enough', ['走访3户', '整理台账'], false],
    ['做好 before a real task is specific', ['做好网格巡查', '完成低保复核'], false],
    ['no items', [], true],
  ])('%s → %s', (_name, items, perfunctory) => {
    expect(assessPlan(items, rules).perfunctory).toBe(perfunctory);
  });

  it('says why: too few, too short, too general', () => {
    expect(assessPlan(['正常工作'], rules).reasons).toEqual([
      { kind: 'few', count: 1, min: 2 },
      { kind: 'generic', items: ['正常工作'] },
    ]);
    expect(assessPlan(['走访3栋独居老人', '开会', '正常工作'], rules).reasons).toEqual([
      { kind: 'short', items: ['开会'] },
      { kind: 'generic', items: ['正常工作'] },
    ]);
    expect(assessPlan(['走访3栋独居老人', '整理低保台账'], rules).reasons).toEqual([]);
  });

  it('follows the policy: a minimum of 3, a generic phrase of the office', () => {
    const strict = { ...rules, minItems: 3, generic: [...rules.generic, '参加会议'] };
    expect(assessPlan(['走访3栋独居老人', '整理低保台账'], strict).perfunctory).toBe(true);
    expect(isGeneric('按时参加会议', strict)).toBe(true);
    expect(isGeneric('按时参加会议', rules)).toBe(false);
  });
});
