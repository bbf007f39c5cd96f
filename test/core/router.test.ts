import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { commandRegistry, translate } from '../../commands/index.ts';
import { defaultPolicy } from '../../commands/index.ts';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { renderText } from '../../src/i18n/text.ts';
import { registerFamilies } from '../../src/core/family.ts';
import type { Role } from '../../src/core/roles.ts';
import { normalizeText, route, triggersUnaddressed, type RouteInput } from '../../src/core/router.ts';

const { commands } = commandRegistry('社区助手');
const t = translate('zh-CN');
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
    if (result.type === 'reply') expect(renderText(t, result.text)).toBe('「设为」只有书记、主任、社区建设科、街道分管领导或街道主要领导可以使用。');
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

describe('triggers in a group', () => {
  it('reads the word alone, with a separator and arguments, or with sentence-final punctuation; glued text is talk', () => {
    expect(run('签到！')).toMatchObject({ type: 'run', command: { id: 'checkin' } });
    expect(run('签到。')).toMatchObject({ type: 'run', command: { id: 'checkin' } });
    expect(run('签到了吗')).toEqual({ type: 'ignore' });
    expect(run('请假：明天，病假，感冒，在家', { now: new Date('2026-11-23T09:00:00+08:00') })).toMatchObject({ type: 'run', args: { type: '病假', reason: '感冒', destination: '在家' } });
    expect(run('请假的事明天再说')).toEqual({ type: 'ignore' });
    // A prefix is a date and nothing else; a glued continuation is a duration or a date.
    expect(run('明天请假一天，事假，家里装修，在家', { now: new Date('2026-11-23T09:00:00+08:00') })).toMatchObject({ type: 'run', command: { id: 'leave-request' } });
    expect(run('我明天请假')).toEqual({ type: 'ignore' });
  });

  it('lets each command choose how much it needs an address', () => {
    expect(triggersUnaddressed(TRIGGER.bare, { rest: '', block: false }, base)).toBe(true);
    expect(triggersUnaddressed(TRIGGER.alone, { rest: '请假怎么写', block: false }, base)).toBe(false);
    expect(triggersUnaddressed(TRIGGER.withArgs, { rest: '', block: false }, base)).toBe(false);
    expect(triggersUnaddressed(TRIGGER.exact, { rest: '#12', block: false }, base)).toBe(true);
    expect(triggersUnaddressed(TRIGGER.exact, { rest: '明天再说', block: false }, base)).toBe(false);
    expect(triggersUnaddressed(TRIGGER.reference, { rest: '', block: false }, base)).toBe(false);
    expect(triggersUnaddressed(TRIGGER.reference, { rest: '#12 注意安全', block: false }, base)).toBe(true);
    expect(triggersUnaddressed(TRIGGER.reference, { rest: '预警#3', block: false }, base)).toBe(true);
    expect(triggersUnaddressed(TRIGGER.reference, { rest: '我也这么想', block: false }, base)).toBe(false);
    expect(triggersUnaddressed(TRIGGER.addressed, { rest: '去街道', block: false }, base)).toBe(false);
    // Addressed, the same words run: by @mention, by a quote of a bot message, by a button, in private.
    for (const extra of [{ mentionsBot: true }, { quotesBot: true }, { isButton: true }, { chatKind: 'private' as const }]) {
      expect(run('休息', extra)).toMatchObject({ type: 'run', command: { id: 'whereabouts-rest' } });
    }
    expect(run('休息')).toEqual({ type: 'ignore' });
  });

  it('ignores residents’ command words in a resident group, and refuses them when addressed', () => {
    expect(run('签到', { roles: ['resident'], chatPurpose: 'resident' })).toEqual({ type: 'ignore' });
    expect(run('签到', { roles: ['resident'], chatPurpose: 'resident', mentionsBot: true })).toMatchObject({ type: 'reply', text: { key: 'error.forbidden' } });
  });
});

describe('a question waiting for its answer', () => {
  const at = new Date('2026-11-23T09:00:00+08:00');
  const asked = (text: string) => {
    const ask = run(text, { now: at });
    if (ask.type !== 'ask') throw new Error(`expected a question for ${text}, got ${ask.type}`);
    return { command: ask.command, rest: ask.rest, expects: ask.expects };
  };

  it('in a group is continued only by an answer of its form, or an addressed one; other talk leaves it waiting', () => {
    const pending = asked('请假');
    expect(pending.expects).toEqual({ kind: 'date' });
    expect(run('大家早上好', { now: at, pending })).toEqual({ type: 'ignore' });
    expect(run('明天', { now: at, pending })).toMatchObject({ type: 'ask', prompt: { key: 'leave.ask.type' }, rest: '明天' });
    const type = asked('请假 明天');
    expect(run('好的', { now: at, pending: type })).toEqual({ type: 'ignore' });
    expect(run('病假！', { now: at, pending: type })).toMatchObject({ type: 'ask', prompt: { key: 'leave.ask.reason' } });
    const reason = asked('请假 明天 病假');
    expect(run('发烧了', { now: at, pending: reason })).toEqual({ type: 'ignore' });
    expect(run('发烧了', { now: at, pending: reason, quotesBot: true })).toMatchObject({ type: 'ask', prompt: { key: 'leave.ask.destination' } });
    expect(run('发烧了', { now: at, pending: reason, chatKind: 'private' })).toMatchObject({ type: 'ask', prompt: { key: 'leave.ask.destination' } });
  });

  it('maps answer words to commands, and lets a new command replace the question', () => {
    const pending = { command: commands.find((c) => c.id === 'leave-confirm')!, rest: '', expects: { kind: 'commands' as const, answers: { 确认: '确认 #7', 取消: '撤回 #7' } } };
    expect(run('确认', { pending })).toMatchObject({ type: 'run', command: { id: 'leave-confirm' }, args: { id: 7 } });
    expect(run('取消', { pending })).toMatchObject({ type: 'run', command: { id: 'leave-withdraw' }, args: { id: 7 } });
    expect(run('确认一下明天的会', { pending })).toEqual({ type: 'ignore' });
    expect(run('签到', { pending })).toMatchObject({ type: 'run', command: { id: 'checkin' } });
  });
});

describe('registering families', () => {
  const command = (id: string, names: string[]) =>
    defineCommand({ id, names, summary: 'cmd.help.summary', example: 'cmd.help.example', allowedRoles: 'anyone', trigger: TRIGGER.bare, args: z.object({}), parse: () => ({ ok: true, args: {} }), handle: async () => {} });

  it('fails at start when two commands claim one word, naming both', () => {
    expect(() => registerFamilies([{ id: 'a', commands: [command('first', ['值班'])] }, { id: 'b', commands: [command('second', ['值班 '])] }])).toThrow(
      'the command word "值班 " is claimed by both first and second',
    );
    expect(() => registerFamilies([{ id: 'a', commands: [command('x', ['/duty'])] }, { id: 'b', commands: [command('y', ['／ＤＵＴＹ'])] }])).toThrow('claimed by both x and y');
  });

  it('gives a quoted reply to a family’s message to the command that owns its subject', () => {
    const followUp = { ...command('follow-up', ['续报']), quotedSubjects: ['case:'] };
    const all = [...commands, followUp];
    expect(route({ ...base, text: '已疏散10人', quotesBot: true, quotedSubject: 'case:5' }, all)).toMatchObject({ type: 'run', command: { id: 'follow-up' } });
    // Quoting the bot addresses it: a text no command owns is answered, not taken for a follow-up.
    expect(route({ ...base, text: '已疏散10人', quotesBot: true, quotedSubject: 'leave:5:0' }, all)).toMatchObject({ type: 'reply', text: { key: 'error.unknownCommandNoSuggestion' } });
    expect(route({ ...base, text: '签到', quotesBot: true, quotedSubject: 'case:5' }, all)).toMatchObject({ type: 'run', command: { id: 'checkin' } });
  });
});

describe('addressed text no command word starts', () => {
  it('is a resident’s question in a resident group, and an unknown command anywhere else', () => {
    const resident = { roles: ['resident'] as Role[], chatPurpose: 'resident' as const, mentionsBot: true };
    expect(run('@社区助手 停水到几点？', resident)).toMatchObject({ type: 'run', command: { id: 'resident-question' }, args: { text: '停水到几点？' } });
    expect(run('@社区助手 停水到几点？', { ...resident, roles: null })).toMatchObject({ type: 'run', command: { id: 'resident-question' } });
    expect(run('停水到几点？', { ...resident, mentionsBot: false })).toEqual({ type: 'ignore' });
    expect(run('停水到几点？', { ...resident, mentionsBot: false, quotesBot: true })).toMatchObject({ type: 'run', command: { id: 'resident-question' } });
    expect(run('@社区助手 签到', resident)).toMatchObject({ type: 'reply', text: { key: 'error.forbidden' } });
    expect(run('@社区助手 停水到几点？', { chatPurpose: 'resident', mentionsBot: true })).toMatchObject({ type: 'reply', text: { key: 'error.unknownCommandNoSuggestion' } });
    expect(run('@社区助手 停水到几点？', { ...resident, chatPurpose: 'work' })).toMatchObject({ type: 'reply' });
  });
});

describe('a question whose answer the written text would not place', () => {
  it('keeps the fields so far ending in the asked one’s label, so the answer completes that field', () => {
    const first = run('发布预警 暴雨红色预警', { chatKind: 'private' });
    expect(first).toMatchObject({ type: 'ask', rest: '名称:暴雨红色预警\n类型:', partial: { fields: { name: '暴雨红色预警' } } });
    if (first.type !== 'ask') throw new Error('no question');
    const pending = { command: first.command, rest: first.rest, expects: first.expects };
    const second = run('气象灾害 台风', { chatKind: 'private', pending });
    expect(second).toMatchObject({ type: 'ask', rest: '名称:暴雨红色预警\n类型:气象灾害 台风\n级别:', expects: { kind: 'choice' } });
  });
});
