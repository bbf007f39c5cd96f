import { afterEach, describe, expect, it } from 'vitest';
import { onDutyAt } from '../../commands/duty/on-duty.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/** 白班 on workdays from Monday 2026-11-23: 张伟, 刘洋, 张伟 (11-25), 刘洋 (11-26), 张伟 (11-27) … */
const POLICY = { duty: { rotations: [{ name: '白班', shifts: ['day'], people: ['张伟', '刘洋'], start: '2026-11-23', days: ['workday'] }] } };

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function dayShift(t: TestApp, date: string) {
  const seat = await t.app.db.dutySeat.findFirstOrThrow({ where: { date, shiftKey: 'day' } });
  const person = await t.app.db.person.findUniqueOrThrow({ where: { id: seat.personId! } });
  const planned = await t.app.db.person.findUniqueOrThrow({ where: { id: seat.plannedPersonId! } });
  return { id: seat.id, person: person.name, planned: planned.name };
}

describe('swaps and covers through the shared approval workflow', () => {
  it('a swap asked, accepted by the colleague by reply, approved by the secretary by button: both halves change, both are told', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00', policy: POLICY });
    const sent = await bot.say('g-work', 'zhangwei', '换班 11月25日 和 刘洋 11月26日');
    await bot.botReply('g-work', (m) => m === '@张伟 已向刘洋发出换班申请 #1，等刘洋答复。', sent);
    // Nothing changes before every step said yes.
    expect(await dayShift(bot, '2026-11-25')).toMatchObject({ person: '张伟' });

    const asked = await bot.botReply('dm:liuyang', (m) => m.startsWith('换班申请 #1'));
    expect(asked.text).toBe(
      ['换班申请 #1：张伟 想和你换班', '11月25日（周三） 白班 08:00-17:30：张伟 → 刘洋', '11月26日（周四） 白班 08:00-17:30：刘洋 → 张伟', '第 1/2 步', '回复本消息「同意」接受，或「驳回 理由」婉拒；也可发送「同意 #1」。'].join('\n'),
    );
    const accepted = await bot.say('dm:liuyang', 'liuyang', '同意', { replyTo: asked.id });
    await bot.botReply('dm:liuyang', (m) => m === '已同意换班申请 #1，转王芳审批。', accepted);
    expect(await dayShift(bot, '2026-11-25')).toMatchObject({ person: '张伟' });

    const approval = await bot.botReply('g-work', (m) => m.startsWith('@王芳 换班审批 #1'));
    expect(approval.text).toContain('第 2/2 步');
    await bot.post('/sandbox/api/buttons', { messageId: approval.id, userId: 'wangfang', value: approval.buttons![0]!.value });
    await bot.botReply('g-work', (m) => m === '@王芳 已同意，张伟的换班申请 #1 完成。');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('换班申请 #1 已生效') && m.includes('11月26日（周四） 白班 08:00-17:30：刘洋 → 张伟'));
    await bot.botReply('dm:liuyang', (m) => m.startsWith('换班申请 #1 已生效'));
    await bot.botReply('g-work', (m) => m.startsWith('值班调整（#1）'));

    expect(await dayShift(bot, '2026-11-25')).toMatchObject({ person: '刘洋', planned: '张伟' });
    expect(await dayShift(bot, '2026-11-26')).toMatchObject({ person: '张伟', planned: '刘洋' });
    const overrides = await bot.app.db.dutyOverride.findMany({ orderBy: { id: 'asc' } });
    expect(overrides.map((o) => [o.kind, o.swapId, o.at.toISOString()])).toEqual([
      ['swap', 1, '2026-11-23T01:00:00.000Z'],
      ['swap', 1, '2026-11-23T01:00:00.000Z'],
    ]);
    const community = await bot.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
    const duty = await bot.app.db.$transaction((tx) => onDutyAt(tx, bot!.app.policy, community.id, new Date('2026-11-25T12:00:00+08:00')));
    expect(duty.people.map((p) => [p.name, p.planned?.name])).toEqual([['刘洋', '张伟']]);

    // A second press on the same button, or a late 同意: already done, nothing changes twice.
    const again = await bot.say('g-work', 'wangfang', '同意 #1');
    await bot.botReply('g-work', (m) => m === '@王芳 换班申请 #1 已经生效。', again);
    expect(await bot.app.db.dutyOverride.count()).toBe(2);
    const shown = await bot.say('g-work', 'liuyang', '我的值班');
    await bot.botReply('g-work', (m) => m.startsWith('@刘洋 你接下来的值班：') && m.includes('11月25日（周三） 白班 08:00-17:30（替张伟）'), shown);
  });

  it('a swap the colleague declines by reply: the roster stays, the asker is told why', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00', policy: POLICY });
    await bot.say('g-work', 'zhangwei', '换班 11月27日 和 刘洋');
    const asked = await bot.botReply('dm:liuyang', (m) => m.startsWith('换班申请 #1'));
    const declined = await bot.say('dm:liuyang', 'liuyang', '驳回 那天要去区里开会', { replyTo: asked.id });
    await bot.botReply('dm:liuyang', (m) => m === '已驳回张伟的换班申请 #1。', declined);
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('换班申请 #1 没有通过：刘洋 未同意（那天要去区里开会）。值班不变。'));
    await bot.botReply('dm:liuyang', (m) => m.includes('✘ 刘洋 未同意'));
    expect(await dayShift(bot, '2026-11-27')).toMatchObject({ person: '张伟', planned: '张伟' });
    expect((await bot.app.db.dutySwap.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('rejected');
    expect(await bot.app.db.dutyOverride.count()).toBe(0);
  });

  it('a cover asked of a colleague with peer swaps needing no approval; a cover the secretary assigns at once', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00', policy: { duty: { ...POLICY.duty, swaps: { approval: 'none' } } } });
    const sent = await bot.say('g-work', 'zhangwei', '代班 11月27日 陈静');
    await bot.botReply('g-work', (m) => m === '@张伟 已请陈静代班（申请 #1），等陈静答复。', sent);
    const asked = await bot.botReply('dm:chenjing', (m) => m.startsWith('代班申请 #1'));
    expect(asked.text).toContain('第 1/1 步');
    await bot.post('/sandbox/api/buttons', { messageId: asked.id, userId: 'chenjing', value: '同意 #1' });
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('代班申请 #1 已生效') && m.includes('11月27日（周五） 白班 08:00-17:30：张伟 → 陈静'));
    expect(await dayShift(bot, '2026-11-27')).toMatchObject({ person: '陈静', planned: '张伟' });

    const assigned = await bot.say('g-work', 'wangfang', '代班 11月24日 李强');
    await bot.botReply('g-work', (m) => m === '@王芳 已安排代班：11月24日（周二） 白班 08:00-17:30：刘洋 → 李强', assigned);
    await bot.botReply('dm:liuyang', (m) => m === '值班调整（王芳安排）：11月24日（周二） 白班 08:00-17:30：刘洋 → 李强');
    await bot.botReply('dm:liqiang', (m) => m.startsWith('值班调整（王芳安排）'));
    const seat = await dayShift(bot, '2026-11-24');
    expect(seat).toMatchObject({ person: '李强', planned: '刘洋' });
    // The leave alert's button carries the seat: 代班 #编号.
    const byNumber = await bot.say('dm:wangfang', 'wangfang', `代班 #${seat.id} 陈静`);
    await bot.botReply('dm:wangfang', (m) => m === '已安排代班：11月24日（周二） 白班 08:00-17:30：李强 → 陈静', byNumber);
    expect((await bot.app.db.dutyOverride.findMany({ orderBy: { id: 'asc' } })).map((o) => o.kind)).toEqual(['cover', 'assign', 'assign']);
  });

  it('bad requests get a clear answer and change nothing', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T09:00:00+08:00', policy: POLICY });
    const cases: [string, string][] = [
      ['换班 11月26日 和 刘洋', '@张伟 你 11月26日 没有值班。发「我的值班」看看你的班。'],
      ['换班 11月25日 和 王五', '@张伟 本社区没有叫「王五」的同事。'],
      ['换班 11月25日 和 张伟', '@张伟 不能和自己换班。'],
      ['换班 11月23日 和 刘洋', '@张伟 这个班已经开始了，不能再换；需要有人顶上请找书记安排代班。'],
      ['代班 11月26日 陈静', '@张伟 陈静 11月26日 没有值班。'],
    ];
    for (const [text, answer] of cases.slice(0, 4)) {
      const sent = await bot.say('g-work', 'zhangwei', text);
      await bot.botReply('g-work', (m) => m === answer, sent);
    }
    const prompt = await bot.say('g-work', 'zhangwei', '@社区助手 换班 11月25日');
    await bot.botReply('g-work', (m) => m.startsWith('@张伟 和谁换？请写同事的姓名，例如「换班 12月5日 和 刘洋」。'), prompt);
    const cover = await bot.say('g-work', 'zhangwei', cases[4]![0]);
    await bot.botReply('g-work', (m) => m === cases[4]![1], cover);
    expect(await bot.app.db.dutySwap.count()).toBe(0);
  });
});
