import fs from 'node:fs';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { FakeBotApi } from '../telegram/fake-bot-api.ts';

/** Debian's chromium package; CI installs it (.ci/run). No browser is downloaded. */
const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
/** A 1×1 PNG. */
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

/** Script that would run if the page took data as HTML; each marks which field let it in. */
const payload = (field: string) => `<img src=x onerror="window.__xss='${field}'">`;
const breakout = (field: string) => `"><script>window.__xss='${field}'</script>`;
const USER = `u${breakout('user id')}`;
const USER_NAME = payload('user name');
const GROUP = `g"><img src=x onerror="window.__xss='chat id'">`;
const GROUP_TITLE = `</option></select>${payload('chat title')}`;
const STRANGER = `new"><img src=x onerror="window.__xss='?user='">`;

let browser: Browser;
beforeAll(async () => {
  if (!fs.existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install chromium (or set CHROMIUM_PATH)`);
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
});
afterAll(async () => {
  await browser?.close();
});

/** A page that records CSP violations: any one means something tried to run script it was not given. */
async function watchedPage(): Promise<{ page: Page; violations: () => Promise<string[]> }> {
  const page = await browser.newPage();
  await page.addInitScript(`window.__violations = [];
    document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ': ' + e.sample));`);
  return { page, violations: () => page.evaluate('window.__violations') as Promise<string[]> };
}

/** Nothing a payload could have made: no injected script ran, and no element came from data. */
async function expectNoInjection(page: Page, violations: () => Promise<string[]>): Promise<void> {
  expect(await page.evaluate('window.__xss')).toBeUndefined();
  expect(await page.evaluate("document.querySelectorAll('img:not(.photo), svg, iframe, script:not([src]), select *:not(option)').length")).toBe(0);
  expect(await page.evaluate('[...document.scripts].map((s) => new URL(s.src).pathname)')).toEqual(['/sandbox/page.js']);
  expect(await violations()).toEqual([]);
}

/**
 * The page has loaded its people and chats: a selector, not a predicate, since Playwright runs a
 * string predicate with eval, which the page's CSP (no 'unsafe-eval') refused in a CI run.
 */
const chatsShown = (page: Page) => page.waitForSelector('#chat option', { state: 'attached' });

/** The [value, text] of each option of a select. */
function options(page: Page, selector: string): Promise<string[][]> {
  return page.$$eval(`${selector} option`, (list: { value: string; text: string }[]) => list.map((o) => [o.value, o.text]));
}

async function sayAsDemoPerson(page: Page, bot: TestApp): Promise<void> {
  await page.selectOption('#user', 'zhangwei');
  await page.selectOption('#chat', 'g-work');
  await page.fill('#text', '签到');
  await page.press('#text', 'Enter');
  await page.locator('.msg.bot .bubble', { hasText: '已签到 07:57' }).waitFor({ timeout: 15_000 });
  expect(await bot.app.db.checkIn.count({ where: { person: { name: '张伟' } } })).toBe(1);
}

describe('the sandbox page shows every field as text (real headless Chromium)', () => {
  let bot: TestApp;
  beforeAll(async () => {
    bot = await startTestApp({ demo: true, now: '2026-11-23T07:57:00+08:00' });
    const { db, sandbox } = bot.app;
    const quoted = await bot.say(GROUP, USER, breakout('message text'));
    await db.sandboxUser.update({ where: { id: USER }, data: { name: USER_NAME } });
    await db.sandboxChat.update({ where: { id: GROUP }, data: { title: GROUP_TITLE } });
    await bot.say(GROUP, USER, '回复', { replyTo: quoted });
    const files = await bot.post('/sandbox/api/messages', {
      chatId: GROUP,
      userId: USER,
      attachments: [
        { kind: 'file', url: 'https://example.org/a.pdf', name: payload('attachment name') },
        { kind: 'image', data: `data:image/png;base64,${PNG.toString('base64')}`, name: breakout('picture name') },
      ],
      location: { latitude: 39.9087, longitude: 116.3975, name: payload('location name'), address: breakout('location address') },
    });
    expect(files.status).toBe(200);
    await sandbox!.send({ chatId: GROUP, text: payload('bot text'), buttons: [{ label: payload('button label'), value: 'a' }, { label: breakout('button label'), value: 'b' }] });
    // What the API refuses, stored anyway: the page must not make it a link.
    await sandbox!.store.add({ chatId: GROUP, userId: USER, text: '', attachments: [{ kind: 'file', url: "javascript:window.__xss='javascript: link'", name: '点我' }], at: new Date() });
    await bot.delivered();
  });
  afterAll(async () => {
    await bot?.stop();
  });

  it('user ids and names, chat ids and titles, texts, quotes, labels, file and place names stay text; the page still answers', async () => {
    const { page, violations } = await watchedPage();
    const response = await page.goto(`${bot.url}/sandbox?user=${encodeURIComponent(USER)}&chat=${encodeURIComponent(GROUP)}`);
    expect(response!.headers()['content-security-policy']).toMatch(/script-src 'self'(;|$)/);
    expect(response!.headers()['content-security-policy']).not.toContain('unsafe-inline');
    expect(response!.headers()['x-content-type-options']).toBe('nosniff');
    await chatsShown(page);
    expect(await options(page, '#user')).toContainEqual([USER, USER_NAME]);
    expect(await options(page, '#chat')).toEqual(expect.arrayContaining([[GROUP, GROUP_TITLE], [`dm:${USER}`, '和社区助手私聊']]));
    expect(await page.inputValue('#user')).toBe(USER);
    expect(await page.inputValue('#chat')).toBe(GROUP);

    await page.locator('.buttons button').first().waitFor({ timeout: 15_000 });
    const texts = (selector: string) => page.locator(selector).allTextContents();
    expect(await texts('.bubble')).toEqual(expect.arrayContaining([breakout('message text'), payload('bot text')]));
    expect((await texts('.who')).some((who) => who.startsWith(`${USER_NAME} · `))).toBe(true);
    expect(await texts('.quote')).toContain(`「${USER_NAME}：${breakout('message text').slice(0, 40)}」`);
    expect(await texts('.buttons button')).toEqual([payload('button label'), breakout('button label')]);
    expect(await texts('.file')).toEqual([`📎 ${payload('attachment name')}`, '📎 点我']);
    expect(await page.locator('img.photo').getAttribute('alt')).toBe(breakout('picture name'));
    expect(await texts('.place')).toEqual([`📍 ${payload('location name')}${breakout('location address')} · 39.90870, 116.39750`]);
    await expect(page.locator('.file', { hasText: '点我' }).getAttribute('href')).resolves.toBeNull();

    // The reply bar and the pending picture show what they quote as text too.
    await page.locator('.bubble', { hasText: 'message text' }).click();
    expect(await page.locator('#replyText').textContent()).toBe(`${USER_NAME}：${breakout('message text').slice(0, 30)}`);
    await page.setInputFiles('#photo', { name: `${payload('file name')}.png`, mimeType: 'image/png', buffer: PNG });
    await page.locator('#pending', { hasText: payload('file name') }).waitFor();
    await page.locator('#cancelPending').click();
    await page.locator('#cancelReply').click();
    await page.locator('.file', { hasText: '点我' }).click();

    await sayAsDemoPerson(page, bot);
    await expectNoInjection(page, violations);
    await page.close();
  });

  it('an unknown ?user= and ?chat= stay text', async () => {
    const { page, violations } = await watchedPage();
    await page.goto(`${bot.url}/sandbox?user=${encodeURIComponent(STRANGER)}&chat=${encodeURIComponent(breakout('?chat='))}`);
    await chatsShown(page);
    expect(await page.inputValue('#user')).toBe(STRANGER);
    expect(await options(page, '#user')).toContainEqual([STRANGER, STRANGER]);
    expect((await options(page, '#chat')).map(([value]) => value)).toContain(`dm:${STRANGER}`);
    await page.selectOption('#chat', `dm:${STRANGER}`);
    await page.fill('#text', '帮助');
    await page.press('#text', 'Enter');
    await page.locator('.msg.bot .bubble').first().waitFor({ timeout: 15_000 });
    await expectNoInjection(page, violations);
    await page.close();
  });
});

describe('the sandbox page beside a real platform, behind its token', () => {
  const TOKEN = 'browser-sandbox-token-0123456789';
  let telegram: FakeBotApi;
  let bot: TestApp;
  beforeAll(async () => {
    telegram = await FakeBotApi.start();
    bot = await startTestApp({ demo: true, now: '2026-11-23T07:57:00+08:00', env: { TELEGRAM_BOT_TOKEN: telegram.token, TELEGRAM_API_ROOT: telegram.url, SANDBOX_TOKEN: TOKEN } });
  });
  afterAll(async () => {
    await bot?.stop();
    await telegram?.stop();
  });

  it('is refused without the token; opened once with ?token= it keeps the token in an HttpOnly cookie, out of the URL, and works', async () => {
    const { page, violations } = await watchedPage();
    const refused = await page.goto(`${bot.url}/sandbox`);
    expect(refused!.status()).toBe(401);
    expect(await page.locator('body').textContent()).toContain('SANDBOX_TOKEN');

    const opened = await page.goto(`${bot.url}/sandbox?token=${TOKEN}&user=zhangwei&chat=g-work`);
    expect(opened!.status()).toBe(200);
    expect(page.url()).toBe(`${bot.url}/sandbox?user=zhangwei&chat=g-work`);
    expect(await page.evaluate('document.cookie')).toBe('');
    await sayAsDemoPerson(page, bot);
    await expectNoInjection(page, violations);
    await page.close();
  });
});
