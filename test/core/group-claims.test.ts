import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { importRoster, validateRoster } from '../../src/roster/import-roster.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/**
 * A group keeps the community that first claimed it: another community's secretary cannot take it
 * over (and A's notices still reach A's residents); moving it is the street's act, says so, and only
 * within the street.
 */

let bot: TestApp;

const PEOPLE = [
  { id: 'wugang', 姓名: '吴刚', 角色: '书记', 社区: '和平社区', 街道: '幸福街道' },
  { id: 'zhengyi', 姓名: '郑义', 角色: '书记', 社区: '光明社区', 街道: '光明街道' },
  { id: 'fengjun', 姓名: '冯军', 角色: '社区建设科', 社区: '', 街道: '光明街道' },
];

async function chatRow(id: string) {
  return bot.app.db.chat.findFirstOrThrow({ where: { platformChatId: id }, include: { community: true } });
}

beforeAll(async () => {
  bot = await startTestApp({ demo: true, now: '2026-12-02T09:00:00+08:00' });
  const db = bot.app.db;
  await importRoster(db, validateRoster(PEOPLE.map(({ id: _id, ...cells }, index) => ({ rowNumber: index + 2, cells: { 手机: '', 生日: '', 网格: '', ...cells } }))));
  for (const person of PEOPLE) {
    const row = await db.person.findFirstOrThrow({ where: { name: person.姓名 } });
    await db.sandboxUser.create({ data: { id: person.id, name: person.姓名 } });
    await db.binding.create({ data: { personId: row.id, platform: 'sandbox', platformUserId: person.id } });
  }
  await db.sandboxChat.create({ data: { id: 'g-heping', title: '和平社区居民群', kind: 'group' } });
});

afterAll(() => bot?.stop());

describe('groups and their community', () => {
  it("another community's secretary cannot take over a claimed group; its notices still go where they went", async () => {
    const said = await bot.say('g-residents', 'wugang', '设为居民群');
    const reply = await bot.botReply('g-residents', (text) => text.startsWith('@吴刚'), said);
    expect(reply.text).toBe('@吴刚 本群已是幸福社区的群。要把群改到别的社区，请街道社区建设科在群里发送「设为工作群 社区名」（或居民群、应急群）。');
    expect((await chatRow('g-residents')).community?.name).toBe('幸福社区');

    // 吴刚 claims his own new group; his notice goes there, and 王芳's still goes to 幸福社区's.
    await bot.say('g-heping', 'wugang', '设为居民群');
    expect((await chatRow('g-heping')).community?.name).toBe('和平社区');
    await bot.say('dm:wugang', 'wugang', '发布通知\n和平社区停水\n明天停水');
    await bot.say('dm:wugang', 'wugang', '确认发布');
    await bot.say('dm:wangfang', 'wangfang', '发布通知\n幸福社区停电\n明天停电');
    await bot.say('dm:wangfang', 'wangfang', '确认发布');
    await bot.botReply('g-heping', (text) => text.includes('和平社区停水'));
    await bot.botReply('g-residents', (text) => text.includes('幸福社区停电'));
    await bot.delivered();
    expect((await bot.messages('g-residents')).some((m) => m.text.includes('和平社区停水'))).toBe(false);
    expect((await bot.messages('g-heping')).some((m) => m.text.includes('幸福社区停电'))).toBe(false);
  });

  it("a community's secretary cannot name another community; the street's section moves a group within its street and says so", async () => {
    const own = await bot.say('g-heping', 'wugang', '设为居民群 幸福社区');
    expect((await bot.botReply('g-heping', (text) => text.startsWith('@吴刚'), own)).text).toBe('@吴刚 把群设为「幸福社区」要由街道社区建设科来做；你只能把群设为自己社区的群。');

    const foreign = await bot.say('g-heping', 'fengjun', '设为居民群 光明社区');
    expect((await bot.botReply('g-heping', (text) => text.startsWith('@冯军'), foreign)).text).toBe('@冯军 本群已是和平社区的群。要把群改到别的社区，请街道社区建设科在群里发送「设为工作群 社区名」（或居民群、应急群）。');

    const wrong = await bot.say('g-heping', 'zhaomin', '设为居民群 光明社区');
    expect((await bot.botReply('g-heping', (text) => text.startsWith('@赵敏'), wrong)).text).toBe('@赵敏 本街道没有「光明社区」。请写街道下的社区全名，例如「设为工作群 幸福社区」。');
    expect((await chatRow('g-heping')).community?.name).toBe('和平社区');

    const moved = await bot.say('g-heping', 'zhaomin', '设为居民群 幸福社区');
    expect((await bot.botReply('g-heping', (text) => text.startsWith('@赵敏'), moved)).text).toBe('@赵敏 本群已从和平社区改为幸福社区的居民群（由赵敏改设）。');
    expect((await chatRow('g-heping')).community?.name).toBe('幸福社区');
  });

  it('a street role with no community named keeps a claimed group in its community, and asks for one for a new group', async () => {
    const kept = await bot.say('g-work', 'zhaomin', '设为工作群');
    expect((await bot.botReply('g-work', (text) => text.startsWith('@赵敏'), kept)).text).toBe('@赵敏 本群已经是幸福社区的工作群。');
    await bot.app.db.sandboxChat.create({ data: { id: 'g-blank', title: '新群', kind: 'group' } });
    const asked = await bot.say('g-blank', 'zhaomin', '设为工作群');
    expect((await bot.botReply('g-blank', (text) => text.startsWith('@赵敏'), asked)).text).toBe('@赵敏 设为哪个社区的群？请写上社区，例如「设为工作群 幸福社区」。');
    expect((await chatRow('g-blank')).communityId).toBeNull();
  });
});
