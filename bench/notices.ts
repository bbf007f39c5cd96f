/**
 * `npm run bench`, notice line: one notice to 60 resident groups on each platform at once —
 * Telegram and Lark against their loopback fakes, WeChat on the mock puppet — with one group per
 * platform answering 429 (WeChat: 「发送消息过于频繁」) once and one the bot was removed from.
 * Per platform: the time from 确认发布 until every group is settled, the achieved send rate (sends
 * over the time from the first to the last) as a ratio of the platform's allowed rate (its tightest
 * published rule; goal ≥ 0.9), and how many sends broke those limits on arrival at the fake (what a
 * real platform would have answered 429; goal 0).
 *
 * WeChat's pacing is the office's own (policy.wechat: a minimum gap plus random jitter, a per-minute
 * cap); the default policy needs about 4 minutes for 60 groups, so the bench runs it scaled down
 * (BENCH_NOTICE_WECHAT=policy for the real one) and the ratio is against the pacing in force.
 */
import { performance } from 'node:perf_hooks';
import { defaultPolicy } from '../commands/index.ts';
import type { RateRule } from '../src/messaging/types.ts';
import { GROUPS, startNoticeWorld } from '../test/notice/world.ts';

const GROUPS_PER_PLATFORM = Number(process.env.BENCH_NOTICE_GROUPS ?? 60);
const wechat = process.env.BENCH_NOTICE_WECHAT === 'policy' ? defaultPolicy().wechat : { ...defaultPolicy().wechat, minGapMs: 250, jitterMs: 100, perMinute: 240 };

/** The platforms' own limits for sends to different chats (docs, notes/platforms.md), not our margins under them. */
const PLATFORM_RULES: Record<string, RateRule[]> = {
  telegram: [{ count: 30, perMs: 1_000 }],
  lark: [{ count: 50, perMs: 1_000 }, { count: 1_000, perMs: 60_000 }],
  wechat: [{ count: wechat.perMinute, perMs: 60_000 }],
};

/**
 * The platform's allowed rate for `sends` sends to different chats, per second: its tightest rule
 * among those that many sends can reach (1000/min does not bind 61 sends), and WeChat's mean gap.
 */
function allowedRate(sends: number, rules: RateRule[], meanGapMs = 0): number {
  const binding = rules.filter((r) => r.count < sends);
  return Math.min(...binding.map((r) => (r.count * 1000) / r.perMs), meanGapMs > 0 ? 1000 / meanGapMs : Infinity);
}

/** Sends that arrived while a window already held its count: each one a 429 on the real platform. */
function overLimit(times: number[], rules: RateRule[]): number {
  let over = 0;
  times.forEach((t, i) => {
    if (rules.some((r) => times.slice(0, i).filter((u) => u > t - r.perMs).length >= r.count)) over++;
  });
  return over;
}

const world = await startNoticeWorld({ groups: GROUPS_PER_PLATFORM, policy: { wechat } });
const { bot, telegram, lark } = world;
const residents = new Set((await bot.app.db.chat.findMany({ where: { purpose: 'resident', platform: { not: 'sandbox' } } })).map((c) => c.platformChatId));

await bot.say('dm:wangfang', 'wangfang', '发布通知 明天9:00-12:00停水\n3栋、5栋明天上午停水检修，请提前储水。');
await bot.botReply('dm:wangfang', (m) => m.startsWith('【通知预览 #1】'));
const t0 = Date.now();
const p0 = performance.now();
await bot.say('dm:wangfang', 'wangfang', '确认发布');
const settled = new Map<string, number>();
for (;;) {
  const rows = await bot.app.db.noticeDelivery.findMany({ where: { noticeId: 1 }, select: { platform: true, status: true } });
  for (const platform of ['telegram', 'lark', 'wechat']) {
    if (!settled.has(platform) && rows.filter((r) => r.platform === platform).every((r) => !['queued', 'retrying'].includes(r.status))) settled.set(platform, performance.now() - p0);
  }
  if (settled.size === 3) break;
  await new Promise((resolve) => setTimeout(resolve, 20));
}
const result = await bot.botReply('dm:wangfang', (m) => m.includes('发送结束'));
const rows = await bot.app.db.noticeDelivery.findMany({ where: { noticeId: 1 } });

const arrivals: Record<string, number[]> = {
  telegram: telegram.callsOf('sendMessage').filter((c) => residents.has(String(c.payload.chat_id)) && c.at >= t0).map((c) => c.at),
  lark: lark.calls.filter((c) => c.method === 'POST' && residents.has(c.body?.receive_id) && c.at >= t0).map((c) => c.at),
  wechat: world.wechatSent.filter((m) => residents.has(m.chatId) && m.at >= t0).map((m) => m.at),
};
// WeChat's own refusal happens before the puppet records a send: count its attempt as one.
const refusedOnce: Record<string, number> = { telegram: 0, lark: 0, wechat: 1 };

console.log(`notices: one notice to ${GROUPS_PER_PLATFORM} resident groups per platform at once, 1 answering 429 and 1 with the bot removed on each`);
console.log(`  wechat pacing: gap ${wechat.minGapMs} ms + up to ${wechat.jitterMs} ms, ${wechat.perMinute}/min${process.env.BENCH_NOTICE_WECHAT === 'policy' ? ' (policy default)' : ' (scaled down; BENCH_NOTICE_WECHAT=policy for the default)'}`);
for (const platform of ['telegram', 'lark', 'wechat'] as const) {
  const mine = rows.filter((r) => r.platform === platform);
  const times = arrivals[platform]!.sort((a, b) => a - b);
  const sends = times.length + refusedOnce[platform]!;
  const span = times.length > 1 ? times.at(-1)! - times[0]! : 0;
  const allowed = allowedRate(sends, PLATFORM_RULES[platform]!, platform === 'wechat' ? wechat.minGapMs + wechat.jitterMs / 2 : 0);
  const achieved = span > 0 ? ((sends - 1) * 1000) / span : 0;
  const ratio = achieved / allowed;
  const limited = mine.find((r) => r.platformChatId === GROUPS[platform].limited)!;
  console.log(
    `  ${platform.padEnd(8)} ${mine.filter((r) => r.status === 'sent').length}/${mine.length} sent, ${mine.filter((r) => r.status === 'gone').length} bot removed, ` +
      `all settled in ${(settled.get(platform)! / 1000).toFixed(2)} s; ${sends} sends over ${(span / 1000).toFixed(2)} s, ` +
      `${achieved.toFixed(1)}/s of ${allowed.toFixed(1)}/s allowed → rate ratio ${ratio.toFixed(2)}; over the platform's limit on arrival: ${overLimit(times, PLATFORM_RULES[platform]!)}; ` +
      `the 429 group: ${limited.status} after ${limited.attempts} attempts`,
  );
}
console.log(`  publisher's result: ${result.text.split('\n')[1]}`);
await world.stop();
process.exit(0);
