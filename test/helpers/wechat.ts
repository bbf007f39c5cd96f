import path from 'node:path';
import { afterEach } from 'vitest';
import { types, type Message } from 'wechaty';
import type { PuppetMock, mock } from 'wechaty-puppet-mock';
import type { WechatAdapter } from '../../adapters/wechat/adapter.ts';
import { createApp, type App } from '../../src/app.ts';
import { issueBindCode } from '../../src/core/bind-codes.ts';
import { loadEnv } from '../../src/config/env.ts';
import { parsePolicy, office } from '../../commands/index.ts';
import { importRoster, validateRoster } from '../../src/roster/import-roster.ts';
import { SettableClock } from '../../src/time/clock.ts';
import { tempDir, TEST_SANDBOX_TOKEN } from './app.ts';
import { freshDatabaseUrl } from './database.ts';
import { until } from './until.ts';

type ContactMock = mock.ContactMock;
type RoomMock = mock.RoomMock;

export interface BotMessage {
  id: string;
  chatId: string;
  text: string;
}

export interface WechatWorld {
  app: App;
  adapter: WechatAdapter;
  mocker: mock.Mocker;
  clock: SettableClock;
  databaseUrl: string;
  /** Everything the bot account has sent, as the mock puppet echoes it back. */
  sent: BotMessage[];
  person(name: string): ContactMock;
  room(topic: string, members: ContactMock[]): RoomMock;
  login(self: ContactMock): Promise<void>;
  botSaid(chatId: string, match: (text: string) => boolean): Promise<BotMessage>;
  stop(): Promise<void>;
}

export interface WechatWorldOptions {
  now?: string;
  databaseUrl?: string;
  env?: Record<string, string>;
  policy?: Record<string, unknown>;
}

/** Polls until `probe` returns a value; bounded, so a broken path fails instead of hanging. */
export const waitFor = until;

let roomSeq = 0;

/** The whole bot on a fresh database (TEST_DATABASE) with real Wechaty on the mock puppet, pacing off unless asked. */
export async function startWechatWorld(options: WechatWorldOptions = {}): Promise<WechatWorld> {
  const dir = tempDir('shequ-wechat-');
  const databaseUrl = options.databaseUrl ?? (await freshDatabaseUrl());
  const env = loadEnv({
    DATABASE_URL: databaseUrl,
    PORT: '0',
    LOG_LEVEL: process.env.TEST_LOG_LEVEL ?? 'silent',
    SANDBOX: 'off',
    // Needed where a test turns the sandbox on beside WeChat.
    SANDBOX_TOKEN: TEST_SANDBOX_TOKEN,
    INSTANCE_ID: `test-${process.pid}`,
    WECHATY_PUPPET: 'wechaty-puppet-mock',
    WECHATY_NAME: path.join(dir, 'wechat'),
    ...options.env,
  });
  const policy = parsePolicy({ ...options.policy, wechat: { minGapMs: 0, jitterMs: 0, ...(options.policy?.wechat as object) } });
  const clock = new SettableClock(new Date(options.now ?? '2026-11-23T07:58:00+08:00'), { frozen: true });
  const app = await createApp({ env, office, policy, clock, delivery: { pollMs: 50, baseBackoffMs: 50 } });
  await app.start();
  const adapter = app.adapters.get('wechat') as WechatAdapter;
  const mocker = (adapter.wechaty.puppet as PuppetMock).mocker;
  // People's phones follow the office clock, so a message is sent at the test's time.
  const store = mocker.cacheMessagePayload;
  const setPayload = store.set.bind(store);
  store.set = (id, payload) => setPayload(id, { ...payload, timestamp: clock.now().getTime() });
  const sent: BotMessage[] = [];
  adapter.wechaty.on('message', (message: Message) => {
    if (message.self()) sent.push({ id: message.id, chatId: message.room()?.id ?? message.listener()?.id ?? '', text: message.text() });
  });

  return {
    app,
    adapter,
    mocker,
    clock,
    databaseUrl,
    sent,
    person: (name) => mocker.createContact({ name }),
    room: (topic, members) => mocker.createRoom({ id: `${++roomSeq}-${Date.now()}@chatroom`, topic, memberIdList: members.map((m) => m.id) }),
    async login(self) {
      mocker.login(self);
      await waitFor('the WeChat adapter to be ready', () => adapter.isReady());
    },
    botSaid: (chatId, match) =>
      waitFor(`a bot message in ${chatId}; sent so far:\n${sent.map((m) => `${m.chatId}: ${m.text}`).join('\n')}`, () =>
        sent.find((m) => m.chatId === chatId && match(m.text)),
      ),
    stop: () => app.stop(),
  };
}

const ROSTER = [
  { 姓名: '王芳', 角色: '书记' },
  { 姓名: '张三', 角色: '社工' },
  { 姓名: '李四', 角色: '社工' },
];

/** 幸福社区 with a secretary (王芳) and two staff (张三, 李四), nobody bound yet. */
export async function importOffice(world: WechatWorld): Promise<void> {
  const entries = validateRoster(
    ROSTER.map((cells, index) => ({ rowNumber: index + 2, cells: { 手机: '', 生日: '', 网格: '', 社区: '幸福社区', 街道: '幸福街道', ...cells } })),
  );
  await importRoster(world.app.db, entries);
}

/** Binds a WeChat contact the way an office does: a code from the admin, sent to the bot privately. */
export async function bindByCode(world: WechatWorld, contact: ContactMock, bot: ContactMock, name: string): Promise<void> {
  const { code } = await issueBindCode(world.app.db, name, undefined, world.clock.now(), 72);
  contact.say(`绑定 ${code}`).to(bot);
  await world.botSaid(contact.id, (text) => text.startsWith('绑定成功'));
}

/** A logged-in bot, 王芳 (secretary) and 张三 (staff) bound, and 幸福社区工作群 declared the work group; with `withLi`, 李四 (staff) too. */
export async function startOffice(options: WechatWorldOptions & { withLi?: boolean } = {}) {
  const world = await startWechatWorld(options);
  await importOffice(world);
  const bot = world.person('社区助手');
  const wang = world.person('王芳');
  const zhang = world.person('张三');
  const li = options.withLi ? world.person('李四') : null;
  const group = world.room('幸福社区工作群', li ? [bot, wang, zhang, li] : [bot, wang, zhang]);
  await world.login(bot);
  await bindByCode(world, wang, bot, '王芳');
  await bindByCode(world, zhang, bot, '张三');
  if (li) await bindByCode(world, li, bot, '李四');
  wang.say('@社区助手\u2005设为工作群', [bot]).to(group);
  await world.botSaid(group.id, (text) => text === '@王芳 好的，本群已设为幸福社区的工作群。');
  return { world, bot, wang, zhang, li, group };
}

/** For a test file: each test starts its own office with the returned function; it is stopped after the test. */
export function officePerTest(): () => ReturnType<typeof startOffice> {
  let world: WechatWorld | null = null;
  afterEach(async () => {
    await world?.stop();
    world = null;
  });
  return async () => {
    const office = await startOffice();
    world = office.world;
    return office;
  };
}

/** A quoted reply as WeChat's app message type 57 carries it: the reply in <title>, the quoted id in <svrid>. */
export function quoteXml(reply: string, quotedId: string, quotedText: string): string {
  return `<msg><appmsg appid="" sdkver="0"><title>${reply}</title><type>57</type><refermsg><type>1</type><svrid>${quotedId}</svrid><content>${quotedText}</content></refermsg></appmsg></msg>`;
}

/** `from` quotes the bot message `quoted` in `room` with `reply`, as the puppet delivers it; returns the quote's message id. */
export function sayQuoting(world: WechatWorld, id: string, from: ContactMock, room: RoomMock, reply: string, quoted: BotMessage): string {
  const quote = world.mocker.MessageMock.create({
    id,
    talkerId: from.id,
    roomId: room.id,
    timestamp: world.clock.now().getTime(),
    type: types.Message.Unknown,
    text: quoteXml(reply, quoted.id, quoted.text),
    mentionIdList: [],
  });
  world.mocker.puppet.emit('message', { messageId: quote.id });
  return quote.id;
}
