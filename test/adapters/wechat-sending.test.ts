import path from 'node:path';
import { pino } from 'pino';
import { WechatyBuilder } from 'wechaty';
import { PuppetMock, mock } from 'wechaty-puppet-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WechatAdapter } from '../../adapters/wechat/adapter.ts';
import { realTime } from '../../adapters/wechat/pacer.ts';
import { defaultPolicy, translate } from '../../commands/index.ts';
import { PrismaPlatformStore } from '../../src/core/platform-store.ts';
import { createDb, type Db } from '../../src/db/client.ts';
import { migrateDatabase } from '../../src/db/migrate.ts';
import { DeliveryWorker } from '../../src/messaging/delivery.ts';
import { enqueue } from '../../src/messaging/outbox.ts';
import { RateLimiter } from '../../src/messaging/rate-limiter.ts';
import { SettableClock } from '../../src/time/clock.ts';
import { tempDir } from '../helpers/app.ts';
import { startWechatWorld, waitFor, type WechatWorld } from '../helpers/wechat.ts';

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function queue(db: Db, chatIds: string[], text: (i: number) => string, now: Date): Promise<void> {
  await db.$transaction((tx) => enqueue(tx, chatIds.map((chatId, i) => ({ platform: 'wechat' as const, message: { chatId, text: text(i) } })), now));
}

describe('WeChat sending', () => {
  it('paces a broadcast on fake timers: one message after another, each gap the minimum plus a random part, capped per minute', async () => {
    const dir = tempDir('shequ-wechat-pace-');
    // Always SQLite: fake timers step the pacer, and cannot wait for a network database's replies.
    const databaseUrl = `file:${path.join(dir, 'bot.db')}`;
    await migrateDatabase(databaseUrl);
    const db = createDb(databaseUrl);
    const log = pino({ level: 'silent' });
    const mocker = new mock.Mocker();
    const wechaty = WechatyBuilder.build({ puppet: new PuppetMock({ mocker }), name: path.join(dir, 'wechat') });
    const randoms = [0.1, 0.9, 0.5, 0.0, 0.7];
    let draw = 0;
    const pacerTime = { ...realTime, random: () => randoms[draw++ % randoms.length]! };
    const pacing = { ...defaultPolicy().wechat, minGapMs: 3_000, jitterMs: 2_000, perMinute: 20 };
    const store = new PrismaPlatformStore(db, 'wechat', { admin: null, clock: new SettableClock() });
    const adapter = new WechatAdapter({ wechaty, store, log, t: translate('zh-CN'), pacing, pacerTime });
    await adapter.start(async () => ({ duplicate: false }));
    const delivery = new DeliveryWorker(db, new Map([['wechat', adapter]]), log, { pollMs: 20 });
    cleanups.push(async () => {
      vi.useRealTimers();
      await delivery.stop();
      await adapter.stop();
      await db.$disconnect();
    });

    const bot = mocker.createContact({ name: '社区助手' });
    const rooms = Array.from({ length: 6 }, (_, i) => mocker.createRoom({ id: `pace-${i}@chatroom`, topic: `第${i + 1}网格居民群`, memberIdList: [bot.id] }));
    const arrivals: { chatId: string; at: number }[] = [];
    wechaty.on('message', (message) => {
      if (message.self()) arrivals.push({ chatId: message.room()!.id, at: Date.now() });
    });
    mocker.login(bot);
    await waitFor('the adapter to be ready', () => adapter.isReady());

    vi.useFakeTimers({ toFake: ['Date', 'setTimeout', 'clearTimeout'] });
    await queue(db, rooms.map((r) => r.id), (i) => `通知 ${i + 1}：明天上午停水`, new Date());
    delivery.start();
    for (let step = 0; step < 1_000 && arrivals.length < rooms.length; step++) await vi.advanceTimersByTimeAsync(50);

    expect(arrivals.map((a) => a.chatId)).toEqual(rooms.map((r) => r.id));
    const gaps = arrivals.slice(1).map((a, i) => a.at - arrivals[i]!.at);
    expect(gaps).toEqual([3_200, 4_800, 4_000, 3_000, 4_400]);

    // The per-minute cap is the adapter's limit, which the delivery worker's limiter enforces.
    expect(adapter.limits.global).toContainEqual({ count: 20, perMs: 60_000 });
    const limiter = new RateLimiter(adapter.limits);
    for (let i = 0; i < 20; i++) limiter.record(`room-${i}`, i * 100);
    expect(limiter.waitMs('room-21', 30_000)).toBe(30_000);
  });

  it('holds messages while logged out, reports the logout to the admin chat, and delivers after the login', async () => {
    const world: WechatWorld = await startWechatWorld({ env: { SANDBOX: 'on', ADMIN_CHAT: 'sandbox:g-admin' } });
    cleanups.push(() => world.stop());
    const bot = world.person('社区助手');
    const zhang = world.person('张三');
    const group = world.room('幸福社区居民群', [bot, zhang]);
    await world.login(bot);
    const db = world.app.db;

    await world.adapter.wechaty.logout();
    await waitFor('the adapter to notice the logout', () => !world.adapter.isReady());
    const report = await waitFor('the logout report', () => db.sandboxMessage.findFirst({ where: { chatId: 'g-admin', text: { contains: '已退出登录' } } }));
    expect(report.text).toBe('微信账号「社区助手」已退出登录。发往微信的消息先保留，重新扫码登录后再发出。');

    await queue(db, [group.id], () => '居民通知：周六上午义诊', world.clock.now());
    world.app.delivery.kick();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await world.app.delivery.drain();
    expect(await db.outboxMessage.findFirst({ where: { platform: 'wechat', payload: { contains: '义诊' } } })).toMatchObject({ status: 'pending', attempts: 0 });
    expect(world.sent.some((m) => m.text.includes('义诊'))).toBe(false);

    await world.login(bot);
    await world.botSaid(group.id, (text) => text === '居民通知：周六上午义诊');
    await waitFor('the row to be marked sent', () => db.outboxMessage.findFirst({ where: { payload: { contains: '义诊' }, status: 'sent' } }));
  });

  it('a failing send is retried, logged and reported to the admin chat once', async () => {
    const world: WechatWorld = await startWechatWorld({ env: { SANDBOX: 'on', ADMIN_CHAT: 'sandbox:g-admin' } });
    cleanups.push(() => world.stop());
    const bot = world.person('社区助手');
    await world.login(bot);
    const db = world.app.db;
    await queue(db, ['gone@chatroom'], () => '发往已解散的群', world.clock.now());
    world.app.delivery.kick();
    await waitFor('two failed attempts', () => db.outboxMessage.findFirst({ where: { platform: 'wechat', attempts: { gte: 2 } } }));
    const reports = await db.sandboxMessage.findMany({ where: { chatId: 'g-admin' } });
    expect(reports.map((r) => r.text.slice(0, 9))).toEqual(['微信消息发送失败（']);
  });
});
