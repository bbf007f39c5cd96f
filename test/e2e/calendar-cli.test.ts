import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT, shequ } from '../helpers/cli.ts';
import { freshDatabaseUrl } from '../helpers/database.ts';

describe('shequ calendar', () => {
  it('shows a month with kind, name and source, warns about an unknown year, loads the 2027 file and takes corrections', async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl('cal') };
    const october = await shequ(['calendar', '2026-10'], env);
    expect(october.code, october.stderr).toBe(0);
    expect(october.stdout).not.toContain('尚未录入');
    expect(october.stdout).toContain('2026-10-01\t周四\t节假日\t国庆节\t国家日历(chinese-days)');
    expect(october.stdout).toContain('2026-10-10\t周六\t调休上班\t国庆节\t国家日历(chinese-days)');
    expect(october.stdout).toContain('2026-10-11\t周日\t休息日\t\t周末规则');

    const before = await shequ(['calendar', '2027-02'], env);
    expect(before.stdout).toContain('注意：2027 年的国家法定节假日尚未录入');
    expect(before.stdout).toContain('2027-02-08\t周一\t工作日');

    const loaded = await shequ(['calendar', 'load', path.join(ROOT, 'calendar/2027.example.yaml')], env);
    expect(loaded.code, loaded.stderr).toBe(0);
    expect(loaded.stdout).toMatch(/^已载入 \d+ 天/);
    const after = await shequ(['calendar', '2027-02'], env);
    expect(after.stdout).not.toContain('尚未录入');
    expect(after.stdout).toContain('2027-02-08\t周一\t节假日\t春节\t本办公室录入');
    expect(after.stdout).toContain('2027-02-14\t周日\t调休上班\t春节\t本办公室录入');

    expect((await shequ(['calendar', 'set', '2026-11-23', '休', '社区停电'], env)).stdout).toContain('已设置 2026-11-23：放假（社区停电）');
    expect((await shequ(['calendar', '2026-11'], env)).stdout).toContain('2026-11-23\t周一\t节假日\t社区停电\t本办公室录入');
    expect((await shequ(['calendar', 'clear', '2026-11-23'], env)).stdout).toContain('已清除 2026-11-23');
    expect((await shequ(['calendar', '2026-11'], env)).stdout).toContain('2026-11-23\t周一\t工作日\t\t周末规则');
  }, 120_000); // ten CLI processes, each starting tsx and opening the database

  it('explains bad input', async () => {
    const env = { DATABASE_URL: await freshDatabaseUrl('cal') };
    const bad = await shequ(['calendar', 'set', '2026-11-31', '休', 'x'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('用法');
    const file = await shequ(['calendar', 'load', '/nonexistent.yaml'], env);
    expect(file.stderr).toContain('找不到文件');
  });
});
