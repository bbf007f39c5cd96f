import type { CommandLine } from '../types.ts';

/** Help, binding and declaring groups. */
export const lines: CommandLine[] = [
  { text: '帮助', user: 'zhangwei', chat: 'g-work', expect: { command: 'help' } },
  { text: '帮助！', user: 'zhangwei', chat: 'g-work', expect: { command: 'help' } },
  { text: '帮助', user: 'visitor', chat: 'g-work', expect: { command: 'help' } },
  { text: '帮助', user: 'qiandaye', chat: 'dm', expect: { command: 'help' } },
  { text: '/help', user: 'wangfang', chat: 'g-work', expect: { command: 'help' } },
  { text: '/start', user: 'visitor', chat: 'dm', expect: { command: 'help' } },
  { text: '菜单', user: 'liuyang', chat: 'dm', expect: { command: 'help' } },
  { text: '@社区助手 帮助 请假怎么写', user: 'liuyang', chat: 'g-work', expect: { command: 'help' } },
  { text: '绑定 12345678', user: 'visitor', chat: 'dm', expect: { command: 'bind', args: { code: '12345678' } } },
  { text: '绑定：1234 5678', user: 'visitor', chat: 'dm', expect: { command: 'bind', args: { code: '12345678' } } },
  { text: '绑定 1234-5678', user: 'visitor', chat: 'g-work', expect: { command: 'bind', args: { code: '12345678' } } },
  { text: '绑定12345678', user: 'visitor', chat: 'dm', expect: { command: 'bind', args: { code: '12345678' } } },
  { text: '/bind 12345678', user: 'visitor', chat: 'dm', expect: { command: 'bind', args: { code: '12345678' } } },
  { text: '绑定', user: 'visitor', chat: 'dm', expect: { command: 'bind', prompt: true } },
  { text: '绑定 123', user: 'visitor', chat: 'dm', expect: { command: 'bind', error: true } },
  { text: '设为工作群', user: 'wangfang', chat: 'g-new', expect: { command: 'chat-purpose', args: { purpose: 'work' } } },
  { text: '设为居民群', user: 'liqiang', chat: 'g-new', expect: { command: 'chat-purpose', args: { purpose: 'resident' } } },
  { text: '设为 应急群', user: 'wangfang', chat: 'g-new', expect: { command: 'chat-purpose', args: { purpose: 'emergency' } } },
  { text: '设置为工作群', user: 'wangfang', chat: 'g-new', expect: { command: 'chat-purpose', args: { purpose: 'work' } } },
  { text: '@社区助手 设为工作群', user: 'wangfang', chat: 'g-new', expect: { command: 'chat-purpose', args: { purpose: 'work' } } },
  { text: '设为工作群', user: 'zhangwei', chat: 'g-new', expect: { command: 'chat-purpose', error: true } },
  { text: '设为工作群', user: 'wangfang', chat: 'dm', expect: { command: 'chat-purpose', error: true } },
  { text: '设为工作群 幸福社区', user: 'zhaomin', chat: 'g-new', expect: { command: 'chat-purpose', args: { purpose: 'work', community: '幸福社区' } } },
  { text: '设为工作群', user: 'huanglei', chat: 'g-work', expect: { command: 'chat-purpose', error: true } },
];
