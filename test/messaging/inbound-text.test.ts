import { describe, expect, it } from 'vitest';
import { MAX_INBOUND_TEXT, repairName, repairText, spansOf, withoutSpans } from '../../src/messaging/inbound-text.ts';

describe('text repaired at the adapter boundary', () => {
  it.each([
    ['a lone high surrogate (a broken emoji)', '签到\uD83D', '签到\uFFFD'],
    ['a lone low surrogate', '\uDE00签到', '\uFFFD签到'],
    ['a whole emoji is kept', '签到👍', '签到👍'],
    ['CRLF and a lone CR become LF', '第一行\r\n第二行\r第三行', '第一行\n第二行\n第三行'],
    ['Unicode line and paragraph separators become LF', '周一\u2028周二\u2029周三', '周一\n周二\n周三'],
    ['control characters go, tab and line feed stay', '签\u0000到\u0007\u001B[0m\tA\u007F\u0085B\u009F', '签到[0m\tA\nB'],
    ['blanks at the ends of lines and of the text go', '  本周计划：  \n1. 走访　\n\n2. 台账\t\n ', '本周计划：\n1. 走访\n\n2. 台账'],
    ['indentation at the start of a line stays', '通知\n　　各位居民：', '通知\n　　各位居民：'],
    ['zero-width and bidi characters are left as written', 'a\u200Bb\u202Ec\u200Fd', 'a\u200Bb\u202Ec\u200Fd'],
    ['only controls and blanks is empty', ' \u0000\r\n\t\u0001 ', ''],
  ])('%s', (_what, raw, repaired) => {
    expect(repairText(raw)).toBe(repaired);
    expect(repairText(raw).isWellFormed()).toBe(true);
  });

  it('cuts a text over the limit, at a line end near it or between characters, never inside a surrogate pair', () => {
    const long = 'x'.repeat(MAX_INBOUND_TEXT + 500);
    expect(repairText(long)).toHaveLength(MAX_INBOUND_TEXT);
    const emoji = '😀'.repeat(MAX_INBOUND_TEXT);
    const cut = repairText(emoji);
    expect(cut.isWellFormed()).toBe(true);
    expect(cut.length).toBe(MAX_INBOUND_TEXT);
    const lines = `${'一二三四五六七八九\n'.repeat(MAX_INBOUND_TEXT / 10 + 100)}`;
    const byLine = repairText(lines);
    expect(byLine.length).toBeLessThanOrEqual(MAX_INBOUND_TEXT);
    expect(byLine.endsWith('九')).toBe(true);
    expect(repairText('x'.repeat(20_000))).toHaveLength(20_000);
  });

  it('a name is one line', () => {
    expect(repairName(' 张\n伟\uD800 ')).toBe('张 伟\uFFFD');
  });

  it('removing the bot’s mention keeps the lines and leaves one space where words would touch', () => {
    const bot = (text: string) => withoutSpans(text, spansOf(text, '@社区助手'));
    expect(repairText(bot('@社区助手 签到'))).toBe('签到');
    expect(repairText(bot('签到 @社区助手'))).toBe('签到');
    expect(repairText(bot('签到 @社区助手 明天'))).toBe('签到 明天');
    expect(repairText(bot('签到@社区助手明天'))).toBe('签到 明天');
    expect(repairText(bot('@社区助手\u2005周计划\n1. 走访\n@社区助手 2. 台账'))).toBe('周计划\n1. 走访\n2. 台账');
    expect(repairText(bot('@社区助手\n通知\n停水'))).toBe('通知\n停水');
  });
});
