import { describe, expect, it } from 'vitest';
import { defaultPolicy, parsePolicy } from '../../../commands/index.ts';
import { classify, emergencyNumbers, mentions, mustCallFirst, type Classification } from '../../../commands/incident/rules/classify.ts';
import { dueSteps, escalatesAtOnce, escalationSteps, minutesBetween, onSiteDueAt, stepDueAt } from '../../../commands/incident/rules/escalation.ts';
import { median, summarizeByClass, worst } from '../../../commands/incident/rules/ledger.ts';
import { isLikelyDuplicate, placeOf, placeTokens } from '../../../commands/incident/rules/place.ts';
import { distanceMeters } from '../../../src/core/geo.ts';
import { householdNumbers, maskName, maskPrivate } from '../../../src/core/privacy.ts';

const rules = defaultPolicy().incident;
const at = (local: string) => new Date(`${local}+08:00`);

describe('classification from the policy’s words', () => {
  it.each([
    ['3号楼2单元楼道冒烟', '事故灾难', '火灾', '较大', false, true],
    ['幸福路口两车相撞 有人受伤', '事故灾难', '交通事故', '较大', true, true],
    ['邻里纠纷 5栋302和402 漏水吵起来了', '社会安全事件', '邻里纠纷', '一般', false, true],
    ['5栋302和402 漏水吵起来了', '社会安全事件', '邻里纠纷', '一般', false, true],
    ['暴雨后地下车库积水', '自然灾害', '洪涝', '一般', false, true],
    ['食堂多人上吐下泻，疑似食物中毒', '公共卫生事件', '食物中毒', '较大', false, true],
    ['3号楼燃气爆炸 有人死亡', '事故灾难', '燃气泄漏', '重大', true, true],
    ['化工厂爆炸，多人死亡', null, '其他', '特别重大', true, true],
    ['东门路灯坏了', null, '其他', '一般', false, false],
    ['已灭火，无人受伤', null, '其他', '一般', false, false],
    ['没有人员伤亡，一般纠纷', '社会安全事件', '邻里纠纷', '一般', false, true],
    ['重大消息，明天放假', null, '其他', '重大', false, false],
    ['材料我已经交了', null, '其他', '一般', false, false],
  ])('%s → %s / %s / %s, casualties %s, reads as an incident %s', (text, className, type, level, casualties, reads) => {
    const found = classify(rules, text);
    expect([found.className, found.type, found.level, found.casualties, found.readsAsIncident]).toEqual([className, type, level, casualties, reads]);
  });

  it('negations: 无人受伤, 没有人员伤亡 and 未见伤者 are not casualties; 有人受伤 is', () => {
    expect(['无人受伤', '没有人员伤亡', '未见伤者'].map((t) => mentions(t, t.slice(-2)))).toEqual([false, false, false]);
    expect(mentions('有人受伤', '受伤')).toBe(true);
  });

  it('the numbers to call: the type’s, 120 when people are hurt, 110 otherwise', () => {
    expect(emergencyNumbers(classify(rules, '3号楼起火'))).toEqual(['119']);
    expect(emergencyNumbers(classify(rules, '3号楼起火 有人受伤'))).toEqual(['119', '120']);
    expect(emergencyNumbers(classify(rules, '路边有人晕倒'))).toEqual(['110', '120']);
    const at = (level: string, casualties: boolean, rule: Classification['rule'] = null) => mustCallFirst(rules, { level, casualties, rule });
    expect([at('重大', false), at('较大', true), at('较大', false)]).toEqual([true, true, false]);
    // A type with its own number: 3号楼楼道冒烟 says 119 first whatever its level.
    expect(mustCallFirst(rules, classify(rules, '3号楼楼道冒烟'))).toBe(true);
    expect(mustCallFirst(rules, classify(rules, '5栋下水道堵了'))).toBe(false);
  });

  it('an office’s own words: a new type and its keywords', () => {
    const policy = parsePolicy({ incident: { classes: [{ name: '事故灾难', types: [{ name: '井盖缺失', keywords: ['井盖'], level: '较大' }] }] } });
    expect(classify(policy.incident, '幸福路井盖没了').type).toBe('井盖缺失');
    expect(() => parsePolicy({ incident: { classes: [{ name: 'x', types: [{ name: 'y', level: '超级' }] }] } })).toThrow(/incident\.classes\.0\.types\.0\.level: unknown level "超级"/);
  });
});

describe('escalation due times by level (machine clock UTC, office time Asia/Shanghai)', () => {
  it('the steps: the report, the re-announcement, then the secretary and the street office', () => {
    expect(escalationSteps(rules).map((s) => [s.index, s.target, s.reannounce])).toEqual([
      [0, 'duty', false],
      [1, 'duty', true],
      [2, 'secretary', false],
      [3, 'street_emergency', false],
    ]);
  });

  it.each([
    ['一般', '2026-12-02T08:00:00', ['2026-12-02T08:15', '2026-12-02T08:30', '2026-12-02T08:45']],
    ['较大', '2026-12-02T07:59:00', ['2026-12-02T08:04', '2026-12-02T08:09', '2026-12-02T08:14']],
    ['一般', '2026-12-31T23:50:00', ['2027-01-01T00:05', '2027-01-01T00:20', '2027-01-01T00:35']],
    ['一般', '2026-11-30T23:59:00', ['2026-12-01T00:14', '2026-12-01T00:29', '2026-12-01T00:44']],
  ])('%s reported at %s: steps due %j, day or night, holidays too', (level, reported, due) => {
    const got = [1, 2, 3].map((i) => stepDueAt(rules, level, at(reported), i));
    expect(got).toEqual(due.map((d) => at(`${d}:00`)));
  });

  it('what is due at a minute: nothing before, one at the minute, all missed ones after downtime', () => {
    const incident = { level: '一般', reportedAt: at('2026-12-02T08:00:00'), escalationStep: 0 };
    expect(dueSteps(rules, incident, at('2026-12-02T08:14:59')).map((s) => s.index)).toEqual([]);
    expect(dueSteps(rules, incident, at('2026-12-02T08:15:00')).map((s) => s.index)).toEqual([1]);
    expect(dueSteps(rules, incident, at('2026-12-02T09:00:00')).map((s) => s.index)).toEqual([1, 2, 3]);
    expect(dueSteps(rules, { ...incident, escalationStep: 2 }, at('2026-12-02T09:00:00')).map((s) => s.index)).toEqual([3]);
  });

  it('重大 and 特别重大 tell everyone at once; the on-site clock is 15 minutes from the report for serious levels only', () => {
    expect(['一般', '较大', '重大', '特别重大'].map((l) => escalatesAtOnce(rules, l))).toEqual([false, false, true, true]);
    expect(onSiteDueAt(rules, '一般', at('2026-12-02T08:00:00'))).toBeNull();
    expect(onSiteDueAt(rules, '较大', at('2026-12-31T23:50:00'))).toEqual(at('2027-01-01T00:05:00'));
    expect([minutesBetween(at('2026-12-02T08:00:00'), at('2026-12-02T08:12:29')), minutesBetween(null, at('2026-12-02T08:00:00'))]).toEqual([12, null]);
  });
});

describe('places and duplicates', () => {
  it.each([
    ['3号楼2单元楼道冒烟', '3号楼2单元楼道', ['3号楼']],
    ['幸福路口两车相撞', '幸福路口', ['幸福路']],
    ['昨天在幸福路口有人打架', '幸福路口', ['幸福路']],
    ['阳光小区门口有人摔倒', '阳光小区门口', ['阳光小区']],
    ['东门路灯坏了', '东门路', ['东门路']],
    ['楼道灯坏了', '楼道', []],
    ['有人晕倒', null, []],
  ])('%s → place %s, tokens %j', (text, place, tokens) => {
    expect(placeOf(text)).toBe(place);
    expect(placeTokens(text)).toEqual(tokens);
  });

  const first = { type: '火灾', text: '3号楼2单元楼道冒烟', reportedAt: at('2026-12-02T09:00:00'), location: null };
  const rule = rules.duplicates;
  it.each([
    ['same type and building, 10 minutes later', { text: '3号楼有烟味，着火了', reportedAt: at('2026-12-02T09:10:00') }, true],
    ['at the window’s last minute', { text: '3号楼冒烟', reportedAt: at('2026-12-02T11:00:00') }, true],
    ['a minute after the window', { text: '3号楼冒烟', reportedAt: at('2026-12-02T11:01:00') }, false],
    ['another building', { text: '7号楼冒烟', reportedAt: at('2026-12-02T09:10:00') }, false],
    ['another type', { type: '交通事故', text: '3号楼门口撞车', reportedAt: at('2026-12-02T09:10:00') }, false],
  ])('%s: %s', (_label, change, expected) => {
    expect(isLikelyDuplicate(first, { ...first, ...change }, rule)).toBe(expected);
  });

  it('two shared locations within the radius are one place, whatever the words', () => {
    const a = { ...first, text: '这里冒烟', location: { latitude: 30.2741, longitude: 120.1551 } };
    const b = { ...first, text: '那边着火', reportedAt: at('2026-12-02T09:05:00'), location: { latitude: 30.2749, longitude: 120.1551 } };
    expect(Math.round(distanceMeters(a.location, b.location))).toBe(89);
    expect(isLikelyDuplicate(a, b, rule)).toBe(true);
    expect(isLikelyDuplicate(a, { ...b, location: { latitude: 30.2781, longitude: 120.1551 } }, rule)).toBe(false);
  });
});

describe('privacy for resident groups', () => {
  it.each([
    ['我电话13912345678', '我电话***'],
    ['电话 139 1234 5678', '电话 ***'],
    ['座机0571-88886666', '座机***'],
    ['5栋302和402 漏水', '5栋***和*** 漏水'],
    ['3-2-301的住户', '***的住户'],
    ['302室漏水', '***漏水'],
    ['3号楼2单元楼道冒烟', '3号楼2单元楼道冒烟'],
    ['已疏散100人，请拨打110和119', '已疏散100人，请拨打110和119'],
    ['2026年12月2日', '2026年12月2日'],
  ])('%s → %s', (text, masked) => {
    expect(maskPrivate(text)).toBe(masked);
  });

  it('the case’s own rooms are hidden wherever they recur; names keep their first character', () => {
    expect(householdNumbers('5栋302和402 漏水')).toEqual(['302', '402']);
    expect(maskPrivate('402修好水管', ['302', '402'])).toBe('***修好水管');
    expect([maskName('钱大爷'), maskName('visitor')]).toEqual(['钱**', '**']);
  });
});

describe('the ledger’s numbers', () => {
  it('median and worst; a summary per class, empty classes with zeros, then the total', () => {
    expect([median([]), median([5]), median([3, 20]), median([1, 9, 4]), worst([3, 20])]).toEqual([null, 5, 11.5, 4, 20]);
    const cases = [
      { className: '事故灾难', minutesToTake: 3, minutesToReach: 12, closed: true, rating: 'satisfied' },
      { className: '事故灾难', minutesToTake: 7, minutesToReach: null, closed: false, rating: null },
      { className: null, minutesToTake: null, minutesToReach: null, closed: false, rating: null },
    ];
    const summary = summarizeByClass(['自然灾害', '事故灾难'], cases);
    expect(summary.classes.map((c) => [c.className, c.count, c.takeMedian, c.takeWorst, c.reachMedian])).toEqual([
      ['自然灾害', 0, null, null, null],
      ['事故灾难', 2, 5, 7, 12],
      [null, 1, null, null, null],
    ]);
    expect([summary.total.count, summary.total.closed, summary.total.satisfied]).toEqual([3, 1, 1]);
  });
});
