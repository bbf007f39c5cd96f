import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';

/** Debian's chromium package; CI installs it (.ci/run). No browser is downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

let bot: TestApp;
let browser: Browser;

beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
  bot = await startTestApp({ demo: true, now: '2026-11-23T07:57:00+08:00' });
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});

afterAll(async () => {
  await browser?.close();
  await bot?.stop();
});

describe('the sandbox page in a real headless Chromium', () => {
  it('lets a person pick who they are, send 签到 in the work group and see the answer', async () => {
    const page = await browser.newPage({ viewport: { width: 420, height: 800 } });
    await page.goto(`${bot.url}/sandbox`);
    await page.selectOption('#user', 'zhangwei');
    await page.selectOption('#chat', 'g-work');
    await page.fill('#text', '签到');
    await page.press('#text', 'Enter');
    const answer = page.locator('.msg.bot .bubble', { hasText: '已签到 07:57' });
    await answer.waitFor({ timeout: 15_000 });
    expect(await answer.textContent()).toBe('@张伟 已签到 07:57（上午）准时');
    await page.screenshot({ path: path.join(tempDir('shequ-screenshot-'), 'sandbox.png') });
  });

  it('shows buttons and presses them', async () => {
    await bot.app.db.$transaction(async (tx) => {
      const { enqueue } = await import('../../src/messaging/outbox.ts');
      await enqueue(tx, [{ platform: 'sandbox', message: { chatId: 'dm:liuyang', text: '现在签到吗？', buttons: [{ label: '签到', value: '签到' }] } }], new Date());
    });
    bot.app.delivery.kick();
    const page = await browser.newPage();
    await page.goto(`${bot.url}/sandbox?user=liuyang&chat=dm:liuyang`);
    await page.locator('.buttons button', { hasText: '签到' }).click();
    await page.locator('.msg.bot .bubble', { hasText: '已签到' }).waitFor({ timeout: 15_000 });
    expect(await bot.app.db.checkIn.count({ where: { person: { name: '刘洋' } } })).toBe(1);
  });
});
