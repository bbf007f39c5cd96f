import { afterEach, describe, expect, it } from 'vitest';
import { onDutyAt } from '../../commands/duty/on-duty.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The duty roster through the sandbox on a real SQLite file and the injected clock: 白班 on workdays
 * taken in turn by 张伟 and 刘洋 from Monday 2026-11-23, a 夜班 by 陈静 and 李强 every day, and
 * the leader on call weekly: 王芳, then 李强.
 */
const POLICY = {
  duty: {
    rotations: [
      { name: '白班', shifts: ['day'], people: ['张伟', '刘洋'], start: '2026-11-23', days: ['workday'] },
      { name: '夜班', shifts: ['night'], people: ['陈静', '李强'], start: '2026-11-23', days: ['workday', 'restday', 'holiday'] },
    ],
    leaders: [{ people: ['王芳', '李强'], every: 'week', start: '2026-11-23' }],
  },
};

let bots: TestApp[] = [];
afterEach(async () => {
  for (const bot of bots) await bot.stop();
  bots = [];
});

async function start(now: string, options: { databaseUrl?: string; policy?: Record<string, unknown> } = {}): Promise<TestApp> {
  const bot = await startTestApp({ demo: true, now, policy: options.policy ?? POLICY, ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}) });
  bots.push(bot);
  return bot;
}

async function at(bot: TestApp, local: string): Promise<void> {
  bot.clock.set(new Date(`${local}+08:00`), { frozen: true });
  await bot.app.scheduler.tick();
}

const botTexts = async (bot: TestApp, chatId: string, match: string) => (await bot.messages(chatId)).filter((m) => m.userId === 'bot' && m.text.includes(match));

describe('who is on duty at an instant', () => {
  it('mid-shift across midnight, on a weekend, with the leader on call; the roster generated on demand', async () => {
    const bot = await start('2026-11-24T06:00:00+08:00');
    const community = await bot.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
    const ask = (local: string) => bot.app.db.$transaction((tx) => onDutyAt(tx, bot.app.policy, community.id, new Date(`${local}+08:00`)));
    const names = async (local: string) => {
      const duty = await ask(local);
      return [duty.people.map((p) => `${p.shift} ${p.name}`).join('、'), duty.leader?.name ?? null];
    };
    // The night shift of Monday 11-23 (陈静) runs until Tuesday 08:00.
    expect(await names('2026-11-24T02:00:00')).toEqual(['夜班 陈静', '王芳']);
    expect(await names('2026-11-24T07:59:59')).toEqual(['夜班 陈静', '王芳']);
    expect(await names('2026-11-24T08:00:00')).toEqual(['白班 刘洋', '王芳']);
    expect(await names('2026-11-24T17:30:00')).toEqual(['夜班 李强', '王芳']);
    // Saturday: no 白班; Sunday night into Monday: the next week's leader from Monday 00:00.
    expect(await names('2026-11-28T12:00:00')).toEqual(['', '王芳']);
    expect(await names('2026-11-29T23:00:00')).toEqual(['夜班 陈静', '王芳']);
    expect(await names('2026-11-30T01:00:00')).toEqual(['夜班 陈静', '李强']);
    const duty = await ask('2026-11-24T09:00:00');
    expect(duty.people[0]).toMatchObject({ name: '刘洋', shiftKey: 'day', seat: 0, start: new Date('2026-11-24T08:00:00+08:00'), end: new Date('2026-11-24T17:30:00+08:00'), planned: null });
  });

  it('several transactions generating the same days at once all get them, each seat once (PostgreSQL runs them in parallel)', async () => {
    const bot = await start('2026-11-24T06:00:00+08:00');
    const community = await bot.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
    const ask = () => bot.app.db.$transaction((tx) => onDutyAt(tx, bot.app.policy, community.id, new Date('2026-12-16T10:00:00+08:00')));
    const answers = await Promise.all(Array.from({ length: 6 }, ask));
    expect(new Set(answers.map((a) => a.people.map((p) => p.name).join('、'))).size).toBe(1);
    const seats = await bot.app.db.dutySeat.findMany({ where: { communityId: community.id, date: '2026-12-16' } });
    expect(new Set(seats.map((s) => `${s.shiftKey}:${s.seat}`)).size).toBe(seats.length);
  });

  it('on a holiday: National Day has no 白班 and keeps the night rotation going', async () => {
    const bot = await start('2026-09-30T12:00:00+08:00', { policy: { duty: { ...POLICY.duty, rotations: POLICY.duty.rotations.map((r) => ({ ...r, start: '2026-09-28' })), leaders: [] } } });
    const community = await bot.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
    const duty = await bot.app.db.$transaction((tx) => onDutyAt(tx, bot.app.policy, community.id, new Date('2026-10-02T10:00:00+08:00')));
    expect(duty.people).toEqual([]);
    const night = await bot.app.db.$transaction((tx) => onDutyAt(tx, bot.app.policy, community.id, new Date('2026-10-02T20:00:00+08:00')));
    // 9-28 陈静, 9-29 李强, 9-30 陈静, 10-1 李强, 10-2 陈静.
    expect(night.people.map((p) => p.name)).toEqual(['陈静']);
  });
});

describe('cron posts', () => {
  it('the work group gets today’s duty at 07:30 with names and the leader, once, also after a restart and a changed post time', async () => {
    const bot = await start('2026-11-24T07:00:00+08:00');
    await at(bot, '2026-11-24T07:29:00');
    expect(await botTexts(bot, 'g-work', '今日值班')).toHaveLength(0);
    await at(bot, '2026-11-24T07:30:00');
    const post = await bot.botReply('g-work', (m) => m.startsWith('今日值班'));
    expect(post.text).toBe(['今日值班 11月24日（周二）', '11月24日（周二）', '  白班 08:00-17:30：@刘洋', '  夜班 17:30-次日08:00：@李强', '  带班领导：@王芳'].join('\n'));
    await bot.stop();
    bots = [];

    // The bot restarts at 07:31 on the same database: the 07:30 fire is not run again.
    const again = await start('2026-11-24T07:31:00+08:00', { databaseUrl: bot.databaseUrl });
    await again.app.scheduler.tick();
    await again.app.delivery.drain();
    expect(await botTexts(again, 'g-work', '今日值班')).toHaveLength(1);
    await again.stop();
    bots = [];
    // Even with the post moved to 07:45, the day's post went out already.
    const moved = await start('2026-11-24T07:44:00+08:00', { databaseUrl: bot.databaseUrl, policy: { duty: { ...POLICY.duty, post: { at: '07:45' } } } });
    await at(moved, '2026-11-24T07:45:00');
    await moved.app.delivery.drain();
    expect(await moved.app.db.scheduledRun.count({ where: { job: 'duty-morning-post' } })).toBe(2);
    expect(await botTexts(moved, 'g-work', '今日值班')).toHaveLength(1);
  });

  it('on Monday the week; before a holiday block the whole holiday roster', async () => {
    const policy = { duty: { ...POLICY.duty, rotations: [...POLICY.duty.rotations, { name: '节假日', kind: 'holiday', shifts: ['day'], people: ['张伟', '刘洋', '陈静'], start: '2026-01-01' }] } };
    const bot = await start('2026-11-30T07:20:00+08:00', { policy });
    await at(bot, '2026-11-30T07:30:00');
    const week = await bot.botReply('g-work', (m) => m.startsWith('本周值班'));
    expect(week.text.split('\n')[0]).toBe('本周值班（11月30日（周一）至12月6日（周日））');
    expect(week.text).toContain('12月4日（周五）\n  白班 08:00-17:30：@刘洋');
    expect(week.text).toContain('  带班领导：@李强');

    // 2026-12-31 (Thursday), the day before 元旦 2027 … is not in the package's calendar: the office loads it.
    await bot.app.db.calendarDay.createMany({ data: ['2027-01-01', '2027-01-02', '2027-01-03'].map((date) => ({ date, kind: 'holiday', name: '元旦', source: 'test' })) });
    await at(bot, '2026-12-31T07:20:00');
    await at(bot, '2026-12-31T07:30:00');
    const holiday = await bot.botReply('g-work', (m) => m.startsWith('元旦值班安排'));
    expect(holiday.text.split('\n')[0]).toBe('元旦值班安排（1月1日（周五）至1月3日（周日）），请大家提前安排好：');
    expect(holiday.text).toMatch(/1月1日（周五） 元旦\n {2}白班 08:00-17:30：@(张伟|刘洋|陈静)\n {2}夜班/);
  });

  it('a changed rotation replans only future seats not overridden, and tells each person whose shift moved', async () => {
    const bot = await start('2026-11-24T09:00:00+08:00');
    await at(bot, '2026-11-24T09:05:00');
    await bot.stop();
    bots = [];
    // 陈静 joins the 白班 from 11-26: the turns after it move; 11-25 (before) stays.
    const policy = { duty: { ...POLICY.duty, rotations: [{ ...POLICY.duty.rotations[0]!, people: ['张伟', '刘洋', { name: '陈静', from: '2026-11-26' }] }, POLICY.duty.rotations[1]!] } };
    const again = await start('2026-11-24T10:00:00+08:00', { databaseUrl: bot.databaseUrl, policy });
    await at(again, '2026-11-24T10:05:00');
    const day = async (date: string) => (await again.app.db.person.findUniqueOrThrow({ where: { id: (await again.app.db.dutySeat.findFirstOrThrow({ where: { date, shiftKey: 'day' } })).personId! } })).name;
    expect([await day('2026-11-25'), await day('2026-11-26'), await day('2026-11-27')]).toEqual(['张伟', '刘洋', '陈静']);
    await again.botReply('dm:chenjing', (m) => m === '值班变动：11月27日（周五） 白班 改由你值班。');
    await again.botReply('dm:zhangwei', (m) => m === '值班变动：11月27日（周五） 白班 你不用值班了。');
  });

  it('the evening before, each person on duty tomorrow is reminded privately, once', async () => {
    const bot = await start('2026-11-24T17:50:00+08:00');
    await at(bot, '2026-11-24T18:00:00');
    const zhang = await bot.botReply('dm:zhangwei', (m) => m.startsWith('值班提醒'));
    expect(zhang.text).toBe('值班提醒：你明天 11月25日（周三） 值班，白班 08:00-17:30，请 07:50 前到岗。到岗后发「签到」或「接班」。');
    await bot.botReply('dm:chenjing', (m) => m.includes('夜班 17:30-次日08:00，请 17:20 前到岗'));
    await at(bot, '2026-11-24T18:01:00');
    await bot.app.delivery.drain();
    expect(await botTexts(bot, 'dm:zhangwei', '值班提醒')).toHaveLength(1);
    expect(await botTexts(bot, 'dm:liuyang', '值班提醒')).toHaveLength(0);
  });
});

describe('the roster knows about attendance and leave', () => {
  it('a missing duty check-in is reported to the leader on call within minutes; the late arrival too', async () => {
    const bot = await start('2026-11-25T07:40:00+08:00');
    await at(bot, '2026-11-25T07:54:00');
    expect(await botTexts(bot, 'dm:wangfang', '还没有签到')).toHaveLength(0);
    await at(bot, '2026-11-25T07:55:00');
    const alert = await bot.botReply('dm:wangfang', (m) => m.includes('还没有签到'));
    expect(alert.text).toBe('值班提醒：张伟（白班 08:00-17:30）应于 07:50 到岗，到 07:55 还没有签到或接班。');
    bot.clock.set(new Date('2026-11-25T07:58:00+08:00'), { frozen: true });
    const sent = await bot.say('g-work', 'zhangwei', '签到');
    await bot.botReply('g-work', (m) => m === '@张伟 已签到 07:58（上午）迟到 8 分钟\n值班到岗：白班 08:00-17:30，迟到 8 分钟。', sent);
    await bot.botReply('dm:wangfang', (m) => m === '张伟 已于 07:58 到岗（白班 08:00-17:30），迟到 8 分钟。');
    await at(bot, '2026-11-25T08:10:00');
    await bot.app.delivery.drain();
    expect(await botTexts(bot, 'dm:wangfang', '还没有签到')).toHaveLength(1);
  });

  it('a night shift: 接班 is the arrival on a Saturday evening, 交班 records the handover the next one reads', async () => {
    const bot = await start('2026-11-28T17:00:00+08:00');
    // Saturday 11-28: the night shift is 李强's (11-23 陈静, 24 李强, 25 陈静, 26 李强, 27 陈静, 28 李强).
    const early = await bot.say('dm:liuyang', 'liuyang', '接班');
    await bot.botReply('dm:liuyang', (m) => m.startsWith('你现在没有要接的班'), early);
    const take = await bot.say('g-work', 'liqiang', '接班');
    await bot.botReply('g-work', (m) => m === '@李强 值班到岗：夜班 17:30-次日08:00，准时。', take);
    bot.clock.set(new Date('2026-11-29T07:55:00+08:00'), { frozen: true });
    const handed = await bot.say('g-work', 'liqiang', '交班 一切正常，3号楼路灯坏了已报修');
    await bot.botReply('g-work', (m) => m === '@李强 已交班（夜班 17:30-次日08:00，07:55）：一切正常，3号楼路灯坏了已报修', handed);
    const twice = await bot.say('g-work', 'liqiang', '交班');
    await bot.botReply('g-work', (m) => m.startsWith('@李强 夜班 17:30-次日08:00 已于 07:55 交班'), twice);
    bot.clock.set(new Date('2026-11-29T17:25:00+08:00'), { frozen: true });
    const next = await bot.say('g-work', 'chenjing', '接班');
    await bot.botReply('g-work', (m) => m === '@陈静 值班到岗：夜班 17:30-次日08:00，迟到 5 分钟。', next);
    const seats = await bot.app.db.dutySeat.findMany({ where: { shiftKey: 'night', date: { in: ['2026-11-28', '2026-11-29'] } }, orderBy: { date: 'asc' } });
    expect(seats.map((s) => [s.date, s.checkedInAt?.toISOString(), s.handoverNote])).toEqual([
      ['2026-11-28', '2026-11-28T09:00:00.000Z', '一切正常，3号楼路灯坏了已报修'],
      ['2026-11-29', '2026-11-29T09:25:00.000Z', null],
    ]);
  });

  it('approved leave overlapping a shift is raised at once to the secretary with who is free to cover', async () => {
    const bot = await start('2026-11-23T09:00:00+08:00');
    // 11-25 (Wednesday) is 张伟's 白班.
    const sent = await bot.say('g-work', 'zhangwei', '请假 11月25日 年休假 回老家');
    await bot.botReply('g-work', (m) => m.includes('请确认请假条'), sent);
    const confirmed = await bot.say('g-work', 'zhangwei', '确认');
    await bot.botReply('g-work', (m) => m.includes('已提交'), confirmed);
    const post = await bot.botReply('g-work', (m) => m.includes('请假审批 #1') && m.includes('回复本消息'));
    await bot.say('g-work', 'wangfang', '同意', { replyTo: post.id });
    const section = await bot.botReply('dm:zhaomin', (m) => m.includes('请假审批 #1') && m.includes('回复本消息'));
    await bot.say('dm:zhaomin', 'zhaomin', '同意', { replyTo: section.id });
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('你的请假 #1 已批准'));
    await at(bot, '2026-11-23T09:01:00');
    const raised = await bot.botReply('dm:wangfang', (m) => m.startsWith('值班冲突'));
    const seat = await bot.app.db.dutySeat.findFirstOrThrow({ where: { date: '2026-11-25', shiftKey: 'day' } });
    expect(raised.text).toBe(
      [
        '值班冲突：张伟 的请假 #1（年休假，2026-11-25 08:00 至 2026-11-25 16:30）已批准，以下值班需要有人代班：',
        `#${seat.id} 11月25日（周三） 白班 08:00-17:30，可代班：王芳、李强、刘洋、陈静`,
        `点按钮安排，或发送「代班 #${seat.id} 姓名」。`,
      ].join('\n'),
    );
    expect(raised.buttons?.map((b) => b.value)).toEqual([`代班 #${seat.id} 王芳`, `代班 #${seat.id} 李强`, `代班 #${seat.id} 刘洋`]);
    await at(bot, '2026-11-23T09:02:00');
    await bot.app.delivery.drain();
    expect(await botTexts(bot, 'dm:wangfang', '值班冲突')).toHaveLength(1);
  });
});
