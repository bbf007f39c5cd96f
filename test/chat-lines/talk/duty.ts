import { talk, type TalkLine } from '../types.ts';

/** Everyday talk with the duty roster's words (值班, 换班, 代班, 接班, 交班): no answer, nothing changed. */
export const lines: TalkLine[] = [
  ...talk('zhangwei', 'g-work', [
    '值班，辛苦了',
    '值班 辛苦大家了',
    '值班 明天再说',
    '值班的事明天再说',
    '值班室电话多少',
    '今天谁值班',
    '明天值班吗',
    '我的值班表呢',
    '我的值班怎么排的？',
    '换班，明天再说',
    '换班吗',
    '换班 这周不行',
    '代班，明天再说',
    '代班的钱发了吗',
    '接班 我马上到',
    '接班了',
    '交班？',
    '交班了没',
    '交班，明天聊吗',
    '值班表，发一下',
  ]),
  ...talk('wangfang', 'g-work', ['值班的同志辛苦了', '值班安排我晚点发', '换班要提前说']),
  ...talk('qiandaye', 'g-residents', ['值班', '今晚社区有人值班吗']),
];
