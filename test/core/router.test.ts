import { describe, expect, it } from 'vitest';
import { commandRegistry } from '../../commands/index.ts';
import { defaultPolicy } from '../../src/config/policy.ts';
import { renderText } from '../../src/core/command.ts';
import type { Role } from '../../src/core/roles.ts';
import { normalizeText, route, type RouteInput } from '../../src/core/router.ts';
import { translator } from '../../src/i18n/index.ts';

const { commands } = commandRegistry('社区助手');
const t = translator('zh-CN');
const base: Omit<RouteInput, 'text'> = {
  botName: '社区助手',
  mentionsBot: false,
  now: new Date('2026-11-23T07:58:00+08:00'),
  policy: defaultPolicy(),
  roles: ['staff'] as Role[],
  chatKind: 'group',
};
const run = (text: string, extra: Partial<RouteInput> = {}) => route({ ...base, ...extra, text }, commands);

describe('router', () => {
  it.each(['签到', '  签到  ', '签到\u3000', '@社区助手 签到', '@社区助手签到', '/checkin', '/checkin@shequ_bot', '／ｃｈｅｃｋｉｎ', 'CHECKIN', '打卡'])(
    'reads %j as 签到',
    (text) => {
      expect(run(text)).toMatchObject({ type: 'run', command: { id: 'checkin' } });
    },
  );

  it('normalizes full-width characters and spaces', () => {
    expect(normalizeText('  绑定　１２３４　５６７８ ', '社区助手')).toBe('绑定 1234 5678');
  });

  it('does not take a longer word for a command', () => {
    expect(run('checkinx', { chatKind: 'private' })).toMatchObject({ type: 'reply', text: { key: 'error.unknownCommand' } });
  });

  it('suggests the closest commands for an unknown word', () => {
    const result = run('签道', { chatKind: 'private' });
    expect(result.type).toBe('reply');
    if (result.type !== 'reply') return;
    expect(renderText(t, result.text)).toBe('没有「签道」这个指令。你是不是想用：签到、签退？发送「帮助」查看全部指令。');
    const english = run('/chekin');
    expect(english.type === 'reply' && english.text.params?.suggestions).toBe('签到');
  });

  it('stays quiet about ordinary group chatter, but answers when addressed', () => {
    expect(run('大家早上好')).toEqual({ type: 'ignore' });
    expect(run('大家早上好', { mentionsBot: true })).toMatchObject({ type: 'reply' });
    expect(run('大家早上好', { chatKind: 'private' })).toMatchObject({ type: 'reply' });
  });

  it('refuses a wrong role and says who may', () => {
    const result = run('设为工作群');
    expect(result.type).toBe('reply');
    if (result.type === 'reply') expect(renderText(t, result.text)).toBe('「设为」只有书记或主任可以使用。');
    const resident = run('签到', { roles: ['resident'] });
    if (resident.type === 'reply') expect(renderText(t, resident.text)).toBe('「签到」只有书记、副书记、主任、社工或考勤员可以使用。');
    expect(resident.type).toBe('reply');
  });

  it('tells an unbound sender how to bind, but lets them bind and ask for help', () => {
    const result = run('签到', { roles: null });
    expect(result).toMatchObject({ type: 'reply', text: { key: 'error.unbound' } });
    expect(run('绑定 12345678', { roles: null })).toMatchObject({ type: 'run', args: { code: '12345678' } });
    expect(run('帮助', { roles: null })).toMatchObject({ type: 'run', command: { id: 'help' } });
  });

  it('asks for a missing field and completes it with the next message', () => {
    const ask = run('绑定', { roles: null });
    expect(ask).toMatchObject({ type: 'ask', command: { id: 'bind' }, rest: '' });
    if (ask.type !== 'ask') return;
    const pending = { command: ask.command, rest: ask.rest, expects: ask.expects };
    const answered = run('1234 5678', { roles: null, pending });
    expect(answered).toMatchObject({ type: 'run', args: { code: '12345678' } });
    expect(run('取消', { roles: null, pending })).toEqual({ type: 'cancel' });
    expect(run('签到', { pending })).toMatchObject({ type: 'run', command: { id: 'checkin' } });
  });

  it('refuses a check-in for somebody else', () => {
    for (const text of ['签到 张三', '签到@张三', '签到 @张三']) {
      const result = run(text);
      expect(result).toMatchObject({ type: 'reply', text: { key: 'checkin.noProxy', params: { other: '张三' } } });
    }
  });

  it('uses the message time for the session and status', () => {
    expect(run('签到', { now: new Date('2026-11-23T13:00:01+08:00') })).toMatchObject({
      type: 'run',
      args: { session: 'pm', status: 'late', minutesOff: 1, officeDate: '2026-11-23' },
    });
  });
});
