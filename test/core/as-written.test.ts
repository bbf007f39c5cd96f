import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandRegistry, defaultPolicy } from '../../commands/index.ts';
import { asWritten, restoreWritten, writtenAs } from '../../src/core/as-written.ts';
import type { Role } from '../../src/core/roles.ts';
import { route, type RouteInput } from '../../src/core/router.ts';

describe('writtenAs: a part of the folded text, as the person wrote it', () => {
  it.each([
    ['楼道冒烟,有烟味', '上报 楼道冒烟，有烟味', '楼道冒烟，有烟味'],
    ['气温骤降至-5°C', '预计影响：气温骤降至-5℃', '气温骤降至-5℃'],
    ['1. 走访', '①. 走访', '①. 走访'],
    ['电话138 0013', '电话１３８　００１３', '电话１３８　００１３'],
    // A run of blanks is one space on the fold; the slice keeps them all.
    ['楼道 冒烟', '楼道   冒烟', '楼道   冒烟'],
    ['停水', '明天停水\r\n请储水', '停水'],
  ])('%s in 「%s」 is 「%s」', (fragment, original, expected) => {
    expect(writtenAs(fragment, original)).toBe(expected);
  });

  it('gives a text built from parts each part back, and leaves what the person did not write', () => {
    const original = '预计影响：低洼路段积水，地下车库可能进水';
    expect(writtenAs('类型:气象灾害\n预计影响:低洼路段积水,地下车库可能进水', original)).toBe('类型:气象灾害\n预计影响：低洼路段积水，地下车库可能进水');
    expect(writtenAs('全街道', original)).toBe('全街道');
    expect(writtenAs('', original)).toBe('');
  });

  it('does not search a long built text run by run (a pasted page answers at once)', () => {
    const page = '楼道冒烟，有烟味。'.repeat(10_000);
    const built = `情况:${'楼道冒烟,有烟味。'.repeat(300)}`;
    expect(writtenAs(built, page)).toBe(built);
    expect(writtenAs('楼道冒烟,有烟味。', page)).toBe('楼道冒烟，有烟味。');
  });
});

describe('restoreWritten: the marked arguments only', () => {
  const schema = z.union([
    z.object({ show: z.number() }),
    z.object({
      title: asWritten(z.string()),
      note: asWritten(z.string()).nullable(),
      code: z.string(),
      items: z.array(asWritten(z.string())),
      changes: z.record(z.string(), asWritten(z.string())),
    }),
  ]);
  const original = '标题，甲 编号：ＡＢ１２ 一、二 改为：三，四';

  it('puts back each marked string, through objects, arrays, records, nullables and unions; the others stay folded', () => {
    const parsed = { title: '标题,甲', note: null, code: 'AB12', items: ['一、二'], changes: { x: '三,四' } };
    expect(restoreWritten(schema, parsed, original)).toEqual({ title: '标题，甲', note: null, code: 'AB12', items: ['一、二'], changes: { x: '三，四' } });
    expect(restoreWritten(schema, { show: 3 }, original)).toEqual({ show: 3 });
  });
});

describe('the router hands a command its free text as written, and parse says the same', () => {
  const { commands } = commandRegistry('社区助手');
  const input = (text: string): RouteInput => ({
    text,
    botName: '社区助手',
    mentionsBot: false,
    now: new Date('2026-12-15T10:00:00+08:00'),
    policy: defaultPolicy(),
    roles: ['staff'] as Role[],
    chatKind: 'private',
  });

  it('an incident report, a handover note, an alert with ℃; matching still reads the fold', () => {
    expect(route(input('上报 3号楼楼道冒烟，有烟味！'), commands)).toMatchObject({ type: 'run', command: { id: 'incident-report' }, args: { text: '3号楼楼道冒烟，有烟味！' } });
    expect(route(input('交班：一切正常（门窗已关）'), commands)).toMatchObject({ type: 'run', args: { note: '一切正常（门窗已关）' } });
    const alert = ['发布预警 寒潮蓝色预警', '类型：气象灾害', '级别：蓝色', '区域：幸福社区全域', '时间：12月16日20:00至18日8:00', '预计影响：气温骤降至-5℃', '防范措施：注意防寒保暖，老人少外出', '发布单位：幸福街道应急办'].join('\n');
    expect(route(input(alert), commands)).toMatchObject({
      type: 'run',
      command: { id: 'alert-publish' },
      args: { fields: { level: '蓝色', impact: '气温骤降至-5℃', guidance: '注意防寒保暖，老人少外出', period: '12月16日20:00至18日8:00' } },
    });
  });
});
