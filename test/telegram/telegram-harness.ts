import type { TelegramAdapter } from '../../adapters/telegram/adapter.ts';
import type { DeliveryOptions } from '../../src/messaging/delivery.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { FakeBotApi } from './fake-bot-api.ts';

export const SECRET = 'test-secret-token-0123456789';
export const WORK_GROUP = -1001;
/** Telegram user ids of the demo community's people. */
export const USERS = { zhang: { id: 1001, name: '张伟', first_name: '伟', last_name: '张' }, wang: { id: 1002, name: '王芳', first_name: '芳', last_name: '王' } };

export interface TelegramBot {
  app: TestApp;
  api: FakeBotApi;
  adapter: TelegramAdapter;
  /** Posts an update to the bot's webhook, with the right secret unless told otherwise. */
  post(update: Record<string, any>, secret?: string | null): Promise<number>;
  stop(): Promise<void>;
}

/** The whole bot on a fresh database (or `databaseUrl`) with Telegram configured against the fake Bot API. */
export async function startTelegramBot(options: { mode: 'webhook' | 'polling'; now?: string; delivery?: DeliveryOptions; databaseUrl?: string }): Promise<TelegramBot> {
  const api = await FakeBotApi.start();
  const webhook: Record<string, string> = options.mode === 'webhook' ? { TELEGRAM_WEBHOOK_URL: 'https://bot.example.org/webhooks/telegram', TELEGRAM_WEBHOOK_SECRET: SECRET } : {};
  const app = await startTestApp({
    demo: true,
    now: options.now ?? '2026-11-23T07:55:00+08:00',
    env: { TELEGRAM_BOT_TOKEN: api.token, TELEGRAM_API_ROOT: api.url, ...webhook },
    ...(options.delivery ? { delivery: options.delivery } : {}),
    ...(options.databaseUrl ? { databaseUrl: options.databaseUrl } : {}),
  });
  const { db } = app.app;
  const community = await db.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
  for (const user of Object.values(USERS)) {
    const person = await db.person.findFirstOrThrow({ where: { name: user.name } });
    await db.binding.create({ data: { personId: person.id, platform: 'telegram', platformUserId: String(user.id), displayName: user.name } });
  }
  await db.chat.create({ data: { platform: 'telegram', platformChatId: String(WORK_GROUP), kind: 'group', title: '幸福社区工作群', purpose: 'work', communityId: community.id } });

  const adapter = app.app.adapters.get('telegram') as TelegramAdapter;
  return {
    app,
    api,
    adapter,
    async post(update, secret = SECRET) {
      const response = await fetch(`${app.url}/webhooks/telegram`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...(secret === null ? {} : { 'x-telegram-bot-api-secret-token': secret }) },
        body: JSON.stringify(update),
      });
      await response.text();
      return response.status;
    },
    async stop() {
      await app.stop();
      await api.stop();
    },
  };
}

type TgUser = { id: number; first_name: string; last_name?: string };

function chatOf(chatId: number) {
  return chatId < 0 ? { id: chatId, type: chatId < -1_000_000 ? 'supergroup' : 'group', title: '幸福社区工作群' } : { id: chatId, type: 'private', first_name: 'user' };
}

/** A text message update, as Telegram sends it. */
export function textUpdate(
  chatId: number,
  from: TgUser,
  text: string,
  extra: { messageId?: number; date?: Date; replyTo?: { message_id: number; from?: unknown }; entities?: unknown[] } = {},
): Record<string, any> {
  return {
    message: {
      message_id: extra.messageId ?? Math.floor(Math.random() * 1_000_000),
      date: Math.floor((extra.date ?? new Date('2026-11-23T07:55:00+08:00')).getTime() / 1000),
      chat: chatOf(chatId),
      from: { is_bot: false, ...from },
      text,
      ...(extra.entities ? { entities: extra.entities } : {}),
      ...(extra.replyTo ? { reply_to_message: { date: 0, chat: chatOf(chatId), ...extra.replyTo } } : {}),
    },
  };
}

/** A button press on a bot message. */
export function buttonUpdate(chatId: number, from: TgUser, messageId: number, data: string): Record<string, any> {
  return {
    callback_query: {
      id: `cq-${Math.floor(Math.random() * 1_000_000)}`,
      from: { is_bot: false, ...from },
      chat_instance: '42',
      data,
      message: { message_id: messageId, date: 0, chat: chatOf(chatId), text: '…' },
    },
  };
}
