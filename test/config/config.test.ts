import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadEnv, sandboxEnabled } from '../../src/config/env.ts';
import { defaultPolicy, loadPolicy, parsePolicy } from '../../commands/index.ts';
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

describe('office policy: what the roles and steps mean', () => {
  /** The lines of the error the policy gets, without the header. */
  function problems(raw: unknown): string[] {
    try {
      parsePolicy(raw);
    } catch (error) {
      expect(error).toBeInstanceOf(ConfigError);
      return (error as Error).message.split('\n').slice(1).map((line) => line.trim());
    }
    throw new Error('the policy was accepted');
  }

  it('an approval step, or a deputy standing in, must be a role that can approve', () => {
    expect(
      problems({
        leave: {
          chain: [{ role: 'secretary' }, { role: 'resident', over: '2h' }],
          chainByApplicantRole: { secretary: [{ role: 'staff' }] },
          deputies: { secretary: 'attendance_officer' },
        },
      }),
    ).toEqual([
      'leave.chain.1.role: 居民不能审批请假 (resident cannot approve leave): 审批人须是书记、主任、副书记或街道的角色 (approvers are: secretary, director, deputy_secretary, street_section, street_deputy_leader, street_chief, street_emergency)',
      'leave.chainByApplicantRole.secretary.0.role: 社工不能审批请假 (staff cannot approve leave): 审批人须是书记、主任、副书记或街道的角色 (approvers are: secretary, director, deputy_secretary, street_section, street_deputy_leader, street_chief, street_emergency)',
      'leave.deputies.secretary: 考勤员不能代为审批 (attendance_officer cannot stand in for an approver): 审批人须是书记、主任、副书记或街道的角色 (approvers are: secretary, director, deputy_secretary, street_section, street_deputy_leader, street_chief, street_emergency)',
    ]);
    expect(problems({ notice: { alerts: { approvers: { community: ['secretary'], street: ['street_emergency', 'resident'] } } } })).toEqual([
      'notice.alerts.approvers.street.1: 居民不能审批预警 (resident cannot approve an alert): 审批人须是书记、主任、副书记或街道的角色 (approvers are: secretary, director, deputy_secretary, street_section, street_deputy_leader, street_chief, street_emergency)',
    ]);
  });

  it('leave steps climb with the leave, a working day being the sessions of a day', () => {
    expect(problems({ leave: { chain: [{ role: 'secretary', over: '0' }, { role: 'street_chief', over: '1d' }, { role: 'street_section', over: '2h' }] } })).toEqual([
      "leave.chain.2.over: 审批步骤须按请假时长由短到长排列 (must not be less than step 1's: the steps climb with the leave's length)",
    ]);
    // One session of 3 hours: "4h" is more than a working day.
    const short = { sessions: [{ id: 'am', name: '上午', start: '08:00', end: '11:00' }] };
    expect(problems({ ...short, leave: { chain: [{ role: 'secretary', over: '4h' }, { role: 'street_chief', over: '1d' }] } })).toEqual([
      "leave.chain.1.over: 审批步骤须按请假时长由短到长排列 (must not be less than step 0's: the steps climb with the leave's length)",
    ]);
    expect(parsePolicy({ leave: { chain: [{ role: 'secretary', over: '0' }, { role: 'director', over: '0' }, { role: 'street_chief', over: '7h' }, { role: 'street_deputy_leader', over: '1d' }] } }).leave.chain).toHaveLength(4);
  });

  it('the leave types the other rules name must be leave types, and a reminder comes before the escalation', () => {
    expect(problems({ leave: { types: ['事假', '病假'], annual: { before: ['事假', '私假'] }, approval: { remindAfterHours: 24, escalateAfterHours: 24 } } })).toEqual([
      'leave.outing.type: 须是 leave.types 中的一种假别 (must be one of leave.types: 事假, 病假)',
      'leave.annual.type: 须是 leave.types 中的一种假别 (must be one of leave.types: 事假, 病假)',
      'leave.annual.before.1: 须是 leave.types 中的一种假别 (must be one of leave.types: 事假, 病假)',
      'leave.approval.remindAfterHours: 提醒须早于升级 (must be less than approval.escalateAfterHours: the step would escalate before anyone is reminded)',
    ]);
    expect(problems({ notice: { alerts: { approval: { remindAfterMinutes: 60, escalateAfterMinutes: 30 } } } })).toEqual([
      'notice.alerts.approval.remindAfterMinutes: 提醒须早于升级 (must be less than approval.escalateAfterMinutes: the step would escalate before anyone is reminded)',
    ]);
  });

  it('cases, disclosures and weekly plans go to the roles that do that work', () => {
    expect(problems({ incident: { escalation: { chain: ['duty', 'resident'], alsoTell: ['resident'], street: 'secretary' }, monthly: { to: ['street_section', 'director'] } } })).toEqual([
      'incident.escalation.chain.1: 居民不能受理事件 (resident cannot hold a case): 须是社区或街道工作人员的角色 (it must be one of: secretary, deputy_secretary, director, staff, attendance_officer, street_section, street_deputy_leader, street_chief, street_emergency)',
      'incident.escalation.alsoTell.0: 居民不能接收事件通知 (resident cannot be told of a case): 须是社区或街道工作人员的角色 (it must be one of: secretary, deputy_secretary, director, staff, attendance_officer, street_section, street_deputy_leader, street_chief, street_emergency)',
      'incident.escalation.street: 书记不能接收升级的事件 (secretary cannot receive an escalated case): 须是街道的角色 (it must be a street role: street_section, street_deputy_leader, street_chief, street_emergency)',
      'incident.monthly.to.1: 主任不能接收每月事件统计 (director cannot receive the monthly numbers): 须是街道的角色 (it must be a street role: street_section, street_deputy_leader, street_chief, street_emergency)',
    ]);
    expect(problems({ notice: { finance: { to: ['resident'] } }, plans: { roles: ['staff', 'street_section'] } })).toEqual([
      'plans.roles.1: 社区建设科不能写周工作计划 (street_section cannot post a weekly plan): 须是社区工作人员的角色 (it must be one of: secretary, deputy_secretary, director, staff, attendance_officer)',
      'notice.finance.to.0: 居民不能接收财务公开提醒 (resident cannot be reminded of the finance disclosure): 须是社区或街道工作人员的角色 (it must be one of: secretary, deputy_secretary, director, staff, attendance_officer, street_section, street_deputy_leader, street_chief, street_emergency)',
    ]);
  });

  it('a policy file with such a mistake stops the start with the path and the rule, quoting none of the file', () => {
    const file = path.join(tempDir(), 'policy.yaml');
    fs.writeFileSync(file, YAML.stringify({ leave: { chain: [{ role: '居民' }] } }) + 'leave:\n');
    // YAML's own message goes on to quote the file: only its first line is kept.
    expect(() => loadPolicy(file)).toThrow(/^办公政策文件无法读取 \(cannot read the office policy file\) \S+: Map keys must be unique at line 4, column 1:$/);
    fs.writeFileSync(file, YAML.stringify({ leave: { chain: [{ role: 'resident' }] } }));
    expect(() => loadPolicy(file)).toThrow(/^办公政策文件有误 \(invalid office policy\) .*policy\.yaml:\n {2}leave\.chain\.0\.role: 居民不能审批请假/);
  });
});
