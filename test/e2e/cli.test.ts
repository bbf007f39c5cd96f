import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';
import { createDb } from '../../src/db/client.ts';
import { freshDatabaseUrl } from '../helpers/database.ts';

describe('shequ parse', () => {
  it('prints the command and typed arguments for a role at a time, without a database', async () => {
    const databaseUrl = `file:${path.join(tempDir(), 'never.db')}`;
    const result = await shequ(['parse', '--as', '社工', '--now', '2026-11-23T08:00:01', '＠社区助手　签到'], { DATABASE_URL: databaseUrl });
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({
      command: 'checkin',
      args: {
        at: '2026-11-23T00:00:01.000Z',
        officeDate: '2026-11-23',
        session: 'am',
        sessionName: '上午',
        status: 'late',
        minutesOff: 1,
        sessionEnd: '11:30',
      },
    });
    expect(fs.existsSync(databaseUrl.slice('file:'.length))).toBe(false);
  });

  it('prints the answer the bot would give for a refusal, a missing field, an unknown word or talk', async () => {
    const refused = await shequ(['parse', '--as', '居民', '签到'], {});
    expect(JSON.parse(refused.stdout)).toEqual({ command: 'checkin', error: '「签到」只有书记、副书记、主任、社工或考勤员可以使用。' });
    const missing = await shequ(['parse', '--now', '2026-11-23T09:00', '--as', '社工', '明天请假，病假'], {});
    expect(JSON.parse(missing.stdout)).toEqual({
      command: 'leave-request',
      prompt: '请假事由是什么？例如「去区医院体检」。',
      args: { start: '2026-11-24T00:00:00.000Z', end: '2026-11-24T08:30:00.000Z', type: '病假' },
    });
    const unknown = await shequ(['parse', '--as', 'staff', '--addressed', '签个到'], {});
    expect(JSON.parse(unknown.stdout).error).toContain('你是不是想用：签到');
    const talk = await shequ(['parse', '--as', 'staff', '签到了吗'], {});
    expect(JSON.parse(talk.stdout)).toEqual({ ignored: true });
    const quoted = await shequ(['parse', '--as', '书记', '--quote', 'leave:3:0', '同意 路上注意安全'], {});
    expect(JSON.parse(quoted.stdout)).toEqual({ command: 'approve', args: { kind: 'leave', id: 3, comment: '路上注意安全' } });
  });

  it('explains a bad option', async () => {
    const result = await shequ(['parse', '--as', '组长', '签到'], {});
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('未知角色 (unknown role): 组长');
    const badTime = await shequ(['parse', '--now', 'tomorrow', '签到'], {});
    expect(badTime.stderr).toContain('--now 不是有效时间');
  });
});

describe('shequ import-roster and bind-code', () => {
  it('reports a bad row with its number, exits 1 and keeps nothing', async () => {
    const dir = tempDir();
    const databaseUrl = await freshDatabaseUrl();
    const file = path.join(dir, 'bad.csv');
    fs.writeFileSync(file, '姓名,角色,社区\n王芳,书记,幸福社区\n张伟,组长,幸福社区\n');
    const result = await shequ(['import-roster', file], { DATABASE_URL: databaseUrl });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('第 3 行：角色「组长」无法识别');
    const bind = await shequ(['bind-code', '王芳'], { DATABASE_URL: databaseUrl });
    expect(bind.code).toBe(1);
    expect(bind.stderr).toContain('花名册里没有叫「王芳」的人');
  });

  it('prints a dry run and writes nothing; stops for a community moved to another street until --yes', async () => {
    const dir = tempDir();
    const databaseUrl = await freshDatabaseUrl();
    const roster = path.join(dir, 'roster.csv');
    fs.writeFileSync(roster, '姓名,角色,社区,街道,手机\n王芳,书记,幸福社区,幸福街道,13800000001\n张伟,社工,幸福社区,幸福街道,13800000002\n');
    const dry = await shequ(['import-roster', roster, '--dry-run'], { DATABASE_URL: databaseUrl });
    expect(dry.code, dry.stderr).toBe(0);
    expect(dry.stdout).toContain('第 2 行：新增 王芳（幸福社区，书记，手机 13800000001）');
    expect(dry.stdout).toContain('试运行 (dry run)：新增 2 人，更新 0 人，未变 0 人；其中需确认的变更 0 项。未写入任何数据 (nothing written)。');
    const db = createDb(databaseUrl);
    try {
      expect(await db.person.count()).toBe(0);
      expect((await shequ(['import-roster', roster], { DATABASE_URL: databaseUrl })).stdout).toContain('新增 2 人');

      const moved = path.join(dir, 'moved.csv');
      fs.writeFileSync(moved, '姓名,角色,社区,街道,手机\n王芳,书记,幸福社区,和平街道,13800000001\n');
      const stopped = await shequ(['import-roster', moved], { DATABASE_URL: databaseUrl });
      expect(stopped.code).toBe(1);
      expect(stopped.stderr).toContain('以下 1 项变更需要确认，未导入任何数据');
      expect(stopped.stderr).toContain('第 2 行：幸福社区将从幸福街道划到和平街道（社区现有 2 人）');
      expect((await db.community.findFirstOrThrow({ include: { street: true } })).street?.name).toBe('幸福街道');
      const confirmed = await shequ(['import-roster', moved, '--yes'], { DATABASE_URL: databaseUrl });
      expect(confirmed.stdout).toContain('已确认 (confirmed) 第 2 行：幸福社区将从幸福街道划到和平街道');
      expect((await db.community.findFirstOrThrow({ include: { street: true } })).street?.name).toBe('和平街道');
      expect(await db.rosterChange.findMany({ where: { personId: null }, select: { subject: true, field: true, from: true, to: true, sourceFile: true, confirmed: true } })).toEqual([
        { subject: '幸福社区', field: 'street', from: '幸福街道', to: '和平街道', sourceFile: 'moved.csv', confirmed: true },
      ]);
    } finally {
      await db.$disconnect();
    }
  });

  it('stops a sheet that gives one number to two rows, naming both', async () => {
    const file = path.join(tempDir(), 'twice.csv');
    fs.writeFileSync(file, '姓名,角色,社区,手机\n王芳,书记,幸福社区,13800000001\n张伟,社工,幸福社区,+86 138 0000 0001\n');
    const result = await shequ(['import-roster', file], { DATABASE_URL: await freshDatabaseUrl() });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('第 3 行：手机 +86 138 0000 0001 与第 2 行相同；一个手机号只能登记给一个人');
  });

  it('asks for --community when a name is not unique', async () => {
    const dir = tempDir();
    const databaseUrl = await freshDatabaseUrl();
    const file = path.join(dir, 'roster.csv');
    fs.writeFileSync(file, '姓名,角色,社区\n张伟,社工,幸福社区\n张伟,社工,和平社区\n');
    expect((await shequ(['import-roster', file], { DATABASE_URL: databaseUrl })).code).toBe(0);
    const ambiguous = await shequ(['bind-code', '张伟'], { DATABASE_URL: databaseUrl });
    expect(ambiguous.stderr).toContain('有 2 个人叫「张伟」（幸福社区、和平社区），请用 --community 指明社区。');
    const issued = await shequ(['bind-code', '张伟', '--community', '和平社区', '--json'], { DATABASE_URL: databaseUrl });
    expect(JSON.parse(issued.stdout)).toMatchObject({ code: expect.stringMatching(/^\d{8}$/), person: { name: '张伟', community: '和平社区' } });
  });
});
