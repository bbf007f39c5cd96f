import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { shequ } from '../helpers/cli.ts';
import { linesOf } from '../helpers/ledger.ts';
import { botTexts, moveTo } from '../incident/office.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

/** The demo office with two more resident groups in the sandbox, declared as the secretary does it. */
async function office(now = '2026-12-02T09:00:00+08:00', policy?: Record<string, unknown>): Promise<TestApp> {
  const app = await startTestApp({ demo: true, now, ...(policy ? { policy } : {}) });
  for (const [id, title] of [['g-b3', '3栋居民群'], ['g-b5', '5栋居民群']] as const) await app.app.db.sandboxChat.create({ data: { id, title, kind: 'group' } });
  await app.say('g-b3', 'wangfang', '设为居民群 3号楼');
  await app.botReply('g-b3', (m) => m === '@王芳 好的，本群已设为幸福社区的居民群，对应：3栋。发布通知时写「发布通知 3栋 …」即可只发给这些群。');
  await app.say('g-b5', 'liqiang', '设为居民群 5栋 第二网格');
  await app.botReply('g-b5', (m) => m.includes('对应：5栋、2网格'));
  return app;
}

describe('发布通知: who, to whom, preview and confirm', () => {
  it('a building’s groups only; a title line and body; nothing is sent before 确认发布', async () => {
    bot = await office();
    const asked = await bot.say('dm:wangfang', 'wangfang', '发布通知 3栋 停水通知\n明天9:00-12:00停水检修，请提前储水');
    const preview = await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】'), asked);
    expect(preview.text).toBe(
      [
        '【通知预览 #1】分类：服务事项',
        '发往：3栋居民群，共 1 个群（沙盒 1）',
        '——',
        '【服务事项】停水通知',
        '明天9:00-12:00停水检修，请提前储水',
        '——王芳',
        '——',
        '确认无误请回复「确认发布」（或「确认发布 #1」），回复「取消」放弃。',
      ].join('\n'),
    );
    expect(preview.buttons?.map((b) => b.value)).toEqual(['确认发布 #1', '撤回通知 #1']);
    expect(await botTexts(bot, 'g-b3')).toHaveLength(1);

    // The preview's button answers it, as 发布 does.
    await bot.post('/sandbox/api/buttons', { messageId: preview.id, userId: 'wangfang', value: '确认发布 #1' });
    await bot.botReply('g-b3', (m) => m.startsWith('【服务事项】停水通知'));
    await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #1「停水通知」发送结束\n已发送 1/1 群'));
    expect(await botTexts(bot, 'g-residents')).toEqual([]);
    expect(await botTexts(bot, 'g-b5')).toHaveLength(1);
  });

  it('refuses who may not, naming who may; 全街道 is for the street’s roles', async () => {
    bot = await office();
    const staff = await bot.say('dm:zhangwei', 'zhangwei', '发布通知 明天停水');
    await bot.botReply('dm:zhangwei', (m) => m === '「发布通知」只有书记、主任、社区建设科、街道分管领导或街道主要领导可以使用。', staff);
    const secretary = await bot.say('dm:wangfang', 'wangfang', '发布通知 全街道 明天停水');
    await bot.botReply('dm:wangfang', (m) => m === '「发布通知 全街道」只有社区建设科、街道分管领导或街道主要领导可以使用。', secretary);
    const street = await bot.say('dm:zhaomin', 'zhaomin', '发布通知 全街道 本周六全街道文明创建志愿活动');
    const preview = await bot.botReply('dm:zhaomin', (m) => m.startsWith('【通知预览'), street);
    expect(preview.text.split('\n')[1]).toBe('发往：全街道居民群，共 3 个群（沙盒 3）');
    const community = await bot.say('dm:zhaomin', 'zhaomin', '发布通知 明天停水');
    await bot.botReply('dm:zhaomin', (m) => m === '「发布通知」只有书记或主任可以使用。', community);
  });

  it('says what is missing: the text, groups of a building, a time', async () => {
    bot = await office();
    const empty = await bot.say('dm:wangfang', 'wangfang', '发布通知');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('请发来通知内容：第一行是标题，下面是正文'), empty);
    const answer = await bot.say('dm:wangfang', 'wangfang', '周六上午社区义诊\n地点：社区卫生服务站');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】分类：服务事项\n发往：全社区居民群，共 3 个群'), answer);
    const noGroup = await bot.say('dm:wangfang', 'wangfang', '发布通知 7栋 明天停电');
    await bot.botReply('dm:wangfang', (m) => m === '没有标注为「7栋」的居民群。请在对应的居民群里发送「设为居民群 7栋」，或不写楼栋发给全社区。', noGroup);
    const noTime = await bot.say('dm:wangfang', 'wangfang', '定时通知 明天停电');
    await bot.botReply('dm:wangfang', (m) => m === '请写明发送时间，例如：定时通知 12月5日 8:00 本周六上午义诊。', noTime);
    const past = await bot.say('dm:wangfang', 'wangfang', '定时通知 12月1日 8:00 明天停电');
    await bot.botReply('dm:wangfang', (m) => m === '12月1日 08:00 已经过去了，请写一个以后的时间。', past);
  });

  it('files each notice under a category of the policy: named, or from its words', async () => {
    bot = await office();
    await bot.say('dm:wangfang', 'wangfang', '发布通知 【财务公开】11月收支公开\n收入 12,000 元，支出 8,300 元');
    await bot.say('dm:wangfang', 'wangfang', '发布通知 居民代表会议决议：加装电梯方案通过');
    await bot.say('dm:wangfang', 'wangfang', '发布通知 社区春节联欢会报名开始啦');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #3】'));
    const notices = await bot.app.db.notice.findMany({ orderBy: { id: 'asc' } });
    expect(notices.map((n) => [n.category, n.title])).toEqual([
      ['财务公开', '11月收支公开'],
      ['会议决议', '居民代表会议决议：加装电梯方案通过'],
      ['通知公告', '社区春节联欢会报名开始啦'],
    ]);
  });
});

describe('定时通知 and 撤回通知', () => {
  it('a scheduled notice goes out at its time by the job; 撤回 before then cancels it whole', async () => {
    bot = await office();
    await bot.say('dm:wangfang', 'wangfang', '定时通知 12月5日 8:00 3栋 本周六上午9点在社区广场义诊');
    const preview = await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】'));
    expect(preview.text).toContain('定时发送：12月5日 08:00');
    const confirmed = await bot.say('dm:wangfang', 'wangfang', '确认发布');
    await bot.botReply('dm:wangfang', (m) => m === '通知 #1 已确认，将于 12月5日 08:00 发往 1 个群。发出前可发送「撤回通知 #1」取消。', confirmed);
    expect(await bot.app.db.noticeDelivery.findMany({ select: { status: true, outboxId: true } })).toEqual([{ status: 'scheduled', outboxId: null }]);

    await moveTo(bot, '2026-12-05T07:59:00');
    expect(await botTexts(bot, 'g-b3')).toHaveLength(1);
    await moveTo(bot, '2026-12-05T08:00:00');
    await bot.botReply('g-b3', (m) => m.startsWith('【服务事项】本周六上午9点在社区广场义诊'));
    // Released by the job, the notice brings its own progress message to the publisher.
    await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #1「本周六上午9点在社区广场义诊」发送结束'));

    await bot.say('dm:wangfang', 'wangfang', '定时通知 12月6日 8:00 周日停电');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #2】'));
    await bot.say('dm:wangfang', 'wangfang', '确认发布 #2');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('通知 #2 已确认'));
    const withdraw = await bot.say('dm:wangfang', 'wangfang', '撤回通知 #2');
    await bot.botReply('dm:wangfang', (m) => m === '定时通知 #2 已取消，3 个群都不会收到。', withdraw);
    await moveTo(bot, '2026-12-06T08:05:00');
    expect((await botTexts(bot, 'g-residents')).some((m) => m.includes('周日停电'))).toBe(false);
    const again = await bot.say('dm:wangfang', 'wangfang', '撤回通知 #2');
    await bot.botReply('dm:wangfang', (m) => m === '通知 #2 已经撤回或取消过了。', again);
  });

  it('only the publisher confirms or withdraws; a draft can be dropped', async () => {
    bot = await office();
    await bot.say('dm:wangfang', 'wangfang', '发布通知 明天停水');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】'));
    const other = await bot.say('dm:liqiang', 'liqiang', '确认发布 #1');
    await bot.botReply('dm:liqiang', (m) => m === '通知 #1 是王芳发布的，只有发布人可以确认或撤回。', other);
    const drop = await bot.say('dm:wangfang', 'wangfang', '取消');
    await bot.botReply('dm:wangfang', (m) => m === '好的，通知 #1 已放弃，没有发出。', drop);
    const late = await bot.say('dm:wangfang', 'wangfang', '确认发布 #1');
    await bot.botReply('dm:wangfang', (m) => m === '通知 #1 现在是「已取消」，不能再确认。', late);
    expect(await bot.app.db.noticeDelivery.count()).toBe(0);
  });
});

describe('财务公开 reminder', () => {
  it('reminds the secretary on the policy’s day when the month’s disclosure is missing, not when it is out', async () => {
    bot = await office('2026-12-09T09:00:00+08:00');
    await moveTo(bot, '2026-12-09T09:00:00');
    expect((await botTexts(bot, 'dm:wangfang')).some((m) => m.includes('财务公开提醒'))).toBe(false);
    await moveTo(bot, '2026-12-10T09:00:00');
    await bot.botReply('dm:wangfang', (m) => m === '【财务公开提醒】幸福社区本月（12月）的财务公开还没有发布，按规定应在 12月10日 前公开。请发送「发布通知 财务公开 标题…」发布。');
    expect((await botTexts(bot, 'dm:liqiang')).some((m) => m.includes('财务公开提醒'))).toBe(false);
  });

  it('is quiet when the disclosure went out this month; a 31st falls on a short month’s last day', async () => {
    bot = await office('2027-02-03T10:00:00+08:00', { notice: { finance: { day: 31 } } });
    await bot.say('dm:wangfang', 'wangfang', '发布通知 财务公开 1月收支\n收入 5,000 元');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】分类：财务公开'));
    await bot.say('dm:wangfang', 'wangfang', '确认发布');
    await bot.botReply('dm:wangfang', (m) => m.includes('发送结束'));
    await moveTo(bot, '2027-02-28T09:00:00');
    expect((await botTexts(bot, 'dm:wangfang')).some((m) => m.includes('财务公开提醒'))).toBe(false);
    await moveTo(bot, '2027-03-31T09:00:00');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【财务公开提醒】幸福社区本月（3月）的财务公开还没有发布，按规定应在 3月31日 前公开。'));
    // April has 30 days: its 30th stands in for the 31st.
    await moveTo(bot, '2027-04-30T09:00:00');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【财务公开提醒】幸福社区本月（4月）的财务公开还没有发布，按规定应在 4月30日 前公开。'));
  });
});

describe('shequ report notices', () => {
  it('exports the month’s notices with every group’s state, as JSON and XLSX', async () => {
    bot = await office();
    await bot.say('dm:wangfang', 'wangfang', '发布通知 3栋 停水通知\n明天停水，收到请回复1');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】'));
    await bot.say('dm:wangfang', 'wangfang', '确认发布');
    await bot.botReply('dm:wangfang', (m) => m.includes('发送结束'));
    await bot.say('dm:wangfang', 'wangfang', '发布通知 没确认的草稿');
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #2】'));
    const json = await shequ(['report', 'notices', '--month', '2026-12', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(json.code, json.stderr).toBe(0);
    const ledger = JSON.parse(json.stdout);
    expect(ledger.notices).toHaveLength(1);
    expect(ledger.notices[0]).toMatchObject({ id: 1, community: '幸福社区', category: '服务事项', title: '停水通知', publisher: '王芳', audience: '3栋', status: '发送完毕', createdAt: '2026-12-02 09:00', groups: 1, sent: 1, failed: 0, gone: 0, confirmations: 0 });
    // Sent at the office's time (the sandbox clock), not the machine's.
    expect(ledger.notices[0].deliveries).toEqual([
      expect.objectContaining({ group: '3栋居民群', platform: '沙盒', purpose: '居民群', state: '已发送', attempts: 1, confirmations: 0, sentAt: expect.stringMatching(/^2026-12-02 09:0\d$/) }),
    ]);

    const out = path.join(tempDir(), '通知.xlsx');
    const xlsx = await shequ(['report', 'notices', '--month', '2026-12', '--out', out], { DATABASE_URL: bot.databaseUrl });
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['通知', '送达明细']);
    expect(linesOf(book.getWorksheet('送达明细')!, '群')[0]!.slice(0, 6)).toEqual([1, '停水通知', '3栋居民群', '沙盒', '居民群', '已发送']);
  });
});
