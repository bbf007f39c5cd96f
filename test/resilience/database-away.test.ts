import { afterEach, describe, expect, it } from 'vitest';
import { DatabaseProxy } from '../helpers/database-proxy.ts';
import { freshPostgresUrl, TEST_POSTGRES_SERVER } from '../helpers/database.ts';
import { startOffice, type WechatWorld } from '../helpers/wechat.ts';
import { startTelegramBot, textUpdate, USERS, WORK_GROUP, type TelegramBot } from '../telegram/telegram-harness.ts';

const AWAY_MS = 3_000;

let proxy: DatabaseProxy | null = null;
let telegram: TelegramBot | null = null;
let wechat: WechatWorld | null = null;
afterEach(async () => {
  await proxy?.restore();
  await telegram?.stop();
  await wechat?.stop();
  telegram = wechat = proxy = null;
});

/** A fresh PostgreSQL database the bot reaches only through the proxy. */
async function databaseBehindProxy(): Promise<string> {
  proxy = await DatabaseProxy.start(TEST_POSTGRES_SERVER);
  return proxy.urlFor(await freshPostgresUrl());
}

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * WeChat and Telegram by long polling never deliver a message again: when the database is away
 * (connections cut, new ones refused) the adapter keeps the message and hands it over again until
 * it is stored. PostgreSQL, behind a loopback proxy, in both suites: SQLite has no connection to lose.
 */
describe('a message that arrives while the database is away', () => {
  it('on Telegram by polling: is stored and answered once the database is back, and acknowledged only then', async () => {
    telegram = await startTelegramBot({ mode: 'polling', databaseUrl: await databaseBehindProxy() });
    await proxy!.cut();
    const update = telegram.api.queueUpdate(textUpdate(WORK_GROUP, USERS.zhang, '签到'));
    await pause(AWAY_MS);
    expect(telegram.api.offsets).not.toContain(update.update_id + 1);
    await proxy!.restore();

    await telegram.api.waitForCall('sendMessage', (c) => c.payload.text === '@张伟 已签到 07:55（上午）准时');
    const db = telegram.app.app.db;
    expect(await db.checkIn.count()).toBe(1);
    expect(await db.inboxEvent.count({ where: { platform: 'telegram', status: 'done' } })).toBe(1);
    await pause(500);
    expect(telegram.api.callsOf('sendMessage').filter((c) => String(c.payload.text).includes('已签到'))).toHaveLength(1);
  }, 30_000);

  it('on WeChat: is stored and answered once the database is back, in the order the messages came', async () => {
    const { world, zhang, wang, group } = await startOffice({ databaseUrl: await databaseBehindProxy() });
    wechat = world;
    await proxy!.cut();
    zhang.say('签到').to(group);
    await pause(300);
    wang.say('签到').to(group);
    await pause(AWAY_MS);
    await proxy!.restore();

    await world.botSaid(group.id, (text) => text === '@王芳 已签到 07:58（上午）准时');
    const rows = await world.app.db.checkIn.findMany({ include: { person: true }, orderBy: { id: 'asc' } });
    expect(rows.map((r) => r.person.name)).toEqual(['张三', '王芳']);
    await pause(500);
    expect(world.sent.filter((m) => m.text.includes('已签到'))).toHaveLength(2);
  }, 60_000);
});
