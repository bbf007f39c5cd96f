import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { tempDir, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { headerOf, linesOf, officeCell } from '../helpers/ledger.ts';
import { moveTo, startIncidentOffice } from './office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});


/** December 2026: a fire taken in 3 and reached in 12 minutes, closed and rated; a dispute taken in 20; a repeat merged. */
async function month(t: TestApp): Promise<void> {
  await moveTo(t, '2026-12-10T09:00:00');
  await t.say('g-work', 'liuyang', '上报 3号楼2单元楼道冒烟');
  await moveTo(t, '2026-12-10T09:01:00');
  await t.say('g-residents', 'qiandaye', '上报 3号楼有烟味');
  await moveTo(t, '2026-12-10T09:03:00');
  await t.say('g-emergency', 'zhangwei', '受理 #1');
  await t.say('g-emergency', 'zhangwei', '并案 #2 #1');
  await moveTo(t, '2026-12-10T09:05:00');
  await t.say('g-work', 'liuyang', '#1 续报 已疏散10人');
  await moveTo(t, '2026-12-10T09:12:00');
  await t.say('g-emergency', 'zhangwei', '到场 #1');
  await moveTo(t, '2026-12-10T10:00:00');
  await t.say('g-emergency', 'zhangwei', '办结 #1 电动车电池起火，已扑灭，无人受伤');
  await moveTo(t, '2026-12-10T10:30:00');
  await t.say('g-work', 'liuyang', '满意');
  await moveTo(t, '2026-12-20T14:00:00');
  await t.say('g-residents', 'qiandaye', '上报 邻里纠纷 5栋302和402 漏水吵起来了');
  await moveTo(t, '2026-12-20T14:20:00');
  await t.say('g-emergency', 'liuyang', '受理 #3');
  // November and January cases are not December's.
  await moveTo(t, '2026-11-30T23:59:00');
  await t.say('g-work', 'liuyang', '上报 东门路灯坏了');
  await moveTo(t, '2027-01-01T00:00:00');
  await t.say('g-work', 'liuyang', '上报 西门路灯坏了');
  await t.app.delivery.drain();
}

describe('the incident ledger', () => {
  it('shequ report incidents: JSON and XLSX with times, minutes, who, follow-ups, outcome and rating; a summary sheet per class', async () => {
    bot = await startIncidentOffice('2026-12-10T09:00:00+08:00');
    await month(bot);
    const json = await shequ(['report', 'incidents', '--month', '2026-12', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(json.code, json.stderr).toBe(0);
    const ledger = JSON.parse(json.stdout);
    expect(ledger.rows.map((r: { id: number }) => r.id)).toEqual([1, 2, 3]);
    expect(ledger.rows[0]).toMatchObject({
      className: '事故灾难', type: '火灾', level: '较大', status: '已归档', reporter: '刘洋',
      reportedAt: '2026-12-10 09:00', takenAt: '2026-12-10 09:03', onSiteAt: '2026-12-10 09:12', closedAt: '2026-12-10 10:00', visitedAt: '2026-12-10 10:30',
      minutesToTake: 3, minutesToReach: 12, minutesToClose: 60, minutesToVisit: 30,
      takenBy: '张伟', onSiteBy: '张伟', closedBy: '张伟', outcome: '电动车电池起火，已扑灭，无人受伤', rating: '满意', merged: [2],
    });
    expect(ledger.rows[0].followUps.map((f: { text: string }) => f.text)).toEqual(['并入 #2（09:01 上报）：3号楼有烟味', '已疏散10人']);
    expect(ledger.rows[1]).toMatchObject({ status: '已并案', mergedInto: 1, outcome: '并入 #1', reporterPhone: '13912345678' });
    expect(ledger.rows[2]).toMatchObject({ type: '邻里纠纷', minutesToTake: 20, minutesToReach: null });
    const accident = ledger.summary.classes.find((c: { className: string }) => c.className === '事故灾难');
    expect(accident).toMatchObject({ count: 1, closed: 1, satisfied: 1, takeMedian: 3, takeWorst: 3, reachMedian: 12, reachWorst: 12 });
    expect(ledger.summary.classes.find((c: { className: string }) => c.className === '社会安全事件')).toMatchObject({ count: 1, takeMedian: 20, reachMedian: null });
    expect(ledger.summary.total).toMatchObject({ count: 2, takeMedian: 11.5, takeWorst: 20 });

    const out = path.join(tempDir(), '事件.xlsx');
    const xlsx = await shequ(['report', 'incidents', '--month', '2026-12', '--format', 'xlsx', '--out', out], { DATABASE_URL: bot.databaseUrl });
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    expect(book.worksheets.map((s) => s.name)).toEqual(['事件台账', '分类汇总']);
    const cases = book.getWorksheet('事件台账')!;
    const header = headerOf(cases, '编号');
    expect(header).toEqual(expect.arrayContaining(['上报时间', '受理时间', '到场时间', '办结时间', '回访时间', '受理用时(分)', '到场用时(分)', '续报', '处理结果', '评价']));
    const row = linesOf(cases, '编号')[0];
    expect(row).toEqual(expect.arrayContaining([1, '火灾', '较大', officeCell('2026-12-10 09:03'), 3, 12, '满意', '张伟']));
    const summary = book.getWorksheet('分类汇总')!;
    const lines = linesOf(summary, '类别');
    expect(lines.map((l) => l[0])).toEqual(['自然灾害', '事故灾难', '公共卫生事件', '社会安全事件', '合计']);
    expect(lines[1]).toEqual(['事故灾难', 1, 1, 1, 0, 3, 3, 12, 12]);
  });

  it('「事件 本月」 in chat, and the monthly numbers to the street office on the first of the month', async () => {
    bot = await startIncidentOffice('2026-12-10T09:00:00+08:00');
    await month(bot);
    await moveTo(bot, '2026-12-28T09:00:00');
    const asked = await bot.say('g-work', 'wangfang', '事件 本月');
    const answer = await bot.botReply('g-work', (m) => m.startsWith('@王芳 幸福社区 2026-12 突发事件'), asked);
    expect(answer.text).toBe(
      '@王芳 幸福社区 2026-12 突发事件：共 2 件，办结 1 件\n' +
        '事故灾难 1 件：受理用时中位 3 分钟、最长 3 分钟；到场中位 12 分钟、最长 12 分钟\n' +
        '社会安全事件 1 件：受理用时中位 20 分钟、最长 20 分钟；到场中位 — 分钟、最长 — 分钟',
    );
    bot.clock.set(new Date('2027-01-01T09:00:00+08:00'), { frozen: true });
    await bot.app.scheduler.tick();
    await bot.app.delivery.drain();
    for (const chat of ['dm:zhaomin', 'dm:huanglei']) {
      const report = await bot.botReply(chat, (m) => m.startsWith('【2026-12 突发事件月报 · 幸福街道】'));
      expect(report.text).toContain('幸福社区：共 2 件，办结 1 件，满意 1 件，不满意 0 件');
      expect(report.text).toContain('npx shequ report incidents --month 2026-12 --format xlsx');
    }
  });
});
