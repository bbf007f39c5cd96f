import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../helpers/app.ts';
import { botTexts, moveTo } from '../../incident/office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const start = () => startTestApp({ demo: true, now: '2026-12-02T09:00:00+08:00' });

const FULL = [
  '发布预警',
  '名称：暴雨红色预警',
  '类型：气象灾害',
  '级别：红色',
  '区域：幸福社区全域',
  '时间：12月2日12:00至12月3日20:00',
  '预计影响：低洼路段积水，地下车库可能进水',
  '措施：减少外出，车辆移出地下车库',
  '发布单位：幸福街道应急办',
].join('\n');

/** Outbox rows that went to a chat with this text in them: what was sent, or queued to be. */
async function sentTo(bot: TestApp, chatId: string, text: string): Promise<string[]> {
  const rows = await bot.app.db.outboxMessage.findMany({ where: { platformChatId: chatId }, orderBy: { id: 'asc' } });
  return rows.map((row) => (JSON.parse(row.payload) as { text: string }).text).filter((m) => m.includes(text));
}

describe('alerts (预警信息)', () => {
  it('asks for each missing field in order, goes to the secretary for approval, and only then to the resident, emergency and work groups', async () => {
    bot = await start();
    const dm = 'dm:zhangwei';
    await bot.say(dm, 'zhangwei', '发布预警 暴雨红色预警\n类型：气象灾害');
    await bot.botReply(dm, (m) => m.startsWith('请发送预警级别：蓝色、黄色、橙色或红色'));
    const answers: [string, string][] = [
      ['紫色', '「紫色」不是预警级别，请发送蓝色、黄色、橙色或红色'],
      ['红色预警', '请发送预警区域'],
      ['幸福社区全域', '请发送预警起止时间'],
      ['12月2日12:00至12月3日20:00', '请发送预计影响'],
      ['低洼路段积水，地下车库可能进水', '请发送防范措施'],
      ['减少外出，车辆移出地下车库', '请发送发布单位'],
    ];
    for (const [answer, next] of answers) {
      const id = await bot.say(dm, 'zhangwei', answer);
      await bot.botReply(dm, (m) => m.startsWith(next), id);
    }
    const last = await bot.say(dm, 'zhangwei', '幸福街道应急办');
    const shown = await bot.botReply(dm, (m) => m.startsWith('预警#1'), last);
    expect(shown.text).toBe(
      [
        '预警#1 已提交审批：',
        '名称：暴雨红色预警',
        '类型：气象灾害',
        '级别：红色',
        '区域：幸福社区全域',
        '时间：12月2日12:00至12月3日20:00',
        '预计影响：低洼路段积水，地下车库可能进水',
        '防范措施：减少外出，车辆移出地下车库',
        '发布单位：幸福街道应急办',
        '审批人：王芳（书记）。同意后才会发出，驳回则不发。',
      ].join('\n'),
    );
    const post = await bot.botReply('g-work', (m) => m.startsWith('@王芳 【预警审批 预警#1】'));
    expect(post.text).toContain('提交人：张伟；审批人：王芳（书记）');
    expect(post.buttons?.map((b) => b.value)).toEqual(['同意 预警#1', '驳回 预警#1']);
    // Not sent before it is approved.
    expect(await sentTo(bot, 'g-residents', '预警')).toEqual([]);

    const approve = await bot.say('g-work', 'wangfang', '同意', { replyTo: post.id });
    await bot.botReply('g-work', (m) => m === '@王芳 已同意，张伟提交的预警#1 已发出。', approve);
    for (const chat of ['g-residents', 'g-emergency', 'g-work']) {
      const sent = await bot.botReply(chat, (m) => m.startsWith('【预警信息】#1 暴雨红色预警'));
      expect(sent.text).toContain('\n级别：红色\n区域：幸福社区全域\n时间：12月2日12:00至12月3日20:00\n');
      expect(sent.text.endsWith('\n发布单位：幸福街道应急办\n——张伟')).toBe(true);
    }
    // Sent as a notice: one delivery row per chat, in the ledger.
    const notice = await bot.app.db.notice.findFirstOrThrow({ where: { alertId: 1 } });
    const deliveries = await bot.app.db.noticeDelivery.findMany({ where: { noticeId: notice.id }, orderBy: { id: 'asc' } });
    expect([notice.source, notice.category, deliveries.map((d) => d.platformChatId)]).toEqual(['alert', '预警信息', ['g-residents', 'g-emergency', 'g-work']]);
    await bot.botReply(dm, (m) => m === '预警#1 已审批同意，已发到居民群、应急群和工作群（预警 #1）。');
    const alert = await bot.app.db.alert.findUniqueOrThrow({ where: { id: 1 } });
    expect([alert.status, alert.level, alert.guidance]).toEqual(['approved', '红色', '减少外出，车辆移出地下车库']);
  });

  it('a rejected alert is never sent; the secretary’s own alert goes to the street emergency office', async () => {
    bot = await start();
    const filed = await bot.say('dm:wangfang', 'wangfang', FULL);
    await bot.botReply('dm:wangfang', (m) => m.includes('审批人：黄磊（街道应急办）'), filed);
    const post = await bot.botReply('dm:huanglei', (m) => m.startsWith('【预警审批 预警#1】'));
    // Someone else's 同意 does nothing.
    const other = await bot.say('g-work', 'liqiang', '同意 预警#1');
    await bot.botReply('g-work', (m) => m === '@李强 预警#1 应由黄磊（街道应急办）审批，你不能审批。', other);
    await bot.post('/sandbox/api/buttons', { messageId: post.id, userId: 'huanglei', value: '驳回 预警#1' });
    await bot.botReply('dm:huanglei', (m) => m.startsWith('驳回要写明理由'));
    const reject = await bot.say('dm:huanglei', 'huanglei', '驳回 预警#1 等气象台确认后再发');
    await bot.botReply('dm:huanglei', (m) => m === '已驳回王芳提交的预警#1，不会发出，理由已告知本人。', reject);
    await bot.botReply('dm:wangfang', (m) => m === '预警#1 被黄磊驳回，没有发出。理由：等气象台确认后再发');
    const late = await bot.say('dm:huanglei', 'huanglei', '同意 预警#1');
    await bot.botReply('dm:huanglei', (m) => m === '预警#1 已驳回，无需再处理。', late);
    await bot.app.delivery.drain();
    for (const chat of ['g-residents', 'g-emergency']) expect(await sentTo(bot, chat, '预警')).toEqual([]);
    expect((await botTexts(bot, 'g-work')).filter((m) => m.includes('预警信息'))).toEqual([]);
    expect(await bot.app.db.noticeDelivery.count()).toBe(0);
    expect((await bot.app.db.alert.findUniqueOrThrow({ where: { id: 1 } })).status).toBe('rejected');
  });

  it('an update and a cancellation refer to the first alert and go through the same approval', async () => {
    bot = await start();
    await bot.say('dm:zhangwei', 'zhangwei', FULL);
    await bot.say('g-work', 'wangfang', '同意 预警#1');
    await bot.botReply('g-residents', (m) => m.startsWith('【预警信息】#1'));

    bot.clock.set(new Date('2026-12-02T15:00:00+08:00'), { frozen: true });
    const update = await bot.say('g-work', 'zhangwei', '更新预警 #1 雨势减弱，降为橙色\n级别：橙色');
    await bot.botReply('g-work', (m) => m.startsWith('@张伟 预警#2（更新预警 #1）已提交审批：'), update);
    expect(await sentTo(bot, 'g-residents', '【预警更新】')).toEqual([]);
    const post = await bot.botReply('g-work', (m) => m.startsWith('@王芳 【预警审批 预警#2：更新预警 #1】'));
    await bot.say('g-work', 'wangfang', '同意', { replyTo: post.id });
    const updated = await bot.botReply('g-residents', (m) => m.startsWith('【预警更新】'));
    expect(updated.text).toBe(
      [
        '【预警更新】更新预警 #1：暴雨红色预警',
        '更新内容：雨势减弱，降为橙色',
        '名称：暴雨红色预警',
        '类型：气象灾害',
        '级别：橙色',
        '区域：幸福社区全域',
        '时间：12月2日12:00至12月3日20:00',
        '预计影响：低洼路段积水，地下车库可能进水',
        '防范措施：减少外出，车辆移出地下车库',
        '发布单位：幸福街道应急办',
        '——张伟',
      ].join('\n'),
    );

    // The number of the update names the first alert too; the cancellation carries the fields as updated.
    const cancel = await bot.say('g-work', 'zhangwei', '解除预警 #2 降雨已结束');
    await bot.botReply('g-work', (m) => m.startsWith('@张伟 预警#3（解除预警 #1）已提交审批：'), cancel);
    await bot.say('g-work', 'wangfang', '同意 预警#3');
    const cancelled = await bot.botReply('g-emergency', (m) => m.startsWith('【预警解除】'));
    expect(cancelled.text).toBe('【预警解除】预警 #1「暴雨红色预警」已解除\n解除说明：降雨已结束\n区域：幸福社区全域\n发布单位：幸福街道应急办\n——张伟');
    const rows = await bot.app.db.alert.findMany({ orderBy: { id: 'asc' } });
    expect(rows.map((a) => [a.id, a.msgType, a.refId, a.level, a.status])).toEqual([
      [1, 'alert', null, '红色', 'approved'],
      [2, 'update', 1, '橙色', 'approved'],
      [3, 'cancel', 1, '橙色', 'approved'],
    ]);

    const again = await bot.say('g-work', 'zhangwei', '更新预警 #1 级别：蓝色');
    await bot.botReply('g-work', (m) => m === '@张伟 预警 #1 已经解除了。', again);
  });

  it('the emergency office’s alert to the whole street goes to the deputy leader; an idle approval is reminded after the policy’s minutes, at night too', async () => {
    bot = await startTestApp({ demo: true, now: '2026-12-02T22:00:00+08:00' });
    const filed = await bot.say('dm:huanglei', 'huanglei', FULL.replace('发布预警', '发布预警 全街道'));
    await bot.botReply('dm:huanglei', (m) => m.includes('审批人：孙波（街道分管领导）'), filed);
    await bot.botReply('dm:sunbo', (m) => m.startsWith('【预警审批 预警#1】'));
    await moveTo(bot, '2026-12-02T22:14:00');
    expect((await botTexts(bot, 'dm:sunbo')).filter((m) => m.includes('提醒'))).toEqual([]);
    await moveTo(bot, '2026-12-02T22:15:00');
    const reminder = await bot.botReply('dm:sunbo', (m) => m.startsWith('【预警审批 预警#1】（提醒：预警还在等你审批）'));
    await bot.botReply('dm:huanglei', (m) => m === '你提交的预警#1 已提醒孙波（街道分管领导）尽快审批。');
    await bot.say('dm:sunbo', 'sunbo', '同意', { replyTo: reminder.id });
    const sent = await bot.botReply('g-residents', (m) => m.startsWith('【预警信息】#1 暴雨红色预警'));
    expect(sent.text.endsWith('——黄磊')).toBe(true);
    const notice = await bot.app.db.notice.findFirstOrThrow({ where: { alertId: 1 } });
    expect(JSON.parse(notice.audience)).toEqual({ scope: 'street', tags: [] });
  });
});
