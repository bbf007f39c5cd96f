import { pino } from 'pino';
import { ScanStatus } from 'wechaty';
import { describe, expect, it, vi } from 'vitest';
import { stripMentions } from '../../adapters/wechat/inbound.ts';
import { renderMenu } from '../../adapters/wechat/menu.ts';
import { showLoginQr } from '../../adapters/wechat/qr.ts';
import { parseQuote, replyOfFlatQuote } from '../../adapters/wechat/quote.ts';

describe('WeChat text translation', () => {
  it('reads a quote from the app message XML, plain or HTML-escaped as the web protocol sends it', () => {
    const xml = '<msg><appmsg><title>同意</title><type>57</type><refermsg><type>1</type><svrid>4471392</svrid><content>请假 #12</content></refermsg></appmsg></msg>';
    expect(parseQuote(xml)).toEqual({ text: '同意', quotedMessageId: '4471392' });
    const escaped = `wxid_abc:\n${xml.replace(/</g, '&lt;').replace(/>/g, '&gt;')}`;
    expect(parseQuote(escaped)).toEqual({ text: '同意', quotedMessageId: '4471392' });
    expect(parseQuote('<msg><appmsg><title><![CDATA[驳回 不合规]]></title><refermsg><svrid> 9 </svrid></refermsg></appmsg></msg>')).toEqual({
      text: '驳回 不合规',
      quotedMessageId: '9',
    });
    expect(parseQuote('同意')).toBeNull();
    expect(parseQuote('<msg><appmsg><title>同意</title><refermsg><content>no id</content></refermsg></appmsg></msg>')).toBeNull();
  });

  it('keeps only the reply of a quote flattened to text', () => {
    expect(replyOfFlatQuote('「社区助手：张三申请事假 1 天（#12）」\n- - - - - - - - - - - - - - -\n同意 #12')).toBe('同意 #12');
    expect(replyOfFlatQuote('同意 #12')).toBeNull();
  });

  it('strips only the bot’s own mention, with the separator WeChat puts after it', () => {
    expect(stripMentions('@社区助手\u2005签到', ['社区助手'])).toBe('签到');
    expect(stripMentions('签到 @社区助手', ['社区助手', '小助手'])).toBe('签到');
    expect(stripMentions('@小助手 签到 @王芳', ['社区助手', '小助手'])).toBe('签到 @王芳');
    expect(stripMentions('@社区助手们 好', ['社区助手'])).toBe('@社区助手们 好');
    // A multi-line command keeps its lines (a weekly plan, a notice body).
    expect(stripMentions('@社区助手\n周计划\r\n1. 走访\n2. 台账', ['社区助手'])).toBe('周计划\n1. 走访\n2. 台账');
  });

  it('renders buttons as one numbered line', () => {
    const buttons = [
      { label: '同意', value: '同意 #12' },
      { label: '驳回', value: '驳回 #12' },
    ];
    expect(renderMenu('张三申请事假', buttons, '回复数字：')).toBe('张三申请事假\n回复数字：1 同意 2 驳回');
    expect(renderMenu('通知', [], '回复数字：')).toBe('通知');
  });
});

describe('WeChat login QR code', () => {
  it('draws the code in the terminal and logs it as a link', () => {
    const lines: string[] = [];
    const log = pino({ level: 'info' }, { write: (line: string) => void lines.push(line) });
    const drawn: string[] = [];
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      drawn.push(String(chunk));
      return true;
    });
    showLoginQr(log, 'https://login.weixin.qq.com/l/Ab12', ScanStatus.Waiting);
    vi.restoreAllMocks();
    expect(drawn.join('')).toMatch(/[▀▄█]/);
    const logged = JSON.parse(lines[0]!);
    expect(logged.url).toBe('https://wechaty.js.org/qrcode/https%3A%2F%2Flogin.weixin.qq.com%2Fl%2FAb12');
    expect(logged.msg).toContain('scan this QR code');
  });
});
