import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commandRegistry, translate } from '../../commands/index.ts';
import { type Command } from '../../src/core/command.ts';
import { renderText } from '../../src/i18n/text.ts';
import { type ChatRecord } from '../../src/core/identity.ts';
import type { RecordKind, Scoped } from '../../src/core/records.ts';
import type { OutgoingMessage } from '../../src/messaging/types.ts';
import { importRoster, validateRoster } from '../../src/roster/import-roster.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';
import { until } from '../helpers/until.ts';

/**
 * Who may act on whose records: every command that names a record, as every kind of actor, against
 * a fresh record of every kind it names, all of 幸福社区 (幸福街道). Generated from the registrations:
 * a new command that declares a record is in it without anyone remembering, and fails here until
 * the record kind has a seed and the command a sample line. The table it prints is the README's.
 */

const BOT = '社区助手';
const t = translate('zh-CN');

/** The actors, in the order they act: outsiders first, so nothing an insider did can hide a leak. */
const ACTORS = [
  { key: 'otherStreetOffice', label: '另一街道的街道角色', user: 'c-street' },
  { key: 'otherStreet', label: '另一街道的社区', user: 'c-all' },
  { key: 'otherCommunity', label: '同街道另一社区', user: 'b-all' },
  { key: 'resident', label: '本社区居民', user: 'a-resident' },
  { key: 'unbound', label: '未绑定账号', user: 'visitor' },
  { key: 'streetOffice', label: '本街道的街道角色', user: 'a-street' },
  { key: 'sameCommunity', label: '本社区书记', user: 'wangfang' },
  { key: 'owner', label: '记录的提交人', user: '' },
] as const;
type ActorKey = (typeof ACTORS)[number]['key'];

/** More of the street office and its neighbours: every role they can hold, so only the scope stops them. */
const MORE_PEOPLE = [
  { id: 'b-all', 姓名: '吴刚', 角色: '书记、副书记、主任、社工、考勤员', 社区: '和平社区', 街道: '幸福街道' },
  { id: 'c-all', 姓名: '郑义', 角色: '书记、副书记、主任、社工、考勤员', 社区: '光明社区', 街道: '光明街道' },
  { id: 'c-street', 姓名: '冯军', 角色: '社区建设科、街道分管领导、街道主要领导、街道应急办', 社区: '', 街道: '光明街道' },
  { id: 'a-street', 姓名: '何平', 角色: '社区建设科、街道分管领导、街道主要领导、街道应急办', 社区: '', 街道: '幸福街道' },
  { id: 'a-resident', 姓名: '孙大妈', 角色: '居民', 社区: '幸福社区', 街道: '幸福街道' },
];

/** A fresh record of a kind, the way its sample line names it, who filed it, and the chat its commands are written in (else each actor's private chat). */
interface Seed {
  id: number;
  ref: string;
  owner: string;
  chat?: string;
  /** For a record of one chat: a chat of the office where it is not. */
  elsewhere?: string;
}

type Outcome = 'not found' | 'role' | 'not theirs' | 'silent' | 'acted' | 'answered';
const SHOWN: Record<Outcome, string> = { 'not found': '查无此记录', role: '拒绝（角色）', 'not theirs': '拒绝（非本人）', silent: '不回答', acted: '办理', answered: '答复（未改动）' };

/** Lines for commands whose example names no record or is not complete with a number alone. */
const SAMPLE: Record<string, (ref: string) => string> = {
  'leave-confirm': (ref) => `确认 ${ref}`,
  'leave-report-back': (ref) => `销假 ${ref}`,
  'notice-confirm': (ref) => `确认发布 ${ref}`,
  'duty-cover': (ref) => `代班 ${ref} 刘洋`,
  plan: (ref) => `周计划 替换 ${ref}`,
  'chat-purpose': () => '设为居民群',
  'incident-merge': (ref) => `并案 ${ref} #${Number(ref.slice(1)) + 1}`,
  'incident-show': (ref) => `事件 ${ref}`,
};

const UNLIMITED = { count: 1_000_000, perSeconds: 60 };

/** December 2026's workdays after the office's 'now', for leave notes that need one. */
const WORKDAYS = [10, 11, 14, 15, 16, 17, 18, 21, 22, 23, 24, 25, 28, 29, 30, 31];

let bot: TestApp;
let seq = 0;
const table: string[][] = [];

async function send(chat: string, user: string, text: string): Promise<void> {
  await bot.say(chat, user, text, { id: `m${++seq}` });
}

/** The record a seed's line made; on a timeout, what the bot answered says why. */
async function latest<T>(probe: () => Promise<T | null>): Promise<T> {
  try {
    return await until('the record the seed made', probe, 5_000);
  } catch (error) {
    const last = await bot.app.db.outboxMessage.findMany({ orderBy: { id: 'desc' }, take: 3 });
    throw new Error(`${(error as Error).message}; the bot's last answers: ${last.map((m) => (JSON.parse(m.payload) as OutgoingMessage).text).join(' / ')}`);
  }
}

/** Every domain table as text: what a command may have changed (the message path's own tables left out). */
const PATH_TABLES = new Set(['InboxEvent', 'OutboxMessage', 'Conversation', 'ScheduledRun', 'SenderLease', 'SandboxUser', 'SandboxChat', 'SandboxMessage', '_prisma_migrations']);
let tables: string[] = [];
async function snapshot(): Promise<string> {
  const parts: string[] = [];
  for (const table of tables) parts.push(JSON.stringify(await bot.app.db.$queryRawUnsafe(`SELECT * FROM "${table}" ORDER BY 1`), (_k, v) => (typeof v === 'bigint' ? String(v) : v)));
  return parts.join('\n');
}

async function seedFor(kind: string, command: Command): Promise<Seed> {
  const db = bot.app.db;
  const deciding = command.id === 'approve' || command.id === 'reject';
  switch (kind) {
    case 'incident': {
      await send('g-residents', 'qiandaye', `上报 ${seq}号楼楼道有烟味`);
      const first = await latest(() => db.incident.findFirst({ orderBy: { id: 'desc' } }));
      if (command.id === 'incident-merge') {
        await send('g-residents', 'qiandaye', `上报 ${seq}号楼楼道有烟味，还在冒`);
        await latest(() => db.incident.findFirst({ where: { id: first.id + 1 } }));
      }
      return { id: first.id, ref: `#${first.id}`, owner: 'qiandaye' };
    }
    case 'leave': {
      await send('dm:zhangwei', 'zhangwei', `请假 12月${WORKDAYS[seq % WORKDAYS.length]}日 年休假 回老家`);
      const draft = await latest(() => db.leaveRequest.findFirst({ orderBy: { id: 'desc' } }));
      if (!deciding) return { id: draft.id, ref: `#${draft.id}`, owner: 'zhangwei' };
      await send('dm:zhangwei', 'zhangwei', `确认 #${draft.id}`);
      await latest(() => db.leaveRequest.findFirst({ where: { id: draft.id, status: 'pending' } }));
      return { id: draft.id, ref: `请假#${draft.id}`, owner: 'zhangwei' };
    }
    case 'alert': {
      await send('dm:zhangwei', 'zhangwei', ['发布预警', '名称：暴雨红色预警', '类型：气象灾害', '级别：红色', '区域：幸福社区全域', '时间：12月2日12:00至12月3日20:00', '预计影响：低洼路段积水', '措施：减少外出', '发布单位：幸福街道应急办'].join('\n'));
      const alert = await latest(() => db.alert.findFirst({ orderBy: { id: 'desc' } }));
      if (!deciding) {
        await send('dm:wangfang', 'wangfang', `同意 预警#${alert.id}`);
        await latest(() => db.alert.findFirst({ where: { id: alert.id, status: 'approved' } }));
      }
      return { id: alert.id, ref: deciding ? `预警#${alert.id}` : `#${alert.id}`, owner: 'zhangwei' };
    }
    case 'duty-swap': {
      await send('dm:zhangwei', 'zhangwei', '我的值班');
      const asked = (await db.dutySwap.findMany({ select: { seatId: true } })).map((s) => s.seatId);
      const seat = await latest(() => db.dutySeat.findFirst({ where: { role: 'duty', personId: { not: null }, id: { notIn: asked }, startAt: { gt: bot.clock.now() } }, orderBy: { startAt: 'asc' } }));
      const holder = await db.person.findUniqueOrThrow({ where: { id: seat.personId! } });
      const user = holder.name === '张伟' ? 'zhangwei' : 'liuyang';
      const [, month, day] = seat.date.split('-').map(Number);
      await send('g-work', user, `换班 ${month}月${day}日 和 ${holder.name === '张伟' ? '刘洋' : '张伟'}`);
      const swap = await latest(() => db.dutySwap.findFirst({ where: { status: 'pending' }, orderBy: { id: 'desc' } }));
      return { id: swap.id, ref: `换班#${swap.id}`, owner: user };
    }
    case 'duty-seat': {
      await send('dm:zhangwei', 'zhangwei', '我的值班');
      const seat = await latest(() => db.dutySeat.findFirst({ where: { role: 'duty', personId: { not: null }, startAt: { gt: bot.clock.now() } }, orderBy: { startAt: 'desc' } }));
      return { id: seat.id, ref: `#${seat.id}`, owner: 'zhangwei' };
    }
    case 'notice': {
      await send('dm:wangfang', 'wangfang', `发布通知\n${seq}号楼停水\n明天9:00-12:00停水检修`);
      const notice = await latest(() => db.notice.findFirst({ orderBy: { id: 'desc' } }));
      return { id: notice.id, ref: `#${notice.id}`, owner: 'wangfang' };
    }
    case 'notice-delivery': {
      await send('dm:wangfang', 'wangfang', `发布通知\n${seq}号楼停电\n明天9:00-12:00停电检修。收到请回复收到`);
      const notice = await latest(() => db.notice.findFirst({ orderBy: { id: 'desc' } }));
      await send('dm:wangfang', 'wangfang', `确认发布 #${notice.id}`);
      await until('the notice to reach the residents group', () => db.noticeDelivery.findFirst({ where: { noticeId: notice.id, status: 'sent' } }));
      return { id: notice.id, ref: `#${notice.id}`, owner: 'a-resident', chat: 'g-residents', elsewhere: 'g-work' };
    }
    case 'question': {
      // His open report would take his next words as its follow-up.
      await send('g-residents', 'qiandaye', '取消');
      await send('g-residents', 'qiandaye', `@${BOT} ${seq}号楼停水到几点？`);
      const question = await latest(() => db.residentQuestion.findFirst({ orderBy: { id: 'desc' } }));
      return { id: question.id, ref: `#${question.id}`, owner: 'qiandaye' };
    }
    case 'plan-revision': {
      await send('dm:zhangwei', 'zhangwei', `周计划\n1. 走访${seq}栋独居老人\n2. 整理低保材料`);
      await send('dm:zhangwei', 'zhangwei', `周计划\n1. 走访${seq}栋空巢老人\n2. 录入台账`);
      const revision = await latest(() => db.planRevision.findFirst({ where: { status: 'pending' }, orderBy: { id: 'desc' } }));
      return { id: revision.id, ref: `#${revision.id}`, owner: 'zhangwei' };
    }
    case 'chat': {
      const group = `g-claimed-${++seq}`;
      await bot.app.db.sandboxChat.create({ data: { id: group, title: `幸福社区${seq}号楼群`, kind: 'group' } });
      await send(group, 'wangfang', '设为工作群');
      const chat = await latest(() => db.chat.findFirst({ where: { platformChatId: group, communityId: { not: null } } }));
      return { id: chat.id, ref: '', owner: 'wangfang', chat: group };
    }
  }
  throw new Error(`no seed for records of kind "${kind}" (named by ${command.id}): add one to test/core/boundaries.test.ts`);
}

const RESIDENTS = new Set(['qiandaye', 'a-resident']);

/** Which actors the declared access lets reach a record of 幸福社区. */
function inScope(access: string, actor: ActorKey, user: string, seed: Seed): boolean {
  const office = actor === 'sameCommunity' || actor === 'streetOffice';
  const owner = user === seed.owner;
  switch (access) {
    case 'office':
      return office || (owner && !RESIDENTS.has(seed.owner));
    case 'office-or-owner':
    case 'claim':
      return office || owner;
    default:
      return owner;
  }
}

function lineFor(command: Command, seed: Seed): string {
  const sample = SAMPLE[command.id];
  if (sample) return sample(seed.ref);
  const example = t(command.example);
  if (!/#\d+/.test(example)) throw new Error(`${command.id} names a record but its example 「${example}」 has no #编号: add a line to SAMPLE`);
  return example.replace(/(?:\p{Script=Han}{1,2})?#\d+/u, seed.ref);
}

async function act(command: Command, kind: RecordKind<Scoped>, seed: Seed, actor: ActorKey, user: string): Promise<Outcome> {
  const chat = command.record!.access === 'chat' && actor !== 'owner' ? seed.elsewhere! : (seed.chat ?? `dm:${user}`);
  // What the seed or an earlier actor set going (sends, delivery ledgers) settles first.
  await bot.app.delivery.drain();
  const before = await snapshot();
  const lastOut = (await bot.app.db.outboxMessage.findFirst({ orderBy: { id: 'desc' }, select: { id: true } }))?.id ?? 0;
  await send(chat, user, lineFor(command, seed));
  const replies = await bot.app.db.outboxMessage.findMany({ where: { id: { gt: lastOut }, platformChatId: chat }, orderBy: { id: 'asc' } });
  const texts = replies.map((r) => (JSON.parse(r.payload) as OutgoingMessage).text);
  await bot.app.delivery.drain();
  const changed = (await snapshot()) !== before;
  if (changed) return 'acted';
  if (texts.length === 0) return 'silent';
  const row = await kind.load(bot.app.db as never, seed.id, (await bot.app.db.chat.findFirst({ where: { platformChatId: chat } })) as ChatRecord);
  const notFound = kind.notFound ? t(kind.notFound, { id: seed.id }) : null;
  const notYours = row && kind.notYours ? renderText(t, kind.notYours(row, seed.id)) : null;
  if (texts.some((text) => text === notFound)) return 'not found';
  if (texts.some((text) => text === notYours)) return 'not theirs';
  if (texts.some((text) => /只有.+可以使用|你还没有绑定身份/.test(text))) return 'role';
  return 'answered';
}

beforeAll(async () => {
  bot = await startTestApp({
    demo: true,
    now: '2026-12-02T09:00:00+08:00',
    policy: {
      duty: { rotations: [{ name: '白班', shifts: ['day'], people: ['张伟', '刘洋'], start: '2026-11-23', days: ['workday'] }] },
      // Hundreds of lines at one frozen instant: the budgets at the door are tested in test/abuse.
      limits: { staff: [UNLIMITED], residents: [UNLIMITED], chat: [UNLIMITED], platform: [UNLIMITED], reports: { count: 1_000_000 } },
    },
  });
  const db = bot.app.db;
  await importRoster(db, validateRoster(MORE_PEOPLE.map(({ id: _id, ...cells }, index) => ({ rowNumber: index + 2, cells: { 手机: '', 生日: '', 网格: '', ...cells } }))));
  for (const person of MORE_PEOPLE) {
    const row = await db.person.findFirstOrThrow({ where: { name: person.姓名 } });
    await db.sandboxUser.create({ data: { id: person.id, name: person.姓名 } });
    await db.binding.create({ data: { personId: row.id, platform: 'sandbox', platformUserId: person.id, displayName: person.姓名 } });
  }
  // Each account has written to the bot once, so its private chat is known before anything is compared.
  for (const user of ['wangfang', 'zhangwei', 'liuyang', 'qiandaye', ...ACTORS.map((a) => a.user).filter(Boolean)]) await send(`dm:${user}`, user, '帮助');
  const onPostgres = bot.databaseUrl.startsWith('postgres');
  const names = onPostgres
    ? await db.$queryRawUnsafe<{ name: string }[]>(`SELECT table_name::text AS name FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'`)
    : await db.$queryRawUnsafe<{ name: string }[]>(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`);
  tables = names.map((n) => n.name).filter((name) => !PATH_TABLES.has(name)).sort();
});

afterAll(async () => {
  if (table.length > 0) {
    const head = ['指令', '记录', ...ACTORS.map((a) => a.label)];
    const lines = [head, head.map(() => '---'), ...table].map((row) => `| ${row.join(' | ')} |`);
    process.stdout.write(`\n${lines.join('\n')}\n`);
  }
  await bot?.stop();
});

const recordCommands = commandRegistry(BOT).commands.filter((c) => c.record);

describe('who may act on whose records', () => {
  it('every command that names a record declares it', () => {
    expect(recordCommands.map((c) => c.id).sort()).toEqual(
      expect.arrayContaining(['incident-take', 'incident-close', 'incident-level', 'approve', 'reject', 'leave-withdraw', 'notice-confirm', 'alert-update', 'question-answer', 'duty-cover', 'chat-purpose']),
    );
  });

  it.each(recordCommands.flatMap((command) => command.record!.kinds.map((kind) => [`${command.names[0]} (${kind.kind})`, command, kind] as const)))(
    '%s: outsiders are answered as if it did not exist and change nothing; its office reaches it',
    async (_name, command, kind) => {
      const seed = await seedFor(kind.kind, command);
      const row: string[] = [command.names[0]!, kind.kind];
      for (const actor of ACTORS) {
        const user = actor.key === 'owner' ? seed.owner : actor.user;
        const outcome = await act(command, kind, seed, actor.key, user);
        row.push(SHOWN[outcome]);
        const label = `${command.id} on ${kind.kind} ${seed.ref} by ${actor.key} (${user})`;
        const access = command.record!.access;
        if (!inScope(access, actor.key, user, seed)) {
          expect(['not found', 'role', 'silent', 'not theirs'], label).toContain(outcome);
          // Only its own office learns that a record it may not touch exists (and a group whose community claimed it).
          if (outcome === 'not theirs' && access !== 'claim') expect(['streetOffice', 'sameCommunity'], label).toContain(actor.key);
        } else {
          expect(outcome, label).not.toBe('not found');
        }
      }
      table.push(row);
    },
  );
});
