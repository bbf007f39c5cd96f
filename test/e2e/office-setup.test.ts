import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { shequ } from '../helpers/cli.ts';

const ROSTER = ['姓名,角色,社区,街道,手机,生日,网格', '王芳,书记,幸福社区,幸福街道,13800000001,1975-03-02,', '张伟,社工,幸福社区,幸福街道,13800000002,,第一网格', '刘洋,社工,幸福社区,幸福街道,,,第二网格', '钱大爷,居民,幸福社区,幸福街道,,,'].join('\n');

let bot: TestApp | null = null;
afterEach(async () => {
  await bot?.stop();
  bot = null;
});

async function bindWithCode(t: TestApp, name: string, userId: string, ...options: string[]): Promise<string> {
  const issued = await shequ(['bind-code', name, ...options, '--json'], { DATABASE_URL: t.databaseUrl });
  expect(issued.code, issued.stderr).toBe(0);
  const { code } = JSON.parse(issued.stdout) as { code: string };
  const sent = await t.say(`dm:${userId}`, userId, `绑定 ${code}`);
  await t.botReply(`dm:${userId}`, (text) => text.startsWith('绑定成功'), sent);
  return code;
}

describe('setting up an office and checking in through the sandbox', () => {
  it('imports a roster, binds two users with codes, declares the work group and checks both in', async () => {
    bot = await startTestApp({ now: '2026-11-23T07:58:00+08:00' });
    const file = path.join(tempDir(), 'roster.csv');
    fs.writeFileSync(file, ROSTER);
    const imported = await shequ(['import-roster', file], { DATABASE_URL: bot.databaseUrl });
    expect(imported.stdout).toContain('新增 4 人');

    const code = await bindWithCode(bot, '王芳', 'u-wang');
    await bindWithCode(bot, '张伟', 'u-zhang');

    // A used code cannot bind a second account.
    await bot.say('dm:u-intruder', 'u-intruder', `绑定 ${code}`);
    await bot.botReply('dm:u-intruder', (text) => text === '绑定码无效或已过期。请向社区管理员重新索取。');

    await bot.say('g-office', 'u-zhang', '设为工作群');
    await bot.botReply('g-office', (text) => text === '@张伟 「设为」只有书记、主任、社区建设科、街道分管领导或街道主要领导可以使用。');
    await bot.say('g-office', 'u-wang', '@社区助手 设为工作群');
    await bot.botReply('g-office', (text) => text === '@王芳 好的，本群已设为幸福社区的工作群。');

    await bot.say('g-office', 'u-wang', '签到');
    bot.clock.set(new Date('2026-11-23T08:03:00+08:00'), { frozen: true });
    await bot.say('g-office', 'u-zhang', '签到');
    await bot.botReply('g-office', (text) => text === '@王芳 已签到 07:58（上午）准时');
    await bot.botReply('g-office', (text) => text === '@张伟 已签到 08:03（上午）迟到 3 分钟');

    const rows = await bot.app.db.checkIn.findMany({ include: { person: true }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.person.name, r.officeDate, r.session, r.status])).toEqual([
      ['王芳', '2026-11-23', 'am', 'on_time'],
      ['张伟', '2026-11-23', 'am', 'late'],
    ]);
  });

  it('re-importing the roster updates people instead of duplicating them; a new number without an id asks first', async () => {
    bot = await startTestApp();
    const dir = tempDir();
    const file = (name: string, text: string) => {
      fs.writeFileSync(path.join(dir, name), text);
      return path.join(dir, name);
    };
    const first = await shequ(['import-roster', file('a.csv', ROSTER)], { DATABASE_URL: bot.databaseUrl });
    expect(first.stderr).toBe('');
    const again = await shequ(['import-roster', file('same.csv', ROSTER)], { DATABASE_URL: bot.databaseUrl });
    expect(again.stdout).toContain('新增 0 人，更新 0 人，未变 4 人；其中需确认的变更 0 项');
    const b = ROSTER.replace('张伟,社工', '张伟,社工、考勤员');
    const second = await shequ(['import-roster', file('b.csv', b)], { DATABASE_URL: bot.databaseUrl });
    expect(second.stderr).toBe('');
    expect(second.stdout).toContain('第 3 行：更新 张伟（幸福社区，手机 13800000002）：角色 社工 → 社工、考勤员');
    expect(second.stdout).toContain('新增 0 人，更新 1 人，未变 3 人');
    const renumbered = file('c.csv', b.replace('13800000002', '13900000002'));
    const asked = await shequ(['import-roster', renumbered], { DATABASE_URL: bot.databaseUrl });
    expect(asked.code).toBe(1);
    expect(asked.stderr).toContain('第 3 行：这一行的手机或编号对不上任何人，表中其他行也没有张伟（幸福社区，手机 13800000002）：确认后视为同一人换了号码');
    expect((await shequ(['import-roster', renumbered, '--yes'], { DATABASE_URL: bot.databaseUrl })).stdout).toContain('新增 0 人，更新 1 人');
    const zhang = await bot.app.db.person.findFirstOrThrow({ where: { name: '张伟' }, include: { roles: true } });
    expect(zhang.phone).toBe('13900000002');
    expect(zhang.roles.map((r) => r.role).sort()).toEqual(['attendance_officer', 'staff']);
    expect(await bot.app.db.person.count()).toBe(4);
  });

  it('two 张伟 of one community bind by their numbers and check in as themselves, re-import or not', async () => {
    bot = await startTestApp({ now: '2026-11-23T07:58:00+08:00' });
    const file = path.join(tempDir(), 'roster.csv');
    fs.writeFileSync(file, `${ROSTER}\n张伟,社工,幸福社区,幸福街道,13900000099,,第三网格`);
    expect((await shequ(['import-roster', file], { DATABASE_URL: bot.databaseUrl })).stdout).toContain('新增 5 人');
    const ambiguous = await shequ(['bind-code', '张伟'], { DATABASE_URL: bot.databaseUrl });
    expect(ambiguous.stderr).toContain('请用 --phone 指明手机号');
    await bindWithCode(bot, '张伟', 'u-zhang-a', '--phone', '138 0000 0002');
    await bindWithCode(bot, '张伟', 'u-zhang-b', '--phone', '+86 13900000099');
    expect((await shequ(['import-roster', file], { DATABASE_URL: bot.databaseUrl })).stdout).toContain('新增 0 人，更新 0 人，未变 5 人');

    await bot.say('g-office', 'u-zhang-a', '签到');
    await bot.botReply('g-office', (text) => text === '@张伟 已签到 07:58（上午）准时');
    bot.clock.set(new Date('2026-11-23T08:01:00+08:00'), { frozen: true });
    await bot.say('g-office', 'u-zhang-b', '签到');
    await bot.botReply('g-office', (text) => text === '@张伟 已签到 08:01（上午）迟到 1 分钟');
    const rows = await bot.app.db.checkIn.findMany({ include: { person: true }, orderBy: { at: 'asc' } });
    expect(rows.map((r) => [r.person.phone, r.status])).toEqual([
      ['13800000002', 'on_time'],
      ['13900000099', 'late'],
    ]);
  });

  it('a 居民 row with a staff member\'s name and number stops; with --yes the staff member becomes a resident, logged', async () => {
    bot = await startTestApp({ now: '2026-11-23T07:58:00+08:00' });
    const dir = tempDir();
    fs.writeFileSync(path.join(dir, 'roster.csv'), ROSTER);
    await shequ(['import-roster', path.join(dir, 'roster.csv')], { DATABASE_URL: bot.databaseUrl });
    await bindWithCode(bot, '张伟', 'u-zhang');
    const residents = path.join(dir, '居民.csv');
    fs.writeFileSync(residents, '姓名,角色,社区,街道,手机\n张伟,居民,幸福社区,幸福街道,13800000002\n');
    const stopped = await shequ(['import-roster', residents], { DATABASE_URL: bot.databaseUrl });
    expect(stopped.code).toBe(1);
    expect(stopped.stderr).toContain('第 2 行：张伟（幸福社区，手机 13800000002）的角色将从「社工」改为「居民」；张伟已绑定 1 个账号，这些账号将不能再使用工作人员的指令');
    expect(stopped.stderr).toContain('加 --yes 再导入一次');
    await bot.say('g-office', 'u-zhang', '签到');
    await bot.botReply('g-office', (text) => text === '@张伟 已签到 07:58（上午）准时');

    const confirmed = await shequ(['import-roster', residents, '--yes'], { DATABASE_URL: bot.databaseUrl });
    expect(confirmed.stdout).toContain('已确认 (confirmed) 第 2 行：张伟（幸福社区，手机 13800000002）的角色将从「社工」改为「居民」');
    expect(confirmed.stdout).toContain('新增 0 人，更新 1 人，未变 0 人；其中需确认的变更 1 项');
    const zhang = await bot.app.db.person.findFirstOrThrow({ where: { phoneKey: '13800000002' }, include: { roles: true } });
    expect(zhang.roles.map((r) => r.role)).toEqual(['resident']);
    expect(await bot.app.db.rosterChange.findMany({ where: { field: 'roles' }, select: { personId: true, from: true, to: true, sourceFile: true, confirmed: true } })).toEqual([
      { personId: zhang.id, from: '社工', to: '居民', sourceFile: '居民.csv', confirmed: true },
    ]);
    bot.clock.set(new Date('2026-11-23T13:30:00+08:00'), { frozen: true });
    await bot.say('g-office', 'u-zhang', '@社区助手 签到');
    await bot.botReply('g-office', (text) => text.includes('「签到」只有书记、副书记、主任、社工或考勤员可以使用。'));
  });
});

describe('nothing twice, nothing lost', () => {
  it('a redelivered message (same id) has no second effect', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T07:55:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签到', { id: 'wx-msg-1' });
    await bot.say('g-work', 'zhangwei', '签到', { id: 'wx-msg-1' });
    await bot.botReply('g-work', (text) => text.includes('已签到 07:55'));
    await bot.app.delivery.drain();
    await new Promise((resolve) => setTimeout(resolve, 200));
    const replies = (await bot.messages('g-work')).filter((m) => m.userId === 'bot' && m.text.startsWith('@张伟'));
    expect(replies.map((m) => m.text)).toEqual(['@张伟 已签到 07:55（上午）准时']);
    expect(await bot.app.db.checkIn.count()).toBe(1);
    expect(await bot.app.db.inboxEvent.count()).toBe(1);
  });

  it('a second check-in in the same session is answered as done and not recorded twice', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T07:55:00+08:00' });
    await bot.say('g-work', 'zhangwei', '签到');
    bot.clock.set(new Date('2026-11-23T08:10:00+08:00'), { frozen: true });
    await bot.say('g-work', 'zhangwei', '签到');
    await bot.botReply('g-work', (text) => text === '@张伟 你上午已于 07:55 签到过了，不用重复签到。');
    expect(await bot.app.db.checkIn.count()).toBe(1);
  });

  it('a restart loses no queued reply', async () => {
    const first = await startTestApp({ demo: true, now: '2026-11-23T07:55:00+08:00' });
    bot = first;
    // The sandbox platform goes away before the worker can deliver: the reply stays in the outbox.
    await first.app.delivery.stop();
    await first.say('g-work', 'zhangwei', '签到');
    const queued = await first.app.db.outboxMessage.findMany({ where: { status: 'pending', payload: { contains: '已签到' } } });
    expect(queued).toHaveLength(1);
    await first.stop();

    bot = await startTestApp({ databaseUrl: first.databaseUrl, now: '2026-11-23T07:56:00+08:00' });
    await bot.botReply('g-work', (text) => text === '@张伟 已签到 07:55（上午）准时');
    const sent = await bot.app.db.outboxMessage.findMany({ where: { status: 'sent', payload: { contains: '已签到' } } });
    expect(sent).toHaveLength(1);
  });

  it('a question asked before a restart is still answered after it', async () => {
    const first = await startTestApp({ demo: true });
    bot = first;
    await first.say('dm:visitor', 'visitor', '绑定');
    await first.botReply('dm:visitor', (text) => text.startsWith('请发送管理员给你的 8 位绑定码'));
    await first.stop();

    bot = await startTestApp({ databaseUrl: first.databaseUrl });
    const issued = await shequ(['bind-code', '刘洋', '--json'], { DATABASE_URL: bot.databaseUrl });
    const { code } = JSON.parse(issued.stdout) as { code: string };
    await bot.app.db.binding.deleteMany({ where: { platformUserId: 'liuyang' } });
    const sent = await bot.say('dm:visitor', 'visitor', code);
    await bot.botReply('dm:visitor', (text) => text.startsWith('绑定成功！刘洋（幸福社区社工）'), sent);
  });

  it('a question left unanswered past the policy timeout is not answered later by accident', async () => {
    bot = await startTestApp({ demo: true });
    await bot.say('dm:visitor', 'visitor', '绑定');
    await bot.botReply('dm:visitor', (text) => text.startsWith('请发送管理员给你的 8 位绑定码'));
    bot.clock.advance(31 * 60_000);
    const late = await bot.say('dm:visitor', 'visitor', '12345678');
    await bot.botReply('dm:visitor', (text) => text === '上一个问题已超时，请重新发送指令。', late);
    expect(await bot.app.db.conversation.count()).toBe(0);
  });

  it('an event stored but not handled before a crash is handled at the next start', async () => {
    const first = await startTestApp({ demo: true, now: '2026-11-23T07:55:00+08:00' });
    bot = first;
    const payload = {
      platform: 'sandbox',
      eventId: 'crash-1',
      messageId: 'crash-1',
      chatId: 'g-work',
      chatKind: 'group',
      senderId: 'liuyang',
      text: '签到',
      mentionsBot: false,
      sentAt: new Date('2026-11-23T07:54:00+08:00'),
    };
    await first.app.db.inboxEvent.create({ data: { platform: 'sandbox', eventId: 'crash-1', payload: JSON.stringify(payload), receivedAt: new Date() } });
    await first.stop();
    bot = await startTestApp({ databaseUrl: first.databaseUrl });
    await bot.botReply('g-work', (text) => text === '@刘洋 已签到 07:54（上午）准时');
  });
});

describe('answers for bad input', () => {
  it('tells an unbound sender how to bind, refuses proxy check-in and a resident check-in', async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T07:55:00+08:00' });
    await bot.say('g-work', 'visitor', '签到');
    await bot.botReply('g-work', (text) => text.includes('你还没有绑定身份'));
    await bot.say('g-work', 'zhangwei', '签到 刘洋');
    await bot.botReply('g-work', (text) => text === '@张伟 签到只记在发送者本人名下，不能替「刘洋」签到（不得代签）。请本人发送「签到」。');
    // A resident's 签到 in the residents' group (an event sign-in, say) is not for the bot; addressed, it is refused.
    await bot.say('g-residents', 'qiandaye', '签到');
    await bot.say('g-residents', 'qiandaye', '@社区助手 签到');
    await bot.botReply('g-residents', (text) => text.includes('「签到」只有书记、副书记、主任、社工或考勤员可以使用。'));
    expect((await bot.messages('g-residents')).filter((m) => m.userId === 'bot')).toHaveLength(1);
    await bot.say('g-residents', 'zhangwei', '签到');
    await bot.botReply('g-residents', (text) => text === '@张伟 「签到」请在工作群或与我私聊时发送，不要在居民群里发送。');
    expect(await bot.app.db.checkIn.count()).toBe(0);
  });

  it('lists what the sender may do in 帮助', async () => {
    bot = await startTestApp({ demo: true });
    await bot.say('dm:zhangwei', 'zhangwei', '帮助');
    const help = await bot.botReply('dm:zhangwei', (text) => text.startsWith('张伟（社工），你可以使用这些指令'));
    expect(help.text).toContain('签到');
    expect(help.text).not.toContain('设为');
    await bot.say('dm:wangfang', 'wangfang', '/help');
    const leader = await bot.botReply('dm:wangfang', (text) => text.startsWith('王芳（书记）'));
    expect(leader.text).toContain('设为工作群');
  });

  it('rejects malformed API calls with a 400 that names the field', async () => {
    bot = await startTestApp();
    const missing = await bot.post('/sandbox/api/messages', { chatId: 'g-1', text: '签到' });
    expect(missing.status).toBe(400);
    expect(missing.body.error).toContain('userId');
    const foreign = await bot.post('/sandbox/api/messages', { chatId: 'dm:other', userId: 'me', text: 'hi' });
    expect(foreign.status).toBe(400);
  });
});
