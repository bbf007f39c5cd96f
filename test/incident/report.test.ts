import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { botTexts, startIncidentOffice } from './office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const NOW = '2026-12-02T09:00:00+08:00';

describe('a first report', () => {
  it('smoke in a stairwell tells the reporter to call 119 first; a blocked drain does not', async () => {
    bot = await startIncidentOffice(NOW);
    const smoke = await bot.say('g-residents', 'qiandaye', '上报 3号楼楼道冒烟');
    const first = await bot.botReply('g-residents', (m) => m.includes('#1'), smoke);
    expect(first.text).toContain('请先拨打 119');
    const drain = await bot.say('g-residents', 'qiandaye', '上报 5栋下水道堵了');
    const second = await bot.botReply('g-residents', (m) => m.includes('#2'), drain);
    expect(second.text).not.toContain('请先拨打');
  });

  it('a resident in the resident group: filed at once with the message time, staff told in full, the group reads no phone or household', async () => {
    bot = await startIncidentOffice(NOW);
    // Sent at 08:59:30, delivered at 09:00: the case keeps the message's own time.
    bot.clock.set(new Date('2026-12-02T08:59:30+08:00'), { frozen: true });
    const sent = await bot.say('g-residents', 'qiandaye', '上报 5栋302和402 楼上漏水，楼道积水了，我电话 139 1234 5678');
    const answer = await bot.botReply('g-residents', (m) => m.includes('#1'), sent);
    expect(answer.text).toMatch(/^@钱大爷 已登记突发事件 #1（洪涝·一般），上报时间 08:59。已通知：幸福社区应急群、值班张伟、书记王芳。/);
    expect(answer.text).toContain('请尽快补充：涉及人数、有无人员伤亡、已采取的措施、需要什么支援');
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.type, incident.className, incident.status, incident.reportedAt.toISOString(), incident.reporterName, incident.reporterPhone]).toEqual([
      '洪涝', '自然灾害', 'reported', '2026-12-02T00:59:30.000Z', '钱大爷', '13912345678',
    ]);

    const notice = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #1，请受理】'));
    expect(notice.text).toContain('情况：5栋302和402 楼上漏水，楼道积水了，我电话 139 1234 5678');
    expect(notice.text).toContain('钱大爷（居民，电话 13912345678）');
    expect(notice.buttons?.map((b) => b.value)).toEqual(['受理 #1', '转派 #1']);
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('【突发事件 #1，请受理】'));
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【突发事件 #1，请受理】'));

    // Whatever happens to the case afterwards, the resident group never reads the phone or the rooms.
    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    await bot.say('g-residents', 'qiandaye', '事件 #1');
    await bot.say('g-emergency', 'zhangwei', '办结 #1 已上门调解，402修好水管');
    await bot.app.delivery.drain();
    const seen = await botTexts(bot, 'g-residents');
    expect(seen.length).toBeGreaterThanOrEqual(4);
    for (const text of seen) {
      expect(text).not.toMatch(/139\s?1234\s?5678|13912345678/);
      expect(text).not.toMatch(/302|402/);
    }
    expect(seen.join('\n')).toContain('5栋***和***');
  });

  it('an unbound resident is filed with the platform user and display name', async () => {
    bot = await startIncidentOffice(NOW);
    const sent = await bot.say('g-residents', 'visitor', '上报 东门路灯坏了，晚上很黑');
    await bot.botReply('g-residents', (m) => m.includes('已登记突发事件 #1'), sent);
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.reporterPersonId, incident.platformUserId, incident.reporterName, incident.type, incident.level]).toEqual([null, 'visitor', '新同事（未绑定）', '其他', '一般']);
    await bot.botReply('g-emergency', (m) => m.includes('新同事（未绑定）（未登记）'));
  });

  it('报告 reports only when it reads as an incident; a serious one says call 110/119/120 first and tells everyone up the chain', async () => {
    bot = await startIncidentOffice(NOW);
    await bot.say('g-work', 'zhangwei', '报告，王书记，材料我已经交了');
    const sent = await bot.say('g-work', 'zhangwei', '报告 幸福路口两车相撞 有人受伤');
    const answer = await bot.botReply('g-work', (m) => m.includes('#1'), sent);
    expect(answer.text).toContain('（交通事故·较大）');
    expect(answer.text).toContain('请先拨打 122（交通事故）、110（报警）、120（急救）');
    expect(await bot.app.db.incident.count()).toBe(1);
    expect((await botTexts(bot, 'g-work')).filter((m) => m.includes('材料'))).toEqual([]);

    const serious = await bot.say('g-residents', 'qiandaye', '上报 3号楼燃气爆炸 有人死亡');
    const first = await bot.botReply('g-residents', (m) => m.includes('#2'), serious);
    expect(first.text).toContain('（燃气泄漏·重大）');
    expect(first.text).toContain('请先拨打 119（火警）、120（急救）');
    expect(first.text).toContain('街道应急办黄磊');
    await bot.botReply('dm:huanglei', (m) => m.startsWith('【重大突发事件 #2，请立即处置】'));
  });

  it('follow-ups by quote, by 「#编号 续报」 and as the answer in a private chat, each with its time', async () => {
    bot = await startIncidentOffice(NOW);
    const sent = await bot.say('g-work', 'liuyang', '上报 3号楼2单元楼道冒烟');
    const answer = await bot.botReply('g-work', (m) => m.includes('#1'), sent);
    bot.clock.set(new Date('2026-12-02T09:02:00+08:00'), { frozen: true });
    const quoted = await bot.say('g-work', 'liuyang', '已疏散10人，无人受伤', { replyTo: answer.id });
    await bot.botReply('g-work', (m) => m === '@刘洋 已记入事件 #1 的续报（09:02）。', quoted);
    bot.clock.set(new Date('2026-12-02T09:04:00+08:00'), { frozen: true });
    const typed = await bot.say('g-work', 'zhangwei', '#1 续报 物业已切断电源');
    await bot.botReply('g-work', (m) => m === '@张伟 已记入事件 #1 的续报（09:04）。', typed);
    // Chatter with the word stays talk.
    await bot.say('g-work', 'zhangwei', '续报一下情况');

    const own = await bot.say('dm:qiandaye', 'qiandaye', '上报 5栋门口有人晕倒');
    await bot.botReply('dm:qiandaye', (m) => m.includes('#2'), own);
    bot.clock.set(new Date('2026-12-02T09:06:00+08:00'), { frozen: true });
    const more = await bot.say('dm:qiandaye', 'qiandaye', '是个老人，已经打了120');
    await bot.botReply('dm:qiandaye', (m) => m === '已记入事件 #2 的续报（09:06）。', more);

    const updates = await bot.app.db.incidentUpdate.findMany({ where: { kind: 'followup' }, orderBy: { id: 'asc' } });
    expect(updates.map((u) => [u.incidentId, u.name, u.text, u.at.toISOString()])).toEqual([
      [1, '刘洋', '已疏散10人，无人受伤', '2026-12-02T01:02:00.000Z'],
      [1, '张伟', '物业已切断电源', '2026-12-02T01:04:00.000Z'],
      [2, '钱大爷', '是个老人，已经打了120', '2026-12-02T01:06:00.000Z'],
    ]);
    await bot.botReply('g-emergency', (m) => m === '【事件 #1 续报】09:04 张伟：物业已切断电源');
  });

  it('受理 by button, by reply and typed: the first wins with its time, the rest are told who has it', async () => {
    bot = await startIncidentOffice(NOW);
    for (const text of ['上报 3号楼冒烟', '上报 东门路灯坏了', '上报 幸福路口有人打架']) await bot.say('g-work', 'liuyang', text);
    const first = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #1'));
    const second = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #2'));
    bot.clock.set(new Date('2026-12-02T09:03:00+08:00'), { frozen: true });
    await bot.post('/sandbox/api/buttons', { messageId: first.id, userId: 'zhangwei', value: first.buttons![0]!.value });
    await bot.botReply('g-emergency', (m) => m.startsWith('@张伟 已受理事件 #1（09:03，上报后 3 分钟）'));
    // The buttons are gone once taken; a typed 受理 from someone else is told who has it.
    const again = await bot.post('/sandbox/api/buttons', { messageId: first.id, userId: 'zhangwei', value: '受理 #1' });
    expect(again.status).toBe(400);
    const late = await bot.say('g-emergency', 'wangfang', '受理 #1');
    await bot.botReply('g-emergency', (m) => m === '@王芳 事件 #1 已由张伟在 09:03 受理。', late);
    // Every notice of #1 now shows who took it (GoAlert's users complain an ack is not shown elsewhere).
    await bot.botReply('dm:wangfang', (m) => m.startsWith('【突发事件 #1') && m.endsWith('✔ 张伟 已受理（09:03）'));
    await bot.botReply('g-work', (m) => m === '@刘洋 你上报的事件 #1 已由张伟受理（09:03），正在处理。');

    const reply = await bot.say('g-emergency', 'wangfang', '受理', { replyTo: second.id });
    await bot.botReply('g-emergency', (m) => m.startsWith('@王芳 已受理事件 #2'), reply);
    const typed = await bot.say('g-emergency', 'liqiang', '受理 #3');
    await bot.botReply('g-emergency', (m) => m.startsWith('@李强 已受理事件 #3'), typed);
    await bot.say('g-emergency', 'liuyang', '受理了吗');
    const cases = await bot.app.db.incident.findMany({ orderBy: { id: 'asc' } });
    expect(cases.map((c) => [c.status, c.takenByName, c.takenAt?.toISOString()])).toEqual([
      ['taken', '张伟', '2026-12-02T01:03:00.000Z'],
      ['taken', '王芳', '2026-12-02T01:03:00.000Z'],
      ['taken', '李强', '2026-12-02T01:03:00.000Z'],
    ]);
    // A resident may not take a case.
    const resident = await bot.say('dm:qiandaye', 'qiandaye', '受理 #1');
    await bot.botReply('dm:qiandaye', (m) => m.startsWith('「受理」只有'), resident);
  });
});
