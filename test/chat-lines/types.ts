/**
 * Lines as staff and residents write them, for the talk table (no answer, no effect) and the command
 * table (the intended command and arguments). Each family keeps its own files in talk/ and
 * commands/; test/core/chat-lines.test.ts runs every file through the router, through the bot
 * (sandbox, demo community 幸福社区) and through `shequ parse`, and checks all three agree.
 */

/** The demo community's people (adapters/sandbox/demo.ts) and the roles `shequ parse --as` gives them. */
export const DEMO_ROLES = {
  wangfang: '书记',
  liqiang: '主任',
  zhangwei: '社工',
  liuyang: '社工',
  chenjing: '考勤员',
  zhaomin: '社区建设科',
  sunbo: '街道分管领导',
  zhoutao: '街道主要领导',
  huanglei: '街道应急办',
  qiandaye: '居民',
} as const;
export type DemoUser = keyof typeof DEMO_ROLES | 'visitor';

/** The demo groups, and what each is declared to be. */
export const DEMO_GROUPS = { 'g-work': 'work', 'g-residents': 'resident', 'g-emergency': 'emergency' } as const;
export type DemoGroup = keyof typeof DEMO_GROUPS;

/** Everyday group talk: unaddressed, it must get no answer and change nothing. */
export interface TalkLine {
  text: string;
  user: DemoUser;
  chat: DemoGroup;
}

/**
 * A line written as a command; `chat: 'dm'` is the user's private chat with the bot, and a group
 * other than the demo's (g-new) is one not declared yet.
 */
export interface CommandLine {
  text: string;
  user: DemoUser;
  chat: DemoGroup | 'dm' | 'g-new';
  /** Office time the line is sent at (default: Monday 2026-11-23 07:58, before the morning check-in closes). */
  at?: string;
  /** The command it runs, and the arguments that must be among what it understood (a prompt's so far). */
  expect: { command: string; args?: Record<string, unknown>; prompt?: true; error?: true };
}

/** Shorthand for a family's talk lines: the same user and group for a list of texts. */
export function talk(user: DemoUser, chat: DemoGroup, texts: readonly string[]): TalkLine[] {
  return texts.map((text) => ({ text, user, chat }));
}
