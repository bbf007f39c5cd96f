import { describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy } from '../../../commands/index.ts';
import { asksAnonymity, isConfidential } from '../../../commands/incident/rules/privacy.ts';
import { householdNumbers, maskPrivate } from '../../../src/core/privacy.ts';

describe('what a residents’ group may read: ID numbers and phones in any width, with any separators', () => {
  it.each([
    ['身份证11010519491231002X', '身份证***'],
    ['身份证号 11010519491231002x。', '身份证号 ***。'],
    ['身份证：１１０１０５１９４９１２３１００２Ｘ，电话见下', '身份证：***，电话见下'],
    ['老身份证110105491231002', '老身份证***'],
    ['证件号 110105 19491231 002X', '证件号 ***'],
    ['我电话13912345678', '我电话***'],
    ['电话 139 1234 5678', '电话 ***'],
    ['电话139.1234.5678，晚上打', '电话***，晚上打'],
    ['电话１３９１２３４５６７８', '电话***'],
    ['电话：１３９－１２３４－５６７８！', '电话：***！'],
    ['手机 +86 138-0013-8000', '手机 ***'],
    ['手机+86１３８·００１３·８０００', '手机***'],
    ['联系0086 138 0013 8000', '联系***'],
    ['打 138　0013　8000 找我', '打 *** 找我'],
    ['座机0571-88886666', '座机***'],
    ['座机（０５７１）８８８８－６６６６。', '座机***。'],
    ['座机 010 6543 2100', '座机 ***'],
    ['物业电话 8888-6666', '物业电话 ***'],
    ['物业 888 6666', '物业 ***'],
  ])('%s → %s', (text, masked) => {
    expect(maskPrivate(text)).toBe(masked);
  });

  it.each([
    '2026-12-07 10:30 在5号楼门口集合',
    '2026年12月7日，10:30—11:30',
    '2025-2026年度，2026.12.07',
    '赔偿3000-5000元，共1,380.50元，约1.38万元',
    '面积200-3000米，13800元',
    '请拨打12345市民热线，或110、119、120',
    '5号楼、3栋、12号楼2单元楼道冒烟',
    '已疏散100人，1301 1302 1303 需要复核',
    '全角标点：“你好”，（备注）；完毕！',
  ])('stays as written: %s', (text) => {
    expect(maskPrivate(text)).toBe(text);
  });

  it('households as before, in any width; the case’s rooms wherever they recur', () => {
    expect(maskPrivate('５栋３０２和４０２，漏水')).toBe('５栋***和***，漏水');
    expect(maskPrivate('3-2-301的住户，电话13912345678')).toBe('***的住户，电话***');
    expect(householdNumbers('５栋３０２和４０２ 漏水，电话 139 1234 5678')).toEqual(['302', '402']);
    expect(maskPrivate('４０２修好水管', ['302', '402'])).toBe('***修好水管');
  });
});

describe('a reporter asking not to be named', () => {
  it.each(['不要告诉他是我举报的', '别说是我', '千万别让他知道是我反映的', '我要匿名举报', '请帮我保密', '不想让邻居知道', '不要透露我的名字', '别 暴露 我', '本人不愿透露姓名'])(
    'asks: %s',
    (text) => {
      expect(asksAnonymity(`楼上天天噪音，${text}`)).toBe(true);
    },
  );

  it.each(['不用保密，可以说是我', '这事不保密', '是我自己发现的', '别告诉我他是谁', '无需匿名'])('does not ask: %s', (text) => {
    expect(asksAnonymity(text)).toBe(false);
  });

  it('disputes and petitions are confidential by the policy’s type flag; an office may mark its own types', () => {
    const rules = defaultPolicy().incident;
    expect(['邻里纠纷', '集体上访', '火灾', '其他'].map((type) => isConfidential(rules, type, '情况'))).toEqual([true, true, false, false]);
    expect(isConfidential(rules, '其他', '东门路灯坏了，别说是我报的')).toBe(true);
    const own = parsePolicy({ incident: { classes: [{ name: '社会安全事件', types: [{ name: '家庭暴力', keywords: ['家暴'], confidential: true }] }] } }).incident;
    expect(isConfidential(own, '家庭暴力', '情况')).toBe(true);
  });
});
