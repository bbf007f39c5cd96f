import fs from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AttendanceJson } from '../../commands/attendance/ledger/ledger.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { linesOf, officeCell, recordsOf } from '../helpers/ledger.ts';

/**
 * A replayed week of 幸福社区 through the sandbox HTTP API, clock set by POST /sandbox/api/clock:
 * Sunday 2026-09-20 is a 调休 workday, Friday 09-25 is 中秋 (a statutory holiday).
 */

let bot: TestApp;

async function at(now: string): Promise<void> {
  const response = await bot.post('/sandbox/api/clock', { now, frozen: true });
  expect(response.status).toBe(200);
}

async function say(userId: string, text: string, chatId = 'g-work'): Promise<void> {
  const sent = await bot.say(chatId, userId, text);
  await bot.botReply(chatId, () => true, sent);
}

beforeAll(async () => {
  bot = await startTestApp({ demo: true, now: '2026-09-20T07:00:00+08:00' });
  // Sunday 09-20, a 调休 workday: 张伟 comes, 刘洋 does not.
  await at('2026-09-20T07:58:00');
  await say('zhangwei', '签到');
  await at('2026-09-20T12:59:00');
  await say('zhangwei', '签到');
  // Monday: 张伟 on time to the second, then a second late; 刘洋 late, and leaves 10 minutes early.
  await at('2026-09-21T08:00:00');
  await say('zhangwei', '签到');
  await at('2026-09-21T08:10:00');
  await say('liuyang', '签到');
  await at('2026-09-21T13:00:00');
  await say('liuyang', '签到');
  await at('2026-09-21T13:00:01');
  await say('zhangwei', '签到');
  await at('2026-09-21T16:20:00');
  await say('liuyang', '签退');
  // Tuesday: 张伟 goes out with a status; 刘洋 misses the morning (excused afterwards) and leaves at 14:00 without a word.
  await at('2026-09-22T07:50:00');
  await say('zhangwei', '签到');
  await at('2026-09-22T09:30:00');
  await say('zhangwei', '去向 外出 去街道送材料 10:30回');
  await at('2026-09-22T09:31:00');
  await say('zhangwei', '签退');
  await at('2026-09-22T12:55:00');
  await say('zhangwei', '签到');
  await at('2026-09-22T13:00:00');
  await say('liuyang', '签到');
  await at('2026-09-22T14:00:00');
  await say('liuyang', '签退');
  await say('chenjing', '补记 刘洋 上午 区里开会');
  await at('2026-09-22T17:00:00');
  // Wednesday and Thursday: both on time.
  for (const date of ['2026-09-23', '2026-09-24']) {
    await at(`${date}T07:55:00`);
    await say('zhangwei', '签到');
    await say('liuyang', '签到');
    await at(`${date}T12:55:00`);
    await say('zhangwei', '签到');
    await say('liuyang', '签到');
  }
  // Friday: 中秋. The check-in is answered and not recorded.
  await at('2026-09-25T08:00:00');
  await say('zhangwei', '签到');
  await say('wangfang', '考勤评分 张伟 18 9月', 'dm:wangfang');
}, 120_000);

afterAll(async () => {
  await bot?.stop();
});

describe('a replayed week with a 调休 Sunday and a holiday', () => {
  it('the secretary got the daily summary privately at 17:00 on Tuesday', async () => {
    const summary = await bot.botReply('dm:wangfang', (text) => text.startsWith('幸福社区 2026-09-22 考勤日报'));
    const lines = summary.text.split('\n');
    expect(lines).toContain('脱岗：刘洋（下午 150 分钟）');
    expect(lines).toContain('外出/走访：张伟（上午）');
    expect(lines).toContain('已补记：刘洋（上午，区里开会）');
    expect(lines.find((l) => l.startsWith('旷工：'))).toBe('旷工：王芳（上午）、王芳（下午）、李强（上午）、李强（下午）、陈静（上午）、陈静（下午）');
  });

  it('the holiday check-in was answered kindly and not recorded', async () => {
    await bot.botReply('g-work', (text) => text === '@张伟 今天是中秋假期，不用签到，节日快乐！');
    expect(await bot.app.db.checkIn.count({ where: { officeDate: '2026-09-25' } })).toBe(0);
  });

  it('the JSON report classifies the week as the regulation defines it', async () => {
    const result = await shequ(['report', 'attendance', '--month', '2026-09', '--community', '幸福社区', '--format', 'json', '--now', '2026-09-27T12:00:00'], {
      DATABASE_URL: bot.databaseUrl,
    });
    expect(result.code, result.stderr).toBe(0);
    const report = JSON.parse(result.stdout) as AttendanceJson;
    expect(report.people.map((p) => p.name)).toEqual(['王芳', '李强', '张伟', '刘洋', '陈静']);
    const week = (name: string) =>
      report.people
        .find((p) => p.name === name)!
        .days.filter((d) => d.date >= '2026-09-20' && d.date <= '2026-09-25')
        .map((d) => [d.date, d.kind, ...d.sessions.map((s) => s.status + (s.minutesLate ? `+${s.minutesLate}` : '') + (s.minutesEarly ? `-${s.minutesEarly}` : ''))]);
    expect(week('张伟')).toEqual([
      ['2026-09-20', 'makeup_workday', 'normal', 'normal'],
      ['2026-09-21', 'workday', 'normal', 'late+1'],
      ['2026-09-22', 'workday', 'out', 'normal'],
      ['2026-09-23', 'workday', 'normal', 'normal'],
      ['2026-09-24', 'workday', 'normal', 'normal'],
      ['2026-09-25', 'holiday', 'holiday', 'holiday'],
    ]);
    expect(week('刘洋')).toEqual([
      ['2026-09-20', 'makeup_workday', 'absent', 'absent'],
      ['2026-09-21', 'workday', 'late+10', 'early-10'],
      ['2026-09-22', 'workday', 'excused', 'off_post-150'],
      ['2026-09-23', 'workday', 'normal', 'normal'],
      ['2026-09-24', 'workday', 'normal', 'normal'],
      ['2026-09-25', 'holiday', 'holiday', 'holiday'],
    ]);
    const zhang = report.people.find((p) => p.name === '张伟')!;
    const excused = report.people.find((p) => p.name === '刘洋')!.days.find((d) => d.date === '2026-09-22')!.sessions[0]!;
    expect(excused.exception).toBe('区里开会');
    expect(zhang.days.find((d) => d.date === '2026-09-22')!.sessions[0]).toMatchObject({ checkIn: '07:50:00', checkOut: '09:31:00', whereabouts: 'out' });
    // September 2026: 22 workdays (09-20 worked, 09-25 off); nothing before the 20th; 28-30 still to come.
    expect(zhang.totals).toMatchObject({ workdays: 22, sessions: 44, normal: 8, late: 1, out: 1, absent: 28, pending: 6 });
    expect(zhang.fullAttendance).toBe(false);
    expect(zhang.score).toEqual({ rulePoints: 0, deductions: 141, discretionary: 18, total: 18 });
  });

  it('the XLSX export opens with 汇总, 明细 and 说明', async () => {
    const file = path.join(tempDir(), 'attendance.xlsx');
    const result = await shequ(['report', 'attendance', '--month', '2026-09', '--format', 'xlsx', '--out', file, '--now', '2026-09-27T12:00:00'], {
      DATABASE_URL: bot.databaseUrl,
    });
    expect(result.code, result.stderr).toBe(0);
    expect(result.stderr).toContain('已导出 5 人的 2026-09 考勤');
    expect(fs.statSync(file).size).toBeGreaterThan(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(file);
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['汇总', '明细', '说明']);
    const summary = workbook.getWorksheet('汇总')!;
    // The title block the street office files it under, made at --now (office time), with room to sign.
    expect([1, 2, 3].map((n) => summary.getRow(n).getCell(1).value)).toEqual([
      '月度考勤表',
      '社区：全部社区　　月份：2026-09　　制表日期：2026-09-27',
      expect.stringMatching(/^制表人：\s+审核人：\s+$/),
    ]);
    const rowOf = (name: string) => recordsOf(summary, '姓名').find((r) => r['姓名'] === name);
    expect(rowOf('张伟')).toMatchObject({ 社区: '幸福社区', 作息: '办公时间', 应出勤天数: 22, 迟到: 1, 旷工: 28, '外出/走访': 1, 全勤: '否', 书记评分: 18, 总分: 18 });
    expect(rowOf('刘洋')).toMatchObject({ 早退: 1, 脱岗: 1, 已补记: 1, 书记评分: 20 });
    const detail = workbook.getWorksheet('明细')!;
    const rows = linesOf(detail, '姓名');
    expect(rows).toHaveLength(5 * 30 * 2);
    expect(rows).toContainEqual(['刘洋', '幸福社区', officeCell('2026-09-22'), '工作日', '下午', '脱岗', officeCell('13:00:00'), officeCell('14:00:00'), '', 150, '', '', '', '']);
    expect(rows).toContainEqual(['张伟', '幸福社区', officeCell('2026-09-20'), '调休上班（国庆节）', '上午', '正常', officeCell('07:58:00'), '', '', '', '', '', '', '']);
    expect(rows).toContainEqual(['张伟', '幸福社区', officeCell('2026-09-25'), '节假日（中秋）', '上午', '节假日', '', '', '', '', '', '', '', '']);
  });
});
