import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { linesOf, officeCell, recordsOf } from '../helpers/ledger.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

describe('shequ report leave', () => {
  it('exports every note of the month with its chain, step times, outcome and 销假, as JSON and XLSX', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00' });
    await bot.say('g-work', 'zhangwei', '请假 今天下午2点到4点 外出 去街道开会');
    await bot.say('g-work', 'zhangwei', '确认');
    bot.clock.set(new Date('2026-11-23T09:20:00+08:00'), { frozen: true });
    await bot.say('g-work', 'wangfang', '同意 #1 早去早回');
    bot.clock.set(new Date('2026-11-23T16:05:00+08:00'), { frozen: true });
    await bot.say('g-work', 'zhangwei', '销假');
    await bot.say('g-work', 'liuyang', '请假 明天上午 病假 看病 区医院');
    await bot.say('g-work', 'liuyang', '确认');
    await bot.say('g-work', 'wangfang', '驳回 #2 人手不够');
    // A draft never filed is not in the register.
    await bot.say('g-work', 'liuyang', '请假 明天下午 病假 看病 区医院');
    await bot.app.delivery.drain();

    const json = await shequ(['report', 'leave', '--month', '2026-11', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(json.code, json.stderr).toBe(0);
    const rows = JSON.parse(json.stdout);
    expect(rows).toHaveLength(2);
    expect(rows[0]).toMatchObject({
      id: 1,
      person: '张伟',
      type: '外出',
      start: '2026-11-23 14:00',
      end: '2026-11-23 16:00',
      workDays: 0.29,
      status: 'approved',
      outcome: '已批准',
      submittedAt: '2026-11-23 09:00',
      decidedAt: '2026-11-23 09:20',
      returnedAt: '2026-11-23 16:05',
      chain: [{ step: 1, role: '书记', approver: '王芳', status: 'approved', activatedAt: '2026-11-23 09:00', actedAt: '2026-11-23 09:20', comment: '早去早回' }],
    });
    expect(rows[1]).toMatchObject({ id: 2, person: '刘洋', status: 'rejected', chain: [{ status: 'rejected', comment: '人手不够' }, { role: '社区建设科', status: 'waiting' }] });

    const out = path.join(tempDir(), 'leave.xlsx');
    const xlsx = await shequ(['report', 'leave', '--month', '2026-11', '--format', 'xlsx', '--out', out], { DATABASE_URL: bot.databaseUrl });
    expect(xlsx.code, xlsx.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const notes = recordsOf(book.getWorksheet('请销假登记')!, '编号');
    expect(notes).toHaveLength(2);
    expect(notes[0]!['审批过程']).toBe('书记王芳 同意 2026-11-23 09:20（早去早回）');
    expect(notes[0]!['销假时间']).toEqual(officeCell('2026-11-23 16:05'));
    expect(linesOf(book.getWorksheet('审批步骤')!, '步骤')).toHaveLength(3);

    const empty = await shequ(['report', 'leave', '--month', '2026-10', '--format', 'json'], { DATABASE_URL: bot.databaseUrl });
    expect(JSON.parse(empty.stdout)).toEqual([]);
    const bad = await shequ(['report', 'leave', '--month', '2026-13'], { DATABASE_URL: bot.databaseUrl });
    expect([bad.code, bad.stderr.trim()]).toEqual([1, '--month 应为 YYYY-MM (must be YYYY-MM): 2026-13']);
  });
});
