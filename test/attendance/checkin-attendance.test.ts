import { afterEach, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

function inbound(id: string, senderId: string, sentAt: string, extra: Partial<InboundMessage> = {}): InboundMessage {
  return { platform: 'sandbox', eventId: id, messageId: id, chatId: 'g-work', chatKind: 'group', senderId, text: '签到', mentionsBot: false, sentAt: new Date(sentAt), ...extra };
}

describe('check-in on the office calendar', () => {
  it('a check-in on a statutory holiday is answered kindly and not recorded', async () => {
    bot = await startTestApp({ demo: true, now: '2026-10-01T07:55:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签到');
    await bot.botReply('g-work', (text) => text === '@张伟 今天是国庆节假期，不用签到，节日快乐！');
    bot.clock.set(new Date('2026-11-22T08:00:00+08:00'), { frozen: true });
    await bot.say('g-work', 'zhangwei', '签退');
    await bot.botReply('g-work', (text) => text.startsWith('@张伟 今天是休息日，不用签到'));
    expect(await bot.app.db.checkIn.count()).toBe(0);
  });

  it('a 调休 Saturday is a workday: the check-in is recorded', async () => {
    bot = await startTestApp({ demo: true, now: '2026-10-10T08:00:01+08:00' });
    await bot.say('g-work', 'zhangwei', '签到');
    await bot.botReply('g-work', (text) => text === '@张伟 已签到 08:00（上午）迟到 1 分钟');
    expect(await bot.app.db.checkIn.count()).toBe(1);
  });

  it('the reminder goes out on a 调休 Saturday and not on a holiday Monday', async () => {
    bot = await startTestApp({ demo: true, now: '2026-10-05T07:45:00+08:00' });
    bot.clock.set(new Date('2026-10-05T07:51:00+08:00'), { frozen: true });
    await bot.app.scheduler.tick();
    expect(await bot.app.db.scheduledRun.count({ where: { job: 'checkin-reminder-am' } })).toBe(1);
    expect(await bot.app.db.outboxMessage.count({ where: { payload: { contains: '请按时签到' } } })).toBe(0);

    bot.clock.set(new Date('2026-10-10T07:45:00+08:00'), { frozen: true });
    bot.clock.set(new Date('2026-10-10T07:51:00+08:00'), { frozen: true });
    await bot.app.scheduler.tick();
    await bot.botReply('g-work', (text) => text === '各位同事：上午 08:00 上班，请按时签到（发送「签到」）。');
    expect(await bot.app.db.outboxMessage.count({ where: { payload: { contains: '请按时签到' } } })).toBe(1);
  });

  it('after a restart the reminder is not sent late: at 07:59 it still goes out, at 08:00 or 08:29 (the catch-up window) it does not', async () => {
    for (const [time, sent] of [['07:59', 1], ['08:00', 0], ['08:29', 0]] as const) {
      bot = await startTestApp({ demo: true, now: `2026-11-23T${time}:00+08:00` });
      await bot.app.scheduler.tick();
      await bot.app.delivery.drain();
      expect(await bot.app.db.outboxMessage.count({ where: { payload: { contains: '请按时签到' } } }), time).toBe(sent);
      await bot.stop();
      bot = null;
    }
  });
});

describe('check-in on a person’s own hours', () => {
  const policy = {
    attendance: {
      schedules: [{ name: '错时班', people: ['刘洋'], sessions: [{ id: 'am', name: '上午', start: '09:00', end: '12:00' }, { id: 'pm', name: '下午', start: '14:00', end: '18:00' }] }],
    },
    // 张伟 is on the roster's 白班 08:00-17:30 every workday from 11-23.
    duty: { rotations: [{ name: '白班', shifts: ['day'], people: ['张伟'], start: '2026-11-23' }] },
  };

  it('staggered hours (错时): 08:30 is on time for a 09:00 start', async () => {
    bot = await startTestApp({ demo: true, policy, now: '2026-11-23T08:30:00+08:00' });
    await bot.say('g-work', 'liuyang', '签到');
    await bot.botReply('g-work', (text) => text === '@刘洋 已签到 08:30（上午）准时');
    await bot.say('g-work', 'wangfang', '签到');
    await bot.botReply('g-work', (text) => text === '@王芳 已签到 08:30（上午）迟到 30 分钟');
  });

  it('outside the office hours but inside one’s own: 17:45 checks a 错时 person out, not an office-hours one', async () => {
    bot = await startTestApp({ demo: true, policy, now: '2026-11-23T17:45:00+08:00' });
    await bot.say('g-work', 'liuyang', '签退');
    await bot.botReply('g-work', (text) => text === '@刘洋 已签退 17:45（下午）早退 15 分钟（18:00 下班）（下午没有签到记录）');
    await bot.say('g-work', 'wangfang', '签退');
    await bot.botReply('g-work', (text) => text === '@王芳 现在不在签退时间。');
    await bot.say('g-work', 'wangfang', '签到');
    await bot.botReply('g-work', (text) => text === '@王芳 今天的签到已结束。');
    expect(await bot.app.db.checkIn.count()).toBe(1);
  });

  it('the duty person is due 10 minutes early: 07:55 is 5 minutes late', async () => {
    bot = await startTestApp({ demo: true, policy, now: '2026-11-23T07:55:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签到');
    // The same check-in is the duty's arrival on the roster: recorded on the seat too.
    await bot.botReply('g-work', (text) => text === '@张伟 已签到 07:55（上午）迟到 5 分钟\n值班到岗：白班 08:00-17:30，迟到 5 分钟。');
    expect((await bot.app.db.dutySeat.findFirstOrThrow({ where: { date: '2026-11-23' } })).checkedInAt).toEqual(new Date('2026-11-23T07:55:00+08:00'));
  });
});

describe('location and redelivery', () => {
  it('a check-in outside the geofence is recorded and flagged; inside it is not flagged', async () => {
    bot = await startTestApp({
      demo: true,
      policy: { attendance: { geofence: { latitude: 39.9087, longitude: 116.3975, radiusMeters: 300 } } },
      now: '2026-11-23T07:55:00+08:00',
    });
    await bot.app.dispatcher.receive(inbound('loc-1', 'zhangwei', '2026-11-23T07:55:00+08:00', { location: { latitude: 39.9187, longitude: 116.3975 } }));
    await bot.botReply('g-work', (text) => text === '@张伟 已签到 07:55（上午）准时。注意：定位离社区办公点约 1112 米，不在签到范围内，已记录并标注。');
    await bot.app.dispatcher.receive(inbound('loc-2', 'liuyang', '2026-11-23T07:56:00+08:00', { location: { latitude: 39.9088, longitude: 116.3975 } }));
    await bot.botReply('g-work', (text) => text === '@刘洋 已签到 07:56（上午）准时');
    const rows = await bot.app.db.checkIn.findMany({ orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.outsideGeofence, r.distanceMeters])).toEqual([
      [true, 1112],
      [false, 11],
    ]);
  });

  it('a check-in redelivered late is classified by the time the message was sent', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T08:20:00+08:00' });
    await bot.app.dispatcher.receive(inbound('late-1', 'zhangwei', '2026-11-23T07:59:00+08:00'));
    await bot.botReply('g-work', (text) => text === '@张伟 已签到 07:59（上午）准时');
    expect((await bot.app.db.checkIn.findFirstOrThrow()).status).toBe('on_time');
  });
});
