import path from 'node:path';
import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { WechatAdapter } from '../../adapters/wechat/adapter.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';
import { ENCRYPT_KEY, VERIFICATION_TOKEN } from '../lark/callbacks.ts';
import { APP_ID, APP_SECRET, FakeLark } from '../lark/fake-lark.ts';
import { FakeBotApi, refusal } from '../telegram/fake-bot-api.ts';

/** Resident groups per platform: one that takes the notice, one that answers 429 (WeChat: 「发送消息过于频繁」) once, one the bot was removed from. */
export const GROUPS = {
  telegram: { ok: '-2001', limited: '-2002', gone: '-2003' },
  lark: { ok: 'oc_res_ok', limited: 'oc_res_limited', gone: 'oc_res_gone' },
  wechat: { ok: 'res-ok@chatroom', limited: 'res-limited@chatroom', gone: 'res-left@chatroom' },
} as const;

export interface NoticeWorld {
  bot: TestApp;
  telegram: FakeBotApi;
  lark: FakeLark;
  mocker: mock.Mocker;
  /** The WeChat rooms the bot is in, and a resident who is in them. */
  rooms: Record<string, mock.RoomMock>;
  resident: mock.ContactMock;
  /** Texts the WeChat account sent, per room, as the mock puppet took them, and when (Date.now()). */
  wechatSent: { chatId: string; text: string; at: number }[];
  /** The community's resident groups by platform and kind, as chat rows. */
  titles: Record<string, string>;
  stop(): Promise<void>;
}

/**
 * One bot on all three platforms at once — Telegram and Lark against their loopback fakes, WeChat
 * on the mock puppet — plus the sandbox, where 王芳 (secretary) publishes. Each platform has three
 * resident groups of 幸福社区 (ok, limited once, bot removed); the admin chat is sandbox:g-admin.
 */
export async function startNoticeWorld(options: { now?: string; policy?: Record<string, unknown>; groups?: number } = {}): Promise<NoticeWorld> {
  // Besides the limited and the removed one, this many more groups per platform take the notice.
  const more = Math.max(0, (options.groups ?? 3) - 3);
  const extra = (platform: keyof typeof GROUPS) => Array.from({ length: more }, (_, i) => (platform === 'telegram' ? String(-3000 - i) : platform === 'lark' ? `oc_res_${i}` : `res-${i}@chatroom`));
  const telegram = await FakeBotApi.start();
  const lark = new FakeLark();
  await lark.start();
  const bot = await startTestApp({
    demo: true,
    now: options.now ?? '2026-12-02T09:00:00+08:00',
    policy: { wechat: { minGapMs: 0, jitterMs: 0 }, ...options.policy },
    env: {
      ADMIN_CHAT: 'sandbox:g-admin',
      TELEGRAM_BOT_TOKEN: telegram.token,
      TELEGRAM_API_ROOT: telegram.url,
      LARK_APP_ID: APP_ID,
      LARK_APP_SECRET: APP_SECRET,
      LARK_ENCRYPT_KEY: ENCRYPT_KEY,
      LARK_VERIFICATION_TOKEN: VERIFICATION_TOKEN,
      LARK_DOMAIN: lark.url,
      WECHATY_PUPPET: 'wechaty-puppet-mock',
      WECHATY_NAME: path.join(tempDir('shequ-notice-wechat-'), 'wechat'),
    },
  });
  const adapter = bot.app.adapters.get('wechat') as WechatAdapter;
  const mocker = (adapter.wechaty.puppet as PuppetMock).mocker;
  const self = mocker.createContact({ name: '社区助手' });
  const resident = mocker.createContact({ name: '居民老刘' });
  const rooms = Object.fromEntries([GROUPS.wechat.ok, GROUPS.wechat.limited, ...extra('wechat')].map((id) => [id, mocker.createRoom({ id, topic: id, memberIdList: [self.id, resident.id] })]));
  const wechatSent: { chatId: string; text: string; at: number }[] = [];
  const puppet = mocker.puppet as unknown as { messageSendText(conversationId: string, text: string): Promise<string | void> };
  const sendText = puppet.messageSendText.bind(puppet);
  let throttled = false;
  puppet.messageSendText = async (conversationId, text) => {
    if (conversationId === GROUPS.wechat.limited && !throttled) {
      throttled = true;
      throw new Error('发送消息过于频繁，请稍后再试');
    }
    wechatSent.push({ chatId: conversationId, text, at: Date.now() });
    return sendText(conversationId, text);
  };
  mocker.login(self);
  await until('WeChat to be logged in', () => adapter.isReady());
  // The puppet has loaded its rooms: a room it does not know is gone, not still loading.
  mocker.puppet.emit('ready', { data: 'ready' });
  await until('Telegram to be connected', () => bot.app.adapters.get('telegram')!.isReady());

  telegram.refuseChat(GROUPS.telegram.limited, [refusal(429, 'Too Many Requests: retry after 1', { retry_after: 1 })]);
  telegram.refuseChat(GROUPS.telegram.gone, [refusal(403, 'Forbidden: bot was kicked from the supergroup chat')], { always: true });
  const toChat = (chatId: string) => (call: { path: string; body: any }) => call.path.startsWith('/open-apis/im/v1/messages') && call.body?.receive_id === chatId;
  lark.script(toChat(GROUPS.lark.limited), { status: 429, body: { code: 99991400, msg: 'request trigger frequency limit' }, headers: { 'x-ogw-ratelimit-reset': '1' } });
  lark.script(toChat(GROUPS.lark.gone), { status: 400, body: { code: 230002, msg: 'Bot/User can NOT be out of the chat.' } });

  const community = await bot.app.db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
  const titles: Record<string, string> = {};
  for (const [platform, groups] of Object.entries(GROUPS)) {
    for (const [kind, chatId] of Object.entries(groups)) {
      const title = `${platform}-${kind}`;
      titles[chatId] = title;
      await bot.app.db.chat.create({ data: { platform, platformChatId: chatId, kind: 'group', title, purpose: 'resident', communityId: community.id } });
    }
    for (const [i, chatId] of extra(platform as keyof typeof GROUPS).entries()) {
      titles[chatId] = `${platform}-${i}`;
      await bot.app.db.chat.create({ data: { platform, platformChatId: chatId, kind: 'group', title: titles[chatId], purpose: 'resident', communityId: community.id } });
    }
  }
  return {
    bot,
    telegram,
    lark,
    mocker,
    rooms,
    resident,
    wechatSent,
    titles,
    async stop() {
      await bot.stop();
      await telegram.stop();
      await lark.stop();
    },
  };
}
