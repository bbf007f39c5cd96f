import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { botTexts, moveTo, startIncidentOffice } from './office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});


describe('办结 → 回访 → 归档', () => {
  it('the reporter is asked in the chat they reported from; others’ 满意 is talk; 不满意 reopens; 满意 archives', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    await bot.say('g-residents', 'qiandaye', '上报 东门路灯坏了，晚上很黑');
    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    bot.clock.set(new Date('2026-12-02T10:00:00+08:00'), { frozen: true });
    const close = await bot.say('g-emergency', 'zhangwei', '办结 #1 已联系物业换好灯泡');
    await bot.botReply('g-emergency', (m) => m === '@张伟 事件 #1 已办结（10:00）。已请上报人回访评价。', close);
    const question = await bot.botReply('g-residents', (m) => m.startsWith('@钱大爷 【回访】你上报的事件 #1（其他）已于 12月2日 10:00 办结：已联系物业换好灯泡'));
    expect(question.buttons?.map((b) => b.value)).toEqual(['回访 #1 满意', '回访 #1 不满意']);

    // A neighbour's 满意 is talk; pressing the reporter's button is refused.
    const neighbour = await bot.say('g-residents', 'visitor', '满意');
    await bot.post('/sandbox/api/buttons', { messageId: question.id, userId: 'liuyang', value: '回访 #1 满意' });
    await bot.botReply('g-residents', (m) => m === '@刘洋 只有上报人可以评价事件 #1。');
    const event = await bot.app.db.inboxEvent.findUniqueOrThrow({ where: { platform_eventId: { platform: 'sandbox', eventId: neighbour } } });
    expect(JSON.parse(event.outcome!)).toEqual({ ignored: true });

    bot.clock.set(new Date('2026-12-02T10:30:00+08:00'), { frozen: true });
    const unhappy = await bot.say('g-residents', 'qiandaye', '不满意', { replyTo: question.id });
    await bot.botReply('g-residents', (m) => m === '@钱大爷 抱歉问题还没有解决，事件 #1 已重新打开，张伟会继续处理。', unhappy);
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('【事件 #1 回访不满意，已重新打开】'));
    let incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.status, incident.reopenCount, incident.closedAt]).toEqual(['taken', 1, null]);

    bot.clock.set(new Date('2026-12-02T11:00:00+08:00'), { frozen: true });
    await bot.say('dm:zhangwei', 'zhangwei', '办结 #1 更换了整套灯具');
    await bot.botReply('g-residents', (m) => m.includes('【回访】你上报的事件 #1') && m.includes('更换了整套灯具'));
    const happy = await bot.say('g-residents', 'qiandaye', '满意');
    await bot.botReply('g-residents', (m) => m === '@钱大爷 谢谢你的评价，事件 #1 已归档。', happy);
    incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.status, incident.rating, incident.visitedAt?.toISOString(), incident.archivedAt?.toISOString()]).toEqual(['archived', 'satisfied', '2026-12-02T03:00:00.000Z', '2026-12-02T03:00:00.000Z']);
    const again = await bot.say('g-residents', 'qiandaye', '@社区助手 回访 #1 不满意');
    await bot.botReply('g-residents', (m) => m === '@钱大爷 事件 #1 已归档，现在不需要评价。', again);
  });

  it('an unanswered visit is archived unrated after the policy’s days', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    await bot.say('dm:qiandaye', 'qiandaye', '上报 东门路灯坏了');
    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    await bot.say('g-emergency', 'zhangwei', '办结 #1 已修好');
    await moveTo(bot, '2026-12-05T09:00:00');
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.status, incident.rating]).toEqual(['archived', null]);
  });
});

describe('side paths', () => {
  it('a second report of the same thing is offered for merging and merged, linked both ways', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    await bot.say('g-work', 'liuyang', '上报 3号楼2单元楼道冒烟');
    bot.clock.set(new Date('2026-12-02T09:10:00+08:00'), { frozen: true });
    const second = await bot.say('g-residents', 'qiandaye', '上报 3号楼有烟味，好像着火了');
    const answer = await bot.botReply('g-residents', (m) => m.includes('#2'), second);
    expect(answer.text).toContain('09:00 已有人上报过类似情况（#1），工作人员会核实是否为同一件事。');
    const notice = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #2'));
    expect(notice.text).toContain('⚠ 可能与 #1（09:00 上报）是同一件事');
    // A different place is not offered.
    await bot.say('g-residents', 'qiandaye', '上报 7号楼冒烟');
    const other = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #3'));
    expect(other.text).not.toContain('可能与');

    const merge = notice.buttons!.find((b) => b.value === '并案 #2 #1')!;
    await bot.post('/sandbox/api/buttons', { messageId: notice.id, userId: 'wangfang', value: merge.value });
    await bot.botReply('g-emergency', (m) => m === '@王芳 已将事件 #2 并入 #1，两件事互相关联。');
    await bot.botReply('g-residents', (m) => m === '@钱大爷 你上报的事件 #2 和 #1 是同一件事，已合并处理，进展会在 #1 里跟进。');
    const cases = await bot.app.db.incident.findMany({ where: { id: { in: [1, 2] } }, include: { merged: true }, orderBy: { id: 'asc' } });
    expect([cases[0]!.merged.map((m) => m.id), cases[1]!.mergedIntoId, cases[1]!.status]).toEqual([[2], 1, 'merged']);
    // #2 no longer climbs the chain; its reporter's follow-ups land on #1.
    await moveTo(bot, '2026-12-02T10:00:00');
    expect((await bot.app.db.incidentUpdate.findMany({ where: { incidentId: 2 }, orderBy: { id: 'asc' } })).map((u) => u.kind)).toEqual(['reported', 'merged']);
    await bot.say('g-residents', 'qiandaye', '#2 续报 火已经灭了');
    expect((await bot.app.db.incidentUpdate.findFirstOrThrow({ where: { incidentId: 1, text: '火已经灭了' } })).name).toBe('钱大爷');
  });

  it('转派 to a named colleague, 退回 with a reason (announced again, the clock still from the report), 升级 to the street', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    await bot.say('g-work', 'liuyang', '上报 幸福路口有人打架');
    const notice = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #1'));
    await bot.post('/sandbox/api/buttons', { messageId: notice.id, userId: 'wangfang', value: '转派 #1' });
    await bot.botReply('g-emergency', (m) => m.startsWith('@王芳 把事件 #1 转派给谁？'));
    await bot.say('g-emergency', 'wangfang', '刘洋');
    await bot.botReply('g-emergency', (m) => m === '@王芳 已将事件 #1 转派给刘洋，已私信通知。');
    await bot.botReply('dm:liuyang', (m) => m.startsWith('【事件 #1 转派给你】王芳 转派（09:00）'));
    const refused = await bot.say('g-emergency', 'zhangwei', '转派 #1 张伟');
    await bot.botReply('g-emergency', (m) => m.startsWith('@张伟 事件 #1 由刘洋负责'), refused);

    bot.clock.set(new Date('2026-12-02T09:20:00+08:00'), { frozen: true });
    const noReason = await bot.say('dm:liuyang', 'liuyang', '退回 #1');
    await bot.botReply('dm:liuyang', (m) => m.startsWith('请写明退回理由'), noReason);
    await bot.say('dm:liuyang', 'liuyang', '不在本社区辖区，是隔壁阳光社区的路口');
    await bot.botReply('dm:liuyang', (m) => m === '已退回事件 #1，已重新通知值班人员和应急群。');
    await bot.botReply('g-emergency', (m) => m.startsWith('【事件 #1 被退回，请重新受理】刘洋 退回（09:20）：不在本社区辖区'));
    // 一般: the chain's clock started at the report, so the re-announcement (due 09:15) follows at once.
    await moveTo(bot, '2026-12-02T09:21:00');
    await bot.botReply('dm:zhangwei', (m) => m.startsWith('【事件 #1 已 21 分钟无人受理'));

    const up = await bot.say('g-emergency', 'wangfang', '升级 #1 需要派出所支援');
    await bot.botReply('g-emergency', (m) => m === '@王芳 已将事件 #1 上报街道：街道应急办黄磊。', up);
    await bot.botReply('dm:huanglei', (m) => m.startsWith('【社区上报 · 事件 #1】幸福社区，王芳 上报街道（09:21）：需要派出所支援'));
    const twice = await bot.say('g-emergency', 'wangfang', '升级 #1');
    await bot.botReply('g-emergency', (m) => m === '@王芳 事件 #1 已在 12月2日 09:21 上报街道。', twice);
  });

  it('a neighbour dispute: mediation recorded (parties, mediator, agreement), the visit after the policy’s 7 days', async () => {
    bot = await startIncidentOffice('2026-12-02T09:00:00+08:00');
    await bot.say('g-residents', 'qiandaye', '上报 邻里纠纷 5栋302和402 漏水吵起来了');
    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    const wrong = await bot.say('g-emergency', 'zhangwei', '调解 #1 双方：302王某、402李某');
    await bot.botReply('g-emergency', (m) => m.startsWith('@张伟 请按格式记录调解'), wrong);
    bot.clock.set(new Date('2026-12-02T15:00:00+08:00'), { frozen: true });
    const done = await bot.say('g-emergency', 'zhangwei', '调解 #1 双方：302王某、402李某；调解人：张伟、王芳；协议：402三日内修好水管，302不再追究');
    const answer = await bot.botReply('g-emergency', (m) => m.includes('已记录事件 #1 的调解'), done);
    expect(answer.text).toContain('将于 12月9日 15:00 回访上报人。');
    const incident = await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } });
    expect([incident.mediationParties, incident.mediator, incident.mediationAgreement, incident.status]).toEqual(['302王某、402李某', '张伟、王芳', '402三日内修好水管，302不再追究', 'closed']);
    // A dispute is confidential: the residents' group is told it is closed, neither who reported it nor how.
    const closed = await bot.botReply('g-residents', (m) => m.startsWith('你上报的事件 #1 已办结'));
    expect(closed.text).toBe('你上报的事件 #1 已办结：详情不在群里公开，可以私下向社区工作人员了解');

    await moveTo(bot, '2026-12-09T14:59:00');
    expect((await botTexts(bot, 'g-residents')).filter((m) => m.includes('【回访】'))).toEqual([]);
    await moveTo(bot, '2026-12-09T15:00:00');
    const visit = await bot.botReply('g-residents', (m) => m.includes('【回访】你上报的事件 #1（邻里纠纷）'));
    expect(visit.text).not.toMatch(/302|402|水管|钱/);
    await bot.say('g-residents', 'qiandaye', '满意');
    expect((await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } })).rating).toBe('satisfied');
  });
});
