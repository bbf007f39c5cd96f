import { afterEach, describe, expect, it } from 'vitest';
import { messageEvent } from './callbacks.ts';
import { BOT_OPEN_ID, shownText } from './fake-lark.ts';
import { expectAccepted, OPEN_IDS, startLarkBot, type LarkBot } from './lark-bot.ts';

let t: LarkBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const at = (time: string) => new Date(`2026-12-02T${time}+08:00`);
const QIAN = 'ou_qiandaye';
const EVERYONE = '<at user_id="all">所有人</at>';

/**
 * The markup Lark reads in a `text` message (see adapters/lark/render.ts): a tag opened by `<` and
 * its name at once (`<at …>`, `<b>`, `</at>`), or a `](` link.
 */
function larkMarkup(text: string): string[] {
  return [...text.matchAll(/<\/?(?:at|b|i|u|s)\b[^>]*>|\]\(/gi)].map((m) => m[0]);
}

/** What people see: Lark shows the zero-width space as nothing. */
const visible = (text: string) => text.replaceAll('\u200b', '');

/** The demo office with its Lark groups: residents, emergency and work; 钱大爷 bound to a Lark account. */
async function larkOffice(): Promise<LarkBot> {
  const bot = await startLarkBot({ now: '2026-12-02T09:00:00+08:00' });
  const { db } = bot.bot.app;
  const community = await db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
  for (const [chatId, purpose] of [['oc_residents', 'resident'], ['oc_emergency', 'emergency'], ['oc_work', 'work']] as const) {
    await db.chat.create({ data: { platform: 'lark', platformChatId: chatId, kind: 'group', title: chatId, purpose, communityId: community.id } });
  }
  const qian = await db.person.findFirstOrThrow({ where: { name: '钱大爷' } });
  await db.binding.create({ data: { personId: qian.id, platform: 'lark', platformUserId: QIAN, displayName: '钱大爷' } });
  return bot;
}

describe('Lark shows people’s words as written, never as markup', () => {
  it('a resident’s <at user_id="all"> in a report and a follow-up reaches the emergency group as plain words; the bot’s own @mention still works', async () => {
    t = await larkOffice();
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_residents', from: QIAN, text: `上报 东门路灯倒了 ${EVERYONE} 快来看 <b>急</b> [详情](https://evil.example)`, at: at('09:00:00') })));

    // The bot's answer to the reporter is a real mention of them, and only of them.
    const filed = await t.sent((m, text) => m.chatId === 'oc_residents' && text.includes('已登记突发事件 #1'));
    expect(filed.msgType).toBe('text');
    expect(larkMarkup(filed.content.text)).toEqual([`<at user_id="${QIAN}">`, '</at>']);

    // The notice with buttons is a card: the words are plain_text, the only markdown is none.
    const notice = await t.sent((m, text) => m.chatId === 'oc_emergency' && text.startsWith('【突发事件 #1，请受理】'));
    expect(notice.msgType).toBe('interactive');
    expect(notice.content.elements.filter((e: any) => e.tag === 'div').map((e: any) => e.text.tag)).toEqual(['plain_text']);
    expect(shownText(notice)).toContain(`情况：东门路灯倒了 ${EVERYONE} 快来看 <b>急</b> [详情](https://evil.example)`);

    // A follow-up is told to the group as a text message: no tag, no link, the words as written.
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_residents', from: QIAN, text: `#1 续报 ${EVERYONE} 又倒了一根 <AT user_id="all"></AT>`, at: at('09:01:00') })));
    const followUp = await t.sent((m, text) => m.chatId === 'oc_emergency' && text.startsWith('【事件 #1 续报】'));
    expect(followUp.msgType).toBe('text');
    expect(larkMarkup(followUp.content.text)).toEqual([]);
    expect(visible(followUp.content.text)).toBe(`【事件 #1 续报】09:01 钱大爷：${EVERYONE} 又倒了一根 <AT user_id="all"></AT>`);
  });

  it('a question forwarded to the work group and a display name in a mention carry no markup either', async () => {
    t = await larkOffice();
    const bot = { key: '@_user_1', openId: BOT_OPEN_ID, name: '社区助手' };
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_residents', from: QIAN, text: `@_user_1 ${EVERYONE} 停水到几点？`, mentions: [bot], at: at('09:00:00') })));
    const post = await t.sent((m, text) => m.chatId === 'oc_work' && text.startsWith('【居民提问 #1】'));
    expect(post.msgType).toBe('text');
    expect(larkMarkup(post.content.text)).toEqual([]);
    expect(visible(post.content.text)).toContain(`${EVERYONE} 停水到几点？`);

    await t.bot.app.db.person.updateMany({ where: { name: '张伟' }, data: { name: '张伟</at><at user_id="all">' } });
    expectAccepted(await t.post(messageEvent({ chatId: 'oc_work', from: OPEN_IDS.张伟, text: '答复 #1 下午5点', at: at('09:05:00') })));
    const answered = await t.sent((m, text) => m.chatId === 'oc_work' && text.includes('已把答复发到'));
    expect(larkMarkup(answered.content.text)).toEqual([`<at user_id="${OPEN_IDS.张伟}">`, '</at>']);
  });
});
