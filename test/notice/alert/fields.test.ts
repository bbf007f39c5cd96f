import { describe, expect, it } from 'vitest';
import { firstMissing, readAlertFields, readLevel, writeAlertFields } from '../../../commands/notice/rules/alert-fields.ts';

describe('alert fields (预警信息的要素)', () => {
  it.each([
    ['红色', '红色'],
    ['红色预警', '红色'],
    ['红', '红色'],
    ['一级', '红色'],
    ['Ⅰ级', '红色'],
    ['I', '红色'],
    ['二级', '橙色'],
    ['III级', '黄色'],
    ['4级', '蓝色'],
    ['蓝色预警', '蓝色'],
    ['紫色', null],
    ['高', null],
    ['', null],
  ])('level %s → %s', (written, level) => {
    expect(readLevel(written)).toBe(level);
  });

  it('reads labelled lines, labels on one line, synonyms, and values over several lines', () => {
    expect(readAlertFields('暴雨红色预警\n类型:气象灾害 级别:红色\n防范措施:减少外出\n车辆移出地下车库\n发布机关:幸福街道应急办')).toEqual({
      lead: '暴雨红色预警',
      fields: { type: '气象灾害', level: '红色', guidance: '减少外出\n车辆移出地下车库', issuer: '幸福街道应急办' },
    });
    // A label word inside a value is no label without its colon.
    expect(readAlertFields('名称:时间紧急预警,区域:3栋').fields).toEqual({ name: '时间紧急预警', area: '3栋' });
    expect(readAlertFields('级别:').fields).toEqual({});
  });

  it('asks in the regulation’s order and keeps what was given as labelled lines', () => {
    const fields = { name: '暴雨红色预警', level: '红色', area: '全社区' };
    expect(firstMissing(fields)).toBe('type');
    expect(firstMissing({ ...fields, type: '气象', period: '今天', impact: '积水', guidance: '少出门', issuer: '应急办' })).toBeNull();
    const kept = `${writeAlertFields(fields)}\n类型: 气象灾害`;
    expect(readAlertFields(kept).fields).toEqual({ ...fields, type: '气象灾害' });
  });
});
