import fs from 'node:fs';
import path from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { InboundMessage } from '../../src/messaging/types.ts';
import { startTestApp, tempDir, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';

/** A 2×2 red PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAIAAAACCAIAAAD91JpzAAAAFklEQVR4nGP8z8DAwMDAxMDAwMDAAAANHQEDasKb6QAAAABJRU5ErkJggg==', 'base64');

/** What the core received for the last message `userId` wrote in the sandbox. */
async function lastInbound(userId: string): Promise<InboundMessage> {
  const row = await until(`a message from ${userId}`, () => bot.app.db.inboxEvent.findFirst({ where: { platform: 'sandbox', payload: { contains: `"senderId":"${userId}"` } }, orderBy: { id: 'desc' } }));
  return JSON.parse(row.payload) as InboundMessage;
}

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

  it('writes a multi-line message with Shift+Enter and the lines reach the bot', async () => {
    const page = await browser.newPage();
    await page.goto(`${bot.url}/sandbox?user=chenjing&chat=g-work`);
    await page.locator('#text').click();
    await page.keyboard.type('周计划');
    await page.keyboard.press('Shift+Enter');
    await page.keyboard.type('1. 走访');
    await page.keyboard.press('Enter');
    await page.locator('.msg.mine .bubble', { hasText: '1. 走访' }).waitFor({ timeout: 15_000 });
    expect((await lastInbound('chenjing')).text).toBe('周计划\n1. 走访');
  });

  it('attaches a picture: it reaches the bot by the sandbox’s URL and shows in the chat, loaded from the sandbox', async () => {
    const page = await browser.newPage();
    await page.goto(`${bot.url}/sandbox?user=liuyang&chat=g-emergency`);
    await page.locator('#attach').waitFor();
    await page.setInputFiles('#photo', { name: '楼道.png', mimeType: 'image/png', buffer: PNG });
    await page.locator('#pending', { hasText: '图片：楼道.png' }).waitFor();
    await page.fill('#text', '3号楼楼道冒烟');
    await page.press('#text', 'Enter');
    const photo = page.locator('.msg.mine img.photo');
    await photo.waitFor({ timeout: 15_000 });
    expect(await photo.evaluate((img: { naturalWidth: number }) => img.naturalWidth)).toBe(2);
    const message = await lastInbound('liuyang');
    expect(message.text).toBe('3号楼楼道冒烟');
    expect(message.attachments).toEqual([{ kind: 'image', ref: await photo.getAttribute('src'), name: '楼道.png', mime: 'image/png', size: PNG.length }]);
  });

  it('shares the location the browser reports, without text, and shows it', async () => {
    const context = await browser.newContext({ geolocation: { latitude: 39.9087, longitude: 116.3975 }, permissions: ['geolocation'] });
    const page = await context.newPage();
    await page.goto(`${bot.url}/sandbox?user=zhangwei&chat=g-emergency`);
    await page.locator('#share').click();
    await page.locator('#pending', { hasText: '位置：39.90870, 116.39750' }).waitFor();
    await page.locator('#send').click();
    await page.locator('.msg.mine .place', { hasText: '39.90870, 116.39750' }).waitFor({ timeout: 15_000 });
    expect(await lastInbound('zhangwei')).toMatchObject({ text: '', location: { latitude: 39.9087, longitude: 116.3975 } });
    await context.close();
  });
});
