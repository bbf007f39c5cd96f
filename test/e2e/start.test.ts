import { spawn } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/app.ts';
import { ROOT } from '../helpers/cli.ts';
import { freshPostgresUrl, onPostgres } from '../helpers/database.ts';

const TSX = path.join(ROOT, 'node_modules/tsx/dist/cli.mjs');

/** Runs `bin/start.ts` as `npm start` does, until it prints `until` or exits. */
function startBot(env: Record<string, string>, until: RegExp): Promise<{ stdout: string; stderr: string; code: number | null; stop: () => Promise<number | null> }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [TSX, 'bin/start.ts'], { cwd: ROOT, env: { ...process.env, LOG_LEVEL: 'warn', ...env } });
    let stdout = '';
    let stderr = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const stop = async () => {
      child.kill('SIGTERM');
      return exited;
    };
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`bot did not print ${until}: ${stdout}${stderr}`));
    }, 30_000);
    child.stdout.on('data', (chunk: Buffer) => {
      stdout += chunk;
      if (until.test(stdout)) {
        clearTimeout(timer);
        resolve({ stdout, stderr, code: null, stop });
      }
    });
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk));
    void exited.then((code) => {
      clearTimeout(timer);
      resolve({ stdout, stderr, code, stop });
    });
  });
}

describe('npm start', () => {
  it('creates and migrates the database, loads the demo, serves the sandbox and prints its address', async () => {
    // On SQLite the file's folder does not exist yet.
    const databaseUrl = onPostgres ? await freshPostgresUrl('empty') : `file:${path.join(tempDir(), 'data', 'shequ.db')}`;
    const bot = await startBot({ DATABASE_URL: databaseUrl, PORT: '0' }, /沙盒聊天 \(sandbox chat\): (\S+)/);
    const url = /沙盒聊天 \(sandbox chat\): (\S+)/.exec(bot.stdout)![1]!;
    const page = await fetch(url);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('社区助手 · 沙盒');
    const users = (await (await fetch(url.replace('/sandbox', '/sandbox/api/users'))).json()) as { users: { name: string }[] };
    expect(users.users.map((u) => u.name)).toContain('王芳');
    expect(await bot.stop()).toBe(0);
  });

  it('stops with a message naming a bad setting', async () => {
    const bot = await startBot({ PORT: 'seventy', DATABASE_URL: `file:${path.join(tempDir(), 'x.db')}` }, /never/);
    expect(bot.code).toBe(1);
    expect(bot.stderr).toContain('\n  PORT: Invalid input: expected number');
    expect(bot.stderr).not.toContain('seventy');
  });

  it('stops with a message naming a bad field of the office policy', async () => {
    const dir = tempDir();
    const policy = path.join(dir, 'policy.json');
    (await import('node:fs')).writeFileSync(policy, JSON.stringify({ checkIn: { graceMinutes: 'five' } }));
    const bot = await startBot({ OFFICE_POLICY_FILE: policy, DATABASE_URL: `file:${path.join(dir, 'x.db')}` }, /never/);
    expect(bot.code).toBe(1);
    expect(bot.stderr).toContain('checkIn.graceMinutes');
  });
});
