import { afterEach, expect, it } from 'vitest';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from '../../telegram/telegram-harness.ts';

let t: TelegramBot | null = null;
afterEach(async () => {
  await t?.stop();
  t = null;
});

const RESIDENT_GROUP = -3001;
const RESIDENT = { id: 3001, first_name: '老刘' };
const NOW = new Date('2026-12-02T09:00:00+08:00');

it('on Telegram, a resident’s @mention is forwarded to the work group, and a staff reply to it answers the resident as a reply to their own message', async () => {
  t = await startTelegramBot({ mode: 'webhook', now: '2026-12-02T09:00:00+08:00' });
  const community = await t.app.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
  await t.app.app.db.chat.create({ data: { platform: 'telegram', platformChatId: String(RESIDENT_GROUP), kind: 'group', title: '居民群', purpose: 'resident', communityId: community.id } });
  const mention = `@${t.api.me.username}`;
  const asked = textUpdate(RESIDENT_GROUP, RESIDENT, `${mention} 停水到几点？`, { messageId: 501, date: NOW, entities: [{ type: 'mention', offset: 0, length: mention.length }] });
  expect(await t.post({ update_id: t.api.takeUpdateId(), ...asked })).toBe(200);

  const forwarded = await t.api.waitForCall('sendMessage', (c) => c.payload.chat_id === String(WORK_GROUP) && String(c.payload.text).startsWith('【居民提问 #1】'));
  expect(String(forwarded.payload.text)).toContain(' · 老刘（09:00）：\n停水到几点？');
  const ack = await t.api.waitForCall('sendMessage', (c) => c.payload.chat_id === String(RESIDENT_GROUP) && String(c.payload.text).includes('问题 #1'));
  expect(ack.payload.reply_parameters?.message_id).toBe(501);

  // The forwarded post's message id, as the fake Bot API gave it: 张伟 replies to it.
  const postId = (forwarded.result as { message_id: number }).message_id;
  const reply = textUpdate(WORK_GROUP, USERS.zhang, '预计下午5点恢复供水', { messageId: 502, date: NOW, replyTo: { message_id: postId, from: t.api.me } });
  expect(await t.post({ update_id: t.api.takeUpdateId(), ...reply })).toBe(200);
  const answer = await t.api.waitForCall('sendMessage', (c) => c.payload.chat_id === String(RESIDENT_GROUP) && String(c.payload.text).includes('【答复 #1】'));
  expect(String(answer.payload.text)).toBe('@老刘 【答复 #1】张伟：预计下午5点恢复供水');
  expect(answer.payload.reply_parameters?.message_id).toBe(501);
});
