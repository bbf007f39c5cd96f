import { afterEach, describe, expect, it } from 'vitest';
import type { TestApp } from '../helpers/app.ts';
import { botTexts, startIncidentOffice } from './office.ts';

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

const NOW = '2026-12-02T09:00:00+08:00';
const ID = '11010519491231002X';
const PHONES = /13912345678|139\.1234\.5678|138\D?0013\D?8000|13712345678|13600001111/;

/** Asks 「事件 #id」 in a chat and returns the bot's answer (staff ask in the residents' group: the answer mentions whoever asks). */
async function caseAsShown(app: TestApp, chatId: string, userId: string, id: number): Promise<string> {
  const asked = await app.say(chatId, userId, `事件 #${id}`);
  return (await app.botReply(chatId, (m) => m.includes(`【突发事件 #${id}】`), asked)).text;
}

describe('what a residents’ group reads of a case', () => {
  it('ID numbers and phones in any width and with any separators are hidden there, and whole in staff chats', async () => {
    bot = await startIncidentOffice(NOW);
    const sent = await bot.say('g-residents', 'qiandaye', `上报 东门路灯倒了砸到车，我身份证${ID}，电话139.1234.5678，家里１３８ ００１３ ８０００，或 +86 138-0013-8000`);
    await bot.botReply('g-residents', (m) => m.includes('已登记突发事件 #1'), sent);
    await bot.say('g-residents', 'qiandaye', '#1 续报 我老伴电话 137-1234-5678');
    await bot.say('g-work', 'zhangwei', '受理 #1');

    const residents = await caseAsShown(bot, 'g-residents', 'zhangwei', 1);
    expect(residents).toContain('情况：东门路灯倒了砸到车，我身份证***，电话***，家里***，或 ***');
    expect(residents).toContain('我老伴电话 ***');
    expect(residents).toContain('钱**');
    expect(residents).not.toContain(ID);
    expect(residents).not.toMatch(PHONES);

    for (const [chatId, userId] of [['g-work', 'zhangwei'], ['dm:qiandaye', 'qiandaye']] as const) {
      const whole = await caseAsShown(bot, chatId, userId, 1);
      // As the resident wrote it, full-width digits and all.
      expect(whole).toContain(`我身份证${ID}，电话139.1234.5678，家里１３８ ００１３ ８０００，或 +86 138-0013-8000`);
      expect(whole).toContain('我老伴电话 137-1234-5678');
    }

    await bot.say('g-work', 'zhangwei', '办结 #1 已联系车主 13600001111，路灯已扶正');
    const closed = await bot.botReply('g-residents', (m) => m.includes('【回访】你上报的事件 #1'));
    expect(closed.text).toContain('已联系车主 ***，路灯已扶正');
    await bot.delivered();
    for (const text of await botTexts(bot, 'g-residents')) {
      expect(text).not.toContain(ID);
      expect(text).not.toMatch(PHONES);
    }
  });

  it('a dispute whose reporter asks not to be named: the group reads its type and status only, never who reported it', async () => {
    bot = await startIncidentOffice(NOW);
    const sent = await bot.say('g-residents', 'qiandaye', '上报 和楼上302吵架了，他家天天往下漏水，不要告诉他是我举报的');
    const filed = await bot.botReply('g-residents', (m) => m.includes('已登记突发事件 #1'), sent);
    expect(filed.text).toContain('（邻里纠纷·一般）');
    expect(filed.text).toContain('群里只显示编号和进展，不显示上报人和详情');
    expect((await bot.app.db.incident.findUniqueOrThrow({ where: { id: 1 } })).confidential).toBe(true);

    // Staff read it all, in their groups and privately.
    const notice = await bot.botReply('g-emergency', (m) => m.startsWith('【突发事件 #1，请受理】'));
    expect(notice.text).toContain('不要告诉他是我举报的');
    expect(notice.text).toContain('钱大爷（居民，电话 13912345678）');
    await bot.say('g-emergency', 'zhangwei', '受理 #1');
    await bot.say('g-residents', 'qiandaye', '#1 续报 今天又漏了');

    const residents = await caseAsShown(bot, 'g-residents', 'zhangwei', 1);
    expect(residents.split('\n').slice(0, 4)).toEqual(['@张伟 【突发事件 #1】', '类型：邻里纠纷（社会安全事件）·一般', '（涉及个人隐私，群里不显示上报人和详情，工作人员会跟进处理）', '状态：已受理，负责人 张伟']);
    expect(residents).not.toMatch(/钱|302|漏水|吵架|不要告诉|今天又漏了/);

    const work = await caseAsShown(bot, 'g-work', 'zhangwei', 1);
    expect(work).toContain('情况：和楼上302吵架了，他家天天往下漏水，不要告诉他是我举报的');
    expect(work).toContain('钱大爷（居民，电话 13912345678）');
    expect(work).toContain('今天又漏了');

    await bot.say('g-emergency', 'zhangwei', '调解 #1 双方：302王某、钱大爷；调解人：张伟；协议：302修好水管');
    await bot.delivered();
    // Everything the bot said in the group on its own, not as the answer to the reporter's own message there.
    const later = (await botTexts(bot, 'g-residents')).filter((text) => !/^@钱大爷 已(登记突发事件|记入事件)/.test(text));
    expect(later.some((text) => text.startsWith('你上报的事件 #1 已由张伟受理'))).toBe(true);
    expect(later.some((text) => text.startsWith('你上报的事件 #1 已办结：详情不在群里公开'))).toBe(true);
    for (const text of later) expect(text).not.toMatch(/钱|302|水管|吵架|不要告诉/);
  });

  it('a reporter who asks in a follow-up not to be named is not, from then on', async () => {
    bot = await startIncidentOffice(NOW);
    const sent = await bot.say('g-residents', 'qiandaye', '上报 3栋楼道堆满杂物');
    await bot.botReply('g-residents', (m) => m.includes('已登记突发事件 #1'), sent);
    expect(await caseAsShown(bot, 'g-residents', 'zhangwei', 1)).toContain('钱**');
    await bot.say('g-residents', 'qiandaye', '#1 续报 是502堆的，别说是我');
    const residents = await caseAsShown(bot, 'g-residents', 'zhangwei', 1);
    expect(residents).not.toMatch(/钱|杂物|502|别说是我/);
    expect(await caseAsShown(bot, 'g-work', 'zhangwei', 1)).toContain('别说是我');
  });
});
