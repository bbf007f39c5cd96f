import { afterEach, describe, expect, it } from 'vitest';
import { bindByCode, importOffice, startWechatWorld, waitFor, type WechatWorld } from '../helpers/wechat.ts';

const worlds: WechatWorld[] = [];
afterEach(async () => {
  for (const world of worlds.splice(0)) await world.stop();
});

async function start(options: Parameters<typeof startWechatWorld>[0] = {}): Promise<WechatWorld> {
  const world = await startWechatWorld(options);
  worlds.push(world);
  return world;
}

describe('WeChat identity across logins', () => {
  it('keeps bindings and group purposes when every id changes, and reports what it cannot tell apart', async () => {
    const env = { SANDBOX: 'on', ADMIN_CHAT: 'sandbox:g-admin' };
    const first = await start({ env });
    await importOffice(first);
    const bot = first.person('社区助手');
    const wang = first.person('王芳');
    const zhang = first.person('张三');
    const li = first.person('李四');
    const group = first.room('幸福社区工作群', [bot, wang, zhang, li]);
    await first.login(bot);
    for (const [contact, name] of [[wang, '王芳'], [zhang, '张三'], [li, '李四']] as const) await bindByCode(first, contact, bot, name);
    wang.say('设为工作群').to(group);
    await first.botSaid(group.id, (text) => text.endsWith('本群已设为幸福社区的工作群。'));
    await first.stop();
    worlds.splice(0);

    // The next session: a new puppet hands out new ids for the same people and group.
    const second = await start({ env, databaseUrl: first.databaseUrl });
    const bot2 = second.person('社区助手');
    const zhang2 = second.person('张三');
    const wang2 = second.person('王芳');
    const liA = second.person('李四');
    const liB = second.person('李四');
    const group2 = second.room('幸福社区工作群', [bot2, wang2, zhang2, liA, liB]);
    expect(group2.id).not.toBe(group.id);
    expect(zhang2.id).not.toBe(zhang.id);
    await second.login(bot2);

    zhang2.say('签到').to(group2);
    await second.botSaid(group2.id, (text) => text === '@张三 已签到 07:58（上午）准时');

    const db = second.app.db;
    const chats = await db.chat.findMany({ where: { platform: 'wechat', kind: 'group' } });
    expect(chats.map((c) => [c.platformChatId, c.title, c.purpose])).toEqual([[group2.id, '幸福社区工作群', 'work']]);
    const bindings = await db.binding.findMany({ where: { platform: 'wechat' }, include: { person: true }, orderBy: { id: 'asc' } });
    expect(bindings.map((b) => [b.person.name, b.platformUserId])).toEqual([
      ['王芳', wang2.id],
      ['张三', zhang2.id],
      ['李四', li.id],
    ]);
    const privateChats = await db.chat.findMany({ where: { platform: 'wechat', kind: 'private' } });
    expect(privateChats.map((c) => c.platformChatId).sort()).toEqual([wang2.id, zhang2.id, li.id].sort());

    // Two contacts are called 李四: nothing is guessed, the admin is told.
    const report = await waitFor('the report in the admin chat', () =>
      db.sandboxMessage.findFirst({ where: { chatId: 'g-admin', text: { contains: '2 个联系人都叫「李四」' } } }),
    );
    expect(report.userId).toBe('bot');
    liA.say('签到').to(group2);
    await second.botSaid(group2.id, (text) => text.startsWith('@李四 你还没有绑定身份'));
  });
});
