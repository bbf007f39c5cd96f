import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, sandboxEnabled } from '../../src/config/env.ts';
import { defaultPolicy, loadPolicy } from '../../src/config/policy.ts';
import { tempDir } from '../helpers/app.ts';
import { ROOT } from '../helpers/cli.ts';

describe('environment settings', () => {
  it('has working defaults for everything', () => {
    const env = loadEnv({});
    expect(env).toMatchObject({ DATABASE_URL: 'file:./data/shequ.db', PORT: 3000, HOST: '127.0.0.1', LOCALE: 'zh-CN', SANDBOX: 'auto' });
    expect(sandboxEnabled(env)).toBe(true);
  });

  it('takes a SQLite file: URL or a PostgreSQL URL for the database', () => {
    for (const url of ['file:/srv/shequ/office.db', 'postgresql://shequ@db.example:5432/shequ', 'postgres://shequ:pw@127.0.0.1/shequ']) {
      expect(loadEnv({ DATABASE_URL: url }).DATABASE_URL).toBe(url);
    }
  });

  it('names every invalid setting and its rule, never its value', () => {
    const secrets = { TELEGRAM_BOT_TOKEN: 'SecretToken-4711', DATABASE_URL: 'mysql://shequ:pa55word-4711@db.example/shequ', LARK_APP_SECRET: 'LarkSecret-4711', LARK_DOMAIN: 'lark-4711.example' };
    const error = (() => {
      try {
        loadEnv({ PORT: 'abc', LOCALE: 'fr', ...secrets });
      } catch (caught) {
        return caught as Error;
      }
      throw new Error('the settings were accepted');
    })();
    expect(error).toBeInstanceOf(ConfigError);
    expect(error.message.split('\n').slice(1).sort()).toEqual([
      '  DATABASE_URL: must be a SQLite file: URL such as file:./data/shequ.db or a PostgreSQL URL such as postgresql://shequ@127.0.0.1:5432/shequ',
      '  LARK_DOMAIN: Invalid URL',
      '  LOCALE: Invalid option: expected one of "zh-CN"|"en"',
      '  PORT: Invalid input: expected number, received NaN',
      '  TELEGRAM_BOT_TOKEN: must be the token BotFather gave, such as 123456:ABC-def',
    ]);
    expect(error.message).not.toMatch(/4711|abc|fr"/);
  });

  it('documents every setting in .env.example', () => {
    const documented = fs.readFileSync(path.join(ROOT, '.env.example'), 'utf8').match(/^[A-Z_]+(?==)/gm) ?? [];
    const read = Object.keys((loadEnv({}) as object) ?? {});
    for (const key of read) expect(documented).toContain(key);
  });
});

describe('office policy file', () => {
  it('defaults to the street office regulation', () => {
    const policy = defaultPolicy();
    expect(policy.timezone).toBe('Asia/Shanghai');
    expect(policy.sessions.map((s) => `${s.start}-${s.end}`)).toEqual(['08:00-11:30', '13:00-16:30']);
  });

  it('policy.example.yaml is valid and shows the defaults', () => {
    expect(loadPolicy(path.join(ROOT, 'policy.example.yaml'))).toEqual(defaultPolicy());
  });

  it('reads YAML or JSON and names a bad field by its path', () => {
    const dir = tempDir();
    const json = path.join(dir, 'policy.json');
    fs.writeFileSync(json, JSON.stringify({ checkIn: { graceMinutes: 5 } }));
    expect(loadPolicy(json).checkIn.graceMinutes).toBe(5);

    const bad = path.join(dir, 'policy.yaml');
    fs.writeFileSync(bad, YAML.stringify({ timezone: 'Mars/Olympus', sessions: [{ id: 'am', name: '上午', start: '8点', end: '11:30' }] }));
    expect(() => loadPolicy(bad)).toThrow(/timezone: must be an IANA time zone[\s\S]*sessions\.0\.start: must be a time HH:MM/);

    const overlap = path.join(dir, 'overlap.yaml');
    fs.writeFileSync(overlap, YAML.stringify({ sessions: [{ id: 'am', name: '上午', start: '08:00', end: '12:00' }, { id: 'pm', name: '下午', start: '11:00', end: '16:00' }] }));
    expect(() => loadPolicy(overlap)).toThrow(/session pm overlaps am/);
    expect(() => loadPolicy(path.join(dir, 'missing.yaml'))).toThrow(ConfigError);
  });
});
