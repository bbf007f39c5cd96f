import { translate } from '../../commands/index.ts';
import { afterEach, describe, expect, it } from 'vitest';
import { incidentTimersJob } from '../../commands/incident/jobs/timers.ts';
import { runJob } from '../../src/scheduler/scheduler.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { botTexts, moveTo, startIncidentOffice, ZHANG_ON_DUTY } from './office.ts';

const bots: TestApp[] = [];
afterEach(async () => {
  for (const bot of bots.splice(0)) await bot.stop();
});


const step = (text: string) => text.startsWith('【事件 #1');

describe('nobody takes it: the chain climbs by the level, day or night, each step once', () => {
  it('一般 at 23:50 (out of office hours): re-announced at +15, the secretary at +30, the street office at +45, each told who had it; across a restart', async () => {
    const office = await startIncidentOffice('2026-12-02T23:50:00+08:00');
    bots.push(office);
    await office.say('g-residents', 'qiandaye', '上报 东门路灯坏了，很黑');
    await office.app.delivery.drain();
    const base = { duty: (await botTexts(office, 'dm:zhangwei')).length, secretary: (await botTexts(office, 'dm:wangfang')).length };

    await moveTo(office, '2026-12-03T00:04:00');
    expect((await botTexts(office, 'dm:zhangwei')).length).toBe(base.duty);
    await moveTo(office, '2026-12-03T00:05:00');
    const duty = await botTexts(office, 'dm:zhangwei');
    expect(duty.slice(base.duty).map((m) => m.split('\n')[0])).toEqual(['【事件 #1 已 15 分钟无人受理，请尽快受理】']);
    await office.botReply('g-emergency', (m) => m.startsWith('【事件 #1 已 15 分钟无人受理'));
    expect((await botTexts(office, 'dm:wangfang')).length).toBe(base.secretary);

    // The bot stops at 00:10 and comes back at 00:21 on the same database: the secretary's step (due 00:20) fires once, late.
    const databaseUrl = office.databaseUrl;
    await office.stop();
    bots.pop();
    const again = await startTestApp({ databaseUrl, now: '2026-12-03T00:21:00+08:00', policy: ZHANG_ON_DUTY });
    bots.push(again);
    await again.app.scheduler.tick();
    await again.app.delivery.drain();
    const secretary = (await botTexts(again, 'dm:wangfang')).slice(base.secretary);
    expect(secretary.map((m) => m.split('\n')[0])).toEqual(['【事件 #1 升级给你：31 分钟无人受理】此前已通知：值班张伟、书记王芳']);
    await again.botReply('g-emergency', (m) => m === '事件 #1 已 31 分钟无人受理，已升级给书记王芳。');
    await moveTo(again, '2026-12-03T00:22:00');
    expect((await botTexts(again, 'dm:wangfang')).slice(base.secretary)).toHaveLength(1);

    await moveTo(again, '2026-12-03T00:34:00');
    expect(await botTexts(again, 'dm:huanglei')).toEqual([]);
    await moveTo(again, '2026-12-03T00:35:00');
    await moveTo(again, '2026-12-03T00:36:00');
    const street = await botTexts(again, 'dm:huanglei');
    expect(street.map((m) => m.split('\n')[0])).toEqual(['【事件 #1 升级给你：45 分钟无人受理】此前已通知：值班张伟、书记王芳']);
    const incident = await again.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect(incident.escalationStep).toBe(3);
    const kinds = (await again.app.db.incidentUpdate.findMany({ where: { incidentId: 1 }, orderBy: { id: 'asc' } })).map((u) => u.kind);
    expect(kinds).toEqual(['reported', 'reannounced', 'escalated', 'escalated']);
  });

  it('two instances (each claiming its own minute, as catch-up does) fire each step once', async () => {
    const bot = await startIncidentOffice('2026-12-02T10:00:00+08:00');
    bots.push(bot);
    await bot.say('g-work', 'liuyang', '上报 3号楼冒烟');
    // 较大: a step every 5 minutes. One instance runs the timers for 10:15, another for 10:16, a third again for 10:16.
    const job = incidentTimersJob(bot.app.policy, translate('zh-CN'));
    const run = (minute: string) => bot.app.db.$transaction((tx) => runJob(tx, job, new Date(`2026-12-02T${minute}:00+08:00`)));
    await Promise.all([run('10:15'), run('10:16'), run('10:16')]);
    const updates = await bot.app.db.incidentUpdate.findMany({ where: { incidentId: 1 }, orderBy: { id: 'asc' } });
    expect(updates.map((u) => u.kind)).toEqual(['reported', 'reannounced', 'escalated', 'escalated', 'on_site_overdue']);
    const toStreet = await bot.app.db.outboxMessage.count({ where: { platformChatId: 'dm:huanglei', payload: { contains: '升级给你' } } });
    expect(toStreet).toBe(1);
  });

  it('nobody on duty: the first step does not wait out its delay with nobody, the secretary is told at the report and the chain goes on', async () => {
    const bot = await startIncidentOffice('2026-12-02T10:00:00+08:00', { policy: { duty: { rotations: [] } } });
    bots.push(bot);
    const sent = await bot.say('g-work', 'liuyang', '上报 东门路灯坏了');
    const answer = await bot.botReply('g-work', (m) => m.includes('#1'), sent);
    expect(answer.text).toContain('已通知：幸福社区应急群、书记王芳。');
    await moveTo(bot, '2026-12-02T10:30:00');
    expect((await botTexts(bot, 'dm:wangfang')).filter(step).map((m) => m.split('\n')[0])).toEqual(['【事件 #1 升级给你：30 分钟无人受理】此前已通知：书记王芳']);
  });
});

describe('到场 and the on-site clock', () => {
  it('a 较大 case taken but not reached within 15 minutes escalates to the secretary and the street office; 到场 stops the clock', async () => {
    const bot = await startIncidentOffice('2026-12-02T14:00:00+08:00');
    bots.push(bot);
    await bot.say('g-work', 'liuyang', '上报 3号楼2单元楼道冒烟');
    bot.clock.set(new Date('2026-12-02T14:02:00+08:00'), { frozen: true });
    await bot.say('dm:zhangwei', 'zhangwei', '受理 #1');
    await moveTo(bot, '2026-12-02T14:14:00');
    expect((await botTexts(bot, 'dm:huanglei')).filter(step)).toEqual([]);
    await moveTo(bot, '2026-12-02T14:15:00');
    const overdue = '【事件 #1（较大）上报已超过 15 分钟，仍无人到场】负责人：张伟';
    for (const chat of ['dm:wangfang', 'dm:huanglei', 'dm:zhangwei', 'g-emergency']) await bot.botReply(chat, (m) => m.startsWith(overdue));
    await moveTo(bot, '2026-12-02T14:16:00');
    expect((await botTexts(bot, 'dm:huanglei')).filter((m) => m.startsWith(overdue))).toHaveLength(1);

    bot.clock.set(new Date('2026-12-02T14:18:00+08:00'), { frozen: true });
    const arrived = await bot.say('dm:zhangwei', 'zhangwei', '到场 #1');
    await bot.botReply('dm:zhangwei', (m) => m === '已记录到场：事件 #1，14:18（上报后 18 分钟）。处置完毕请发送「办结 #1 处理情况」。', arrived);
    await bot.botReply('g-work', (m) => m === '@刘洋 工作人员张伟已到达现场（14:18）。');
    const again = await bot.say('dm:zhangwei', 'zhangwei', '到场 #1');
    await bot.botReply('dm:zhangwei', (m) => m === '事件 #1 已在 14:18 记录到场（张伟）。', again);
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.status, incident.onSiteAt?.toISOString(), incident.onSiteByName]).toEqual(['handling', '2026-12-02T06:18:00.000Z', '张伟']);
  });

  it('a case reached in time does not escalate; 到场了没 is talk', async () => {
    const bot = await startIncidentOffice('2026-12-02T14:00:00+08:00');
    bots.push(bot);
    await bot.say('g-work', 'liuyang', '上报 3号楼冒烟');
    bot.clock.set(new Date('2026-12-02T14:03:00+08:00'), { frozen: true });
    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    await bot.say('g-emergency', 'wangfang', '到场了没');
    bot.clock.set(new Date('2026-12-02T14:10:00+08:00'), { frozen: true });
    await bot.say('g-emergency', 'zhangwei', '到场 #1');
    await moveTo(bot, '2026-12-02T14:30:00');
    const kinds = (await bot.app.db.incidentUpdate.findMany({ where: { incidentId: 1 }, orderBy: { id: 'asc' } })).map((u) => u.kind);
    expect(kinds).toEqual(['reported', 'taken', 'on_site']);
  });
});
