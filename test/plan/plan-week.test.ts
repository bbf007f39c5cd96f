import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveCalendarEntries } from '../../src/calendar/calendar-store.ts';
import type { PlanArchive } from '../../commands/plan/ledger/archive.ts';
import { startTestApp, tempDir, type SandboxMessageView, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { officeCell, recordsOf } from '../helpers/ledger.ts';

/**
 * Two weeks of 幸福社区's weekly plans replayed through the sandbox HTTP API on its clock. Week 48
 * (11-23 to 11-29): plans posted, a meeting assigns tasks, 刘洋's annual leave for the whole of week
 * 49 is approved. Week 49 (11-30 to 12-06): the Monday prompt with last week's items, results by a
 * quoted reply and by the next private answer, the carry-over, a perfunctory plan answered, a replaced
 * plan, minutes at 14:00, the noon reminder and the deadline summary. Week 50: the office closes on
 * Monday 12-07 and the prompt moves to Tuesday.
 */

let bot: TestApp;

async function at(now: string): Promise<void> {
  const response = await bot.post('/sandbox/api/clock', { now, frozen: true });
  expect(response.status).toBe(200);
  // The clock change ticks the scheduler; this waits for that tick's jobs to commit and their messages to be shown.
  await bot.app.scheduler.tick();
  await bot.delivered();
}

/** Sends a message and returns the bot's answer to it in the same chat. */
async function say(userId: string, text: string, chatId = 'g-work', extra: { replyTo?: string } = {}): Promise<SandboxMessageView> {
  const sent = await bot.say(chatId, userId, text, extra);
  return bot.botReply(chatId, () => true, sent);
}

/** What the bot has committed to a chat (delivered or not) in the hour from `from`, office time, in order. */
async function outbox(chatId: string, from: string): Promise<string[]> {
  const start = new Date(`${from}+08:00`);
  const rows = await bot.app.db.outboxMessage.findMany({
    where: { platformChatId: chatId, createdAt: { gte: start, lt: new Date(start.getTime() + 3_600_000) } },
    orderBy: { id: 'asc' },
  });
  return rows.map((r) => (JSON.parse(r.payload) as { text: string }).text);
}

type Answer = 'zhangW48' | 'liW48' | 'minutesW48' | 'zhangResults' | 'zhangCarried' | 'zhangPost' | 'liResults' | 'chenVague' | 'liVague' | 'liAsk' | 'liReplaced' | 'minutesW49';
const answers = {} as Record<Answer, SandboxMessageView>;
let prompt = {} as Record<'wangfang' | 'liqiang' | 'zhangwei' | 'liuyang' | 'chenjing', string[]>;

beforeAll(async () => {
  bot = await startTestApp({ demo: true, now: '2026-11-23T08:00:00+08:00' });
  // Week 48.
  await at('2026-11-23T09:00:00');
  answers.zhangW48 = await say('zhangwei', '周计划\n1. 走访3栋独居老人\n2. 整理低保台账\n3. 周三网格巡查');
  answers.liW48 = await say('liqiang', '周计划：1. 协调3栋加装电梯意见征询 2. 准备年终考核材料');
  await at('2026-11-23T10:00:00');
  const note = await say('liuyang', '请假 11月30日到12月4日 年休假 回老家');
  const leaveId = Number(/#(\d+)/.exec(note.text)![1]);
  await say('liuyang', '确认');
  await say('wangfang', `同意 #${leaveId}`);
  for (const approver of ['zhaomin', 'sunbo', 'zhoutao']) await say(approver, `同意 #${leaveId}`, `dm:${approver}`);
  await at('2026-11-23T14:00:00');
  answers.minutesW48 = await say(
    'wangfang',
    '例会纪要\n日期：11月23日\n参会：王芳、李强、张伟、刘洋、陈静\n决定：\n1. 下周开展消防安全检查\n任务：\n张伟 周五前 完成低保复核\n陈静 下周三前 整理考勤台账',
  );

  // Week 49: the Monday prompt.
  await at('2026-11-30T08:30:00');
  prompt = Object.fromEntries(await Promise.all(['wangfang', 'liqiang', 'zhangwei', 'liuyang', 'chenjing'].map(async (u) => [u, await outbox(`dm:${u}`, '2026-11-30T08:30:00')]))) as typeof prompt;
  const zhangPrompt = await bot.botReply('dm:zhangwei', (m) => m.includes('新的一周开始了') && m.includes('第49周'));
  await at('2026-11-30T09:00:00');
  answers.zhangResults = await say('zhangwei', '1 完成 2 未完成 3 完成一半 4 完成', 'dm:zhangwei', { replyTo: zhangPrompt.id });
  const carry = answers.zhangResults.buttons!.find((b) => b.label === '转入本周')!;
  const pressed = await bot.post('/sandbox/api/buttons', { messageId: answers.zhangResults.id, userId: 'zhangwei', value: carry.value });
  answers.zhangCarried = await bot.botReply('dm:zhangwei', (m) => m.startsWith('已把'), pressed.body.id);
  // A second press of the same button is the same event: nothing more.
  await bot.post('/sandbox/api/buttons', { messageId: answers.zhangResults.id, userId: 'zhangwei', value: carry.value });
  await at('2026-11-30T09:10:00');
  answers.zhangPost = await say('zhangwei', '周计划：1. 走访5栋独居老人 2. 低保复核材料归档');
  await at('2026-11-30T09:20:00');
  answers.liResults = await say('liqiang', '都完成了', 'dm:liqiang');
  await at('2026-11-30T09:30:00');
  answers.chenVague = await say('chenjing', '周计划\n按时上班\n做好本职工作');
  await at('2026-11-30T10:00:00');
  answers.liVague = await say('liqiang', '周计划\n正常工作');
  answers.liAsk = await say('liqiang', '周计划\n1. 协调5栋加装电梯意见征询\n2. 准备年终考核材料\n3. 周四陪同街道消防检查');
  answers.liReplaced = await say('liqiang', '替换');
  await at('2026-11-30T12:00:00');
  await at('2026-11-30T14:00:00');
  answers.minutesW49 = await say(
    'chenjing',
    '例会纪要\n11月30日例会\n参会：王芳、李强、张伟、陈静\n缺席：刘洋\n决定：本周四开展消防安全检查\n任务：\n张伟 周四前 联系物业检查消防通道\n小王 周五前 整理会议照片',
  );
  await at('2026-11-30T17:00:00');

  // Week 50: the office closes on Monday 12-07 (社区停电): the prompt waits for Tuesday.
  await saveCalendarEntries(bot.app.db, [{ date: '2026-12-07', kind: 'holiday', name: '社区停电' }], 'test');
  await at('2026-12-07T08:30:00');
  await at('2026-12-07T12:00:00');
  await at('2026-12-07T17:00:00');
  await at('2026-12-08T08:30:00');
  await at('2026-12-08T12:00:00');
  await at('2026-12-08T17:00:00');
}, 180_000);

afterAll(async () => {
  await bot?.stop();
});

describe('week 49: the Monday prompt brings last week back', () => {
  it('lists each person\'s items of week 48, meeting tasks included, and asks what was done', () => {
    expect(prompt.zhangwei).toEqual([
      [
        '张伟，新的一周开始了。请在今天 17:00 前发第49周（11月30日—12月6日）的工作计划。',
        '你第48周（11月23日—11月29日）的计划：',
        '1. 走访3栋独居老人',
        '2. 整理低保台账',
        '3. 周三网格巡查',
        '4. 完成低保复核（例会任务、11月27日前）',
        '完成得怎么样？直接回复这条消息，如「1 完成 2 未完成 3 完成一半」，或写几句。',
        '本周计划请发「周计划」，下面一行写一项；写具体些：做什么、在哪儿、哪天。',
      ].join('\n'),
    ]);
    expect(prompt.liqiang[0]).toContain('你第48周（11月23日—11月29日）的计划：\n1. 协调3栋加装电梯意见征询\n2. 准备年终考核材料');
  });

  it('shows a meeting task of this week already in the plan; someone with no plan last week is only asked for this one', () => {
    expect(prompt.chenjing[0]).toContain('本周已经有：\n1. 整理考勤台账（例会任务、12月2日前）');
    expect(prompt.chenjing[0]).not.toContain('完成得怎么样');
    expect(prompt.wangfang).toEqual([
      '王芳，新的一周开始了。请在今天 17:00 前发第49周（11月30日—12月6日）的工作计划。\n本周计划请发「周计划」，下面一行写一项；写具体些：做什么、在哪儿、哪天。',
    ]);
  });

  it('skips 刘洋, on approved annual leave for the whole week', () => {
    expect(prompt.liuyang).toEqual([]);
  });
});

describe('week 49: results, carry-over and posts', () => {
  it('a reply quoting the prompt records the results and offers the unfinished items', () => {
    expect(answers.zhangResults.text).toBe(
      [
        '已记下第48周（11月23日—11月29日）的完成情况：',
        '1. 走访3栋独居老人 —— 完成',
        '2. 整理低保台账 —— 未完成',
        '3. 周三网格巡查 —— 完成一半',
        '4. 完成低保复核（例会任务、11月27日前） —— 完成',
        '',
        '上周还有 2 项没做完：「整理低保台账」（未完成）、「周三网格巡查」（完成一半）。要转入本周计划吗？回复「转入」；不需要就回复「不用」。',
        '',
        '本周计划请发「周计划」，下面一行写一项。',
      ].join('\n'),
    );
    expect(answers.zhangResults.buttons?.map((b) => b.label)).toEqual(['转入本周', '不用']);
  });

  it('转入 carries them into this week once, however often it is pressed', async () => {
    expect(answers.zhangCarried.text).toBe('已把 2 项转入第49周（11月30日—12月6日）的计划：「整理低保台账」、「周三网格巡查」。\n本周计划请发「周计划」，下面一行写一项。');
    const carried = await bot.app.db.planItem.findMany({ where: { source: 'carried' }, orderBy: { id: 'asc' } });
    expect(carried.map((i) => i.text)).toEqual(['整理低保台账', '周三网格巡查']);
  });

  it('the post after it keeps the carried items and adds the new ones', () => {
    expect(answers.zhangPost.text).toBe(
      '@张伟 已收到你第49周（11月30日—12月6日）的工作计划，共 4 项：\n1. 整理低保台账（上周转入）\n2. 周三网格巡查（上周转入）\n3. 走访5栋独居老人\n4. 低保复核材料归档',
    );
  });

  it('the next private answer to the prompt is the results (「都完成了」), with nothing to carry', () => {
    expect(answers.liResults.text).toBe('已记下第48周（11月23日—11月29日）的完成情况：\n1. 协调3栋加装电梯意见征询 —— 完成\n2. 准备年终考核材料 —— 完成\n\n本周计划请发「周计划」，下面一行写一项。');
  });

  it('a perfunctory plan is recorded and answered with a kind request for specifics', () => {
    expect(answers.chenVague.text).toBe(
      [
        '@陈静 已收到你第49周（11月30日—12月6日）的工作计划，共 3 项：',
        '1. 整理考勤台账（例会任务、12月2日前）',
        '2. 按时上班',
        '3. 做好本职工作',
        '',
        '谢谢！这份计划还可以再具体一些：「按时上班」、「做好本职工作」比较笼统。写清做什么、在哪儿、哪天做，比如「周三走访3栋独居老人」「整理低保台账报街道」。想补充就再发一次「周计划」加事项，我会问你替换还是追加。',
      ].join('\n'),
    );
    expect(answers.liVague.text).toContain('只有 1 项；「正常工作」比较笼统');
  });

  it('a second post asks whether to replace or add; 替换, unaddressed in the group, replaces and keeps the history', async () => {
    expect(answers.liAsk.text).toContain('你第49周（11月30日—12月6日）已经发过计划（1 项）：\n1. 正常工作\n这次的 3 项');
    expect(answers.liAsk.buttons?.map((b) => b.label)).toEqual(['替换', '追加']);
    expect(answers.liReplaced.text).toBe('@李强 已替换，第49周（11月30日—12月6日）的计划现在共 3 项：\n1. 协调5栋加装电梯意见征询\n2. 准备年终考核材料\n3. 周四陪同街道消防检查');
    const plan = await bot.app.db.weeklyPlan.findFirstOrThrow({ where: { week: '2026-W49', personId: (await bot.app.db.person.findFirstOrThrow({ where: { name: '李强' } })).id }, include: { items: true, revisions: true } });
    expect(plan.perfunctory).toBe(false);
    expect(plan.items.find((i) => i.text === '正常工作')?.removedAt).toEqual(new Date('2026-11-30T10:00:00+08:00'));
    expect(plan.revisions.filter((r) => r.kind === 'post').map((r) => [r.status, r.mode])).toEqual([
      ['applied', 'first'],
      ['applied', 'replace'],
    ]);
  });
});

describe('week 49: minutes, the reminder and the summary', () => {
  it('minutes put each task into that person\'s plan and tell them; a name that is no colleague is reported', async () => {
    expect(answers.minutesW48.text).toBe(
      '@王芳 已记录11月23日例会纪要：参会 5 人，决定 1 项，分配任务 2 项。\n· 张伟：完成低保复核（11月27日前） → 已加入第48周（11月23日—11月29日）的计划\n· 陈静：整理考勤台账（12月2日前） → 已加入第49周（11月30日—12月6日）的计划',
    );
    expect(answers.minutesW49.text).toContain('· 张伟：联系物业检查消防通道（12月3日前） → 已加入第49周（11月30日—12月6日）的计划');
    expect(answers.minutesW49.text).toContain('· 「小王 周五前 整理会议照片」没有找到负责人');
    expect(await outbox('dm:zhangwei', '2026-11-30T14:00:00')).toContain('11月30日例会给你安排了任务：联系物业检查消防通道（12月3日前）。已加入你第49周（11月30日—12月6日）的工作计划。');
    // The recorder is not told of her own minutes.
    expect((await outbox('dm:chenjing', '2026-11-30T14:00:00')).filter((m) => m.includes('例会给你安排了任务'))).toEqual([]);
  });

  it('the noon reminder goes privately to the one who has not posted, not to someone on leave, never to the group', async () => {
    const noon = async (chat: string) => (await outbox(chat, '2026-11-30T12:00:00')).filter((m) => m.includes('还没收到') || m.includes('还没发的同事'));
    expect(await noon('dm:wangfang')).toEqual(['王芳，第49周（11月30日—12月6日）的工作计划还没收到。请在今天 17:00 前发「周计划」，下面一行写一项就好。']);
    for (const chat of ['dm:liuyang', 'dm:zhangwei', 'dm:liqiang', 'dm:chenjing', 'g-work']) expect(await noon(chat), chat).toEqual([]);
  });

  it('at the deadline the secretary gets one summary: who posted, items per person, carried over, meeting tasks, perfunctory plans', async () => {
    const summaries = (await outbox('dm:wangfang', '2026-11-30T17:00:00')).filter((m) => m.includes('工作计划汇总'));
    expect(summaries).toEqual([
      [
        '幸福社区 第49周（11月30日—12月6日）工作计划汇总',
        '已发 3 人，未发 1 人，请假 1 人',
        '✔ 李强 3 项（修改 1 次）',
        '✔ 张伟 5 项（上周转入 2 项、例会任务 1 项）',
        '✔ 陈静 3 项（例会任务 1 项） ⚠ 较笼统',
        '✘ 未发：王芳',
        '请假：刘洋',
        '上周转入：张伟「整理低保台账」「周三网格巡查」',
        '例会任务：张伟「联系物业检查消防通道」（12月3日前）；陈静「整理考勤台账」（12月2日前）',
        '需要补充具体内容：陈静（「按时上班」、「做好本职工作」比较笼统）',
      ].join('\n'),
    ]);
    expect((await outbox('g-work', '2026-11-30T17:00:00')).filter((m) => m.includes('工作计划汇总'))).toEqual([]);
  });
});

describe('any week, by the person allowed to see it', () => {
  it('the secretary sees a colleague\'s week; staff see their own last week with its results', async () => {
    const zhang = await say('wangfang', '周计划 张伟', 'dm:wangfang');
    expect(zhang.text).toBe('张伟 第50周（12月7日—12月13日）还没有发工作计划。');
    const w49 = await say('wangfang', '周计划 张伟 2026-W49', 'dm:wangfang');
    expect(w49.text).toBe(
      [
        '张伟 第49周（11月30日—12月6日）的工作计划',
        '11月30日 09:10 发布，11月30日 14:00 最后修改',
        '1. 整理低保台账（上周转入）',
        '2. 周三网格巡查（上周转入）',
        '3. 走访5栋独居老人',
        '4. 低保复核材料归档',
        '5. 联系物业检查消防通道（例会任务、12月3日前）',
        '修改记录：11月30日 09:00 上周转入 2 项；11月30日 09:10 发布 2 项；11月30日 14:00 例会任务 1 项',
      ].join('\n'),
    );
    const own = await say('zhangwei', '周计划 第48周', 'dm:zhangwei');
    expect(own.text).toContain('2. 整理低保台账 —— 未完成');
    expect(own.text).toContain('完成情况（11月30日 09:00 填写）：1 完成 2 未完成 3 完成一半 4 完成');
  });

  it('staff may not see a colleague\'s plan; the director sees the community\'s week', async () => {
    expect((await say('liuyang', '周计划 张伟', 'dm:liuyang')).text).toBe('你只能看自己的周计划；书记、副书记或主任可以看同事的和全社区的。');
    expect((await say('liqiang', '周计划 2026-W49', 'dm:liqiang')).text.split('\n')[1]).toBe('已发 3 人，未发 1 人，请假 1 人');
    // A leader naming themselves sees their own week.
    expect((await say('liqiang', '周计划 李强 2026-W49', 'dm:liqiang')).text.split('\n')[0]).toBe('李强 第49周（11月30日—12月6日）的工作计划');
  });
});

describe('week 50: a holiday Monday moves the prompt', () => {
  it('nothing on the closed Monday; the prompt, the noon reminder and the summary day move to Tuesday', async () => {
    const monday = await bot.app.db.outboxMessage.findMany({ where: { createdAt: { gte: new Date('2026-12-07T00:00:00+08:00'), lt: new Date('2026-12-08T00:00:00+08:00') } } });
    expect(monday.map((m) => m.payload).filter((p) => p.includes('周计划') || p.includes('工作计划'))).toEqual([]);
    const tuesday = (await outbox('dm:zhangwei', '2026-12-08T08:30:00')).filter((m) => m.includes('新的一周'));
    expect(tuesday).toHaveLength(1);
    expect(tuesday[0]).toMatch(/^张伟，新的一周开始了。请在今天 17:00 前发第50周（12月7日—12月13日）的工作计划。\n你第49周/);
    // 刘洋 is back from leave: prompted too, with nothing of last week to review.
    const back = (await outbox('dm:liuyang', '2026-12-08T08:30:00')).filter((m) => m.includes('工作计划'));
    expect(back).toEqual([expect.stringMatching(/^刘洋，新的一周开始了。请在今天 17:00 前发第50周/)]);
    expect(back[0]).not.toContain('完成得怎么样');
    expect((await outbox('dm:zhangwei', '2026-12-08T12:00:00')).filter((m) => m.includes('还没收到'))).toEqual([
      '张伟，第50周（12月7日—12月13日）的工作计划还没收到。请在今天 17:00 前发「周计划」，下面一行写一项就好。',
    ]);
    const summary = (await outbox('dm:wangfang', '2026-12-08T17:00:00')).filter((m) => m.includes('工作计划汇总'));
    expect(summary).toEqual([expect.stringMatching(/^幸福社区 第50周（12月7日—12月13日）工作计划汇总\n已发 0 人，未发 5 人/)]);
  });
});

describe('the archive: npx shequ report plans', () => {
  it('--week 2026-W49 --format json: person, week, items, results, carried over, posted at, history', async () => {
    const result = await shequ(['report', 'plans', '--week', '2026-W49', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(result.code, result.stderr).toBe(0);
    const archive = JSON.parse(result.stdout) as PlanArchive;
    expect(archive).toMatchObject({ weeks: ['2026-W49'], from: '2026-11-30', to: '2026-12-06' });
    const byName = Object.fromEntries(archive.plans.map((p) => [p.person, p]));
    expect(archive.plans.map((p) => [p.person, p.status])).toEqual([
      ['王芳', 'missing'],
      ['李强', 'posted'],
      ['张伟', 'posted'],
      ['刘洋', 'leave'],
      ['陈静', 'posted'],
    ]);
    expect(byName['张伟']).toMatchObject({
      community: '幸福社区',
      week: '2026-W49',
      postedAt: '2026-11-30 09:10',
      carriedOver: ['整理低保台账', '周三网格巡查'],
      meetingTasks: [{ text: '联系物业检查消防通道', due: '2026-12-03' }],
      perfunctory: false,
    });
    expect(byName['张伟']!.items.map((i) => [i.no, i.text, i.source])).toEqual([
      [1, '整理低保台账', 'carried'],
      [2, '周三网格巡查', 'carried'],
      [3, '走访5栋独居老人', 'posted'],
      [4, '低保复核材料归档', 'posted'],
      [5, '联系物业检查消防通道', 'meeting'],
    ]);
    expect(byName['李强']!.removed).toEqual([{ text: '正常工作', addedAt: '2026-11-30 10:00', removedAt: '2026-11-30 10:00' }]);
    expect(byName['李强']!.history.map((h) => [h.kind, h.mode, h.items.length])).toEqual([
      ['post', 'first', 1],
      ['post', 'replace', 3],
    ]);
    expect(byName['陈静']).toMatchObject({ perfunctory: true, vagueness: '「按时上班」、「做好本职工作」比较笼统' });
  });

  it('--month 2026-11: week 48 with its results and the minutes of 11-23', async () => {
    const result = await shequ(['report', 'plans', '--month', '2026-11', '--community', '幸福社区', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(result.code, result.stderr).toBe(0);
    const archive = JSON.parse(result.stdout) as PlanArchive;
    expect(archive.weeks).toEqual(['2026-W45', '2026-W46', '2026-W47', '2026-W48']);
    const zhang = archive.plans.find((p) => p.person === '张伟' && p.week === '2026-W48')!;
    expect(zhang.items.map((i) => [i.text, i.result])).toEqual([
      ['走访3栋独居老人', 'done'],
      ['整理低保台账', 'undone'],
      ['周三网格巡查', 'partial'],
      ['完成低保复核', 'done'],
    ]);
    expect(zhang).toMatchObject({ results: '1 完成 2 未完成 3 完成一半 4 完成', resultsAt: '2026-11-30 09:00' });
    expect(archive.meetings).toEqual([
      expect.objectContaining({
        date: '2026-11-23',
        attendees: ['王芳', '李强', '张伟', '刘洋', '陈静'],
        decisions: ['下周开展消防安全检查'],
        tasks: [
          { name: '张伟', text: '完成低保复核', due: '2026-11-27', week: '2026-W48', assigned: true },
          { name: '陈静', text: '整理考勤台账', due: '2026-12-02', week: '2026-W49', assigned: true },
        ],
        recordedBy: '王芳',
      }),
    ]);
  });

  it('--month 2026-12 --format xlsx: 周计划, 计划事项, 修改记录 and 例会纪要', async () => {
    const file = path.join(tempDir(), 'plans.xlsx');
    const result = await shequ(['report', 'plans', '--month', '2026-12', '--format', 'xlsx', '--out', file], { DATABASE_URL: bot.databaseUrl });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain(`已导出 2026-12 的周计划 25 条、例会纪要 1 份：${file}`);
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(file);
    expect(book.worksheets.map((s) => s.name)).toEqual(['周计划', '计划事项', '修改记录', '例会纪要']);
    const rows = (name: string, column = '姓名') => recordsOf(book.getWorksheet(name)!, column);
    expect(rows('周计划').find((r) => r['姓名'] === '张伟' && r['周次'] === '2026-W49')).toMatchObject({
      社区: '幸福社区',
      状态: '已发',
      计划事项: '1. 整理低保台账\n2. 周三网格巡查\n3. 走访5栋独居老人\n4. 低保复核材料归档\n5. 联系物业检查消防通道',
      上周转入: '整理低保台账\n周三网格巡查',
      发布时间: officeCell('2026-11-30 09:10'),
    });
    expect(rows('周计划').find((r) => r['姓名'] === '刘洋' && r['周次'] === '2026-W49')).toMatchObject({ 状态: '请假', 计划事项: '' });
    expect(rows('计划事项')).toContainEqual(expect.objectContaining({ 姓名: '李强', 事项: '正常工作', 被替换时间: officeCell('2026-11-30 10:00') }));
    expect(rows('修改记录').filter((r) => r['姓名'] === '李强').map((r) => r['操作'])).toEqual(['发布', '替换']);
    expect(rows('例会纪要', '日期')).toEqual([
      expect.objectContaining({ 日期: officeCell('2026-11-30'), 缺席: '刘洋', 决定事项: '1. 本周四开展消防安全检查', 任务: '张伟：联系物业检查消防通道（2026-12-03前）\n小王：整理会议照片（2026-12-04前）', 记录人: '陈静' }),
    ]);
  });

  it('refuses a bad period with a clear message', async () => {
    const both = await shequ(['report', 'plans', '--week', '2026-W49', '--month', '2026-12'], { DATABASE_URL: bot.databaseUrl });
    expect([both.code, both.stderr.trim()]).toEqual([1, '请给 --week 或 --month 其中一个 (give either --week YYYY-Www or --month YYYY-MM)']);
    const week = await shequ(['report', 'plans', '--week', '2026-49'], { DATABASE_URL: bot.databaseUrl });
    expect(week.stderr).toContain('--week 应为 YYYY-Www');
  });
});
