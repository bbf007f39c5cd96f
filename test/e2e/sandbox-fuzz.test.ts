import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';

/** mulberry32: a small seeded generator, so every run sends the same texts. */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

const ZERO_WIDTH_AND_BIDI = [0x200b, 0x200c, 0x200d, 0x2060, 0xfeff, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069];
const BLANKS = [0x20, 0x09, 0x0a, 0x0d, 0x3000, 0xa0, 0x2028, 0x2029, 0x2005];

/** Ways to pick one piece of text: UTF-16 code units, lone surrogates included. */
const PIECES: ((random: () => number) => string)[] = [
  (r) => String.fromCharCode(0x4e00 + Math.floor(r() * 0x5200)), // CJK
  (r) => String.fromCharCode(0x20 + Math.floor(r() * 0x5f)), // ASCII
  (r) => String.fromCharCode(r() < 0.7 ? Math.floor(r() * 0x20) : 0x7f + Math.floor(r() * 0x21)), // C0, DEL, C1
  (r) => String.fromCharCode(0xd800 + Math.floor(r() * 0x800)), // a lone surrogate
  (r) => String.fromCodePoint(0x1f300 + Math.floor(r() * 0x800)), // emoji
  (r) => String.fromCharCode(0x0590 + Math.floor(r() * 0x170)), // Hebrew, Arabic (RTL)
  (r) => String.fromCharCode(ZERO_WIDTH_AND_BIDI[Math.floor(r() * ZERO_WIDTH_AND_BIDI.length)]!),
  (r) => String.fromCharCode(BLANKS[Math.floor(r() * BLANKS.length)]!),
  (r) => String.fromCharCode(Math.floor(r() * 0x10000)), // any code unit
  (r) => String.fromCodePoint(0x10000 + Math.floor(r() * 0x100000)), // any astral code point
];

function randomText(random: () => number, length: number): string {
  let text = '';
  // Runs of one kind, as real broken input comes (a pasted block, a broken emoji, a burst of controls).
  while (text.length < length) {
    const piece = PIECES[Math.floor(random() * PIECES.length)]!;
    const run = 1 + Math.floor(random() * 8);
    for (let i = 0; i < run && text.length < length; i++) text += piece(random);
  }
  return text;
}

/** A text with nothing in it but blanks and control characters: the only thing the API may refuse. */
const EMPTY = /^[\s\p{Cc}]*$/u;

const CASES = 300;
const LONG_EVERY = 25;

let bot: TestApp;
beforeAll(async () => {
  bot = await startTestApp({ demo: true, now: '2026-11-23T10:00:00+08:00' });
});
afterAll(async () => {
  await bot?.stop();
});

describe('the sandbox API under fuzzed text', () => {
  it(`never answers 5xx, refuses only empty messages, and answers every private message (${CASES} seeded cases)`, async () => {
    const random = seeded(20261201);
    const texts = Array.from({ length: CASES }, (_, i) => randomText(random, i % LONG_EVERY === 0 ? 20_000 : 1 + Math.floor(random() * 300)));
    texts.push('\u0000\u0001\r\n\t ', '\uD800', '\uDFFF\uD800', '👍\u200D', '\u202Eكلمة', '签到\u0007'.repeat(3));

    const accepted: string[] = [];
    const statuses: number[] = [];
    for (let i = 0; i < texts.length; i += 6) {
      await Promise.all(
        texts.slice(i, i + 6).map(async (text, offset) => {
          const user = `fuzz-${i + offset}`;
          const { status, body } = await bot.post('/sandbox/api/messages', { chatId: `dm:${user}`, userId: user, text });
          statuses.push(status);
          expect(status, `case ${i + offset}: ${JSON.stringify(text.slice(0, 40))}`).toBe(EMPTY.test(text) ? 400 : 200);
          if (status === 200) accepted.push(`dm:${user}`);
          else expect(body.error).toMatch(/empty/);
        }),
      );
    }
    expect(statuses.every((s) => s < 500)).toBe(true);
    expect(accepted.length).toBeGreaterThan(CASES * 0.9);

    const db = bot.app.db;
    const answered = async () => new Set((await db.sandboxMessage.findMany({ where: { userId: 'bot', chatId: { in: accepted } }, select: { chatId: true } })).map((m) => m.chatId));
    await until('an answer in every private chat', async () => (await answered()).size === accepted.length, 30_000);
    // Nothing crashed on the way: every event was handled, none failed.
    expect(await db.inboxEvent.count({ where: { platform: 'sandbox', status: { not: 'done' } } })).toBe(0);

    // What the sandbox keeps and shows is the repaired text: valid Unicode, no control characters but tab and line feed.
    const sample = accepted.filter((_, i) => i % 10 === 0);
    for (const chatId of sample) {
      const [mine, answer] = await bot.messages(chatId);
      expect(mine!.text.isWellFormed()).toBe(true);
      expect(mine!.text).not.toMatch(/[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/);
      expect(answer!.userId).toBe('bot');
    }
  });
});
