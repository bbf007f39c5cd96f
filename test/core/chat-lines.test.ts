import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseMessage } from '../../src/cli/parse.ts';
import { loadEnv } from '../../src/config/env.ts';
import { defaultPolicy, office, translate } from '../../commands/index.ts';
import type { RouteOutcome } from '../../src/core/router.ts';
import { parseOfficeTime } from '../../src/time/office-time.ts';
import { DEMO_GROUPS, DEMO_ROLES, type CommandLine, type TalkLine } from '../chat-lines/types.ts';
import { startTestApp, type TestApp } from '../helpers/app.ts';

/**
 * The talk table and the command table (test/chat-lines), each line three ways: what it must be,
 * what `shequ parse` says, and what the bot did with it (the outcome its inbox records).
 */

async function load<T>(kind: 'talk' | 'commands'): Promise<T[]> {
  const dir = path.join(import.meta.dirname, '../chat-lines', kind);
  const files = fs.readdirSync(dir).filter((f) => f.endsWith('.ts')).sort();
  const lines: T[] = [];
  for (const file of files) lines.push(...((await import(path.join(dir, file))) as { lines: T[] }).lines);
  return lines;
}

const talkLines = await load<TalkLine>('talk');
const commandLines = await load<CommandLine>('commands');
const DEFAULT_AT = '2026-11-23T07:58:00';
const BOT = '社区助手';
const config = { env: loadEnv({ LOG_LEVEL: 'silent', BOT_NAME: BOT }), policy: defaultPolicy(), t: translate('zh-CN') };
const commands = office.registry(BOT).commands;

const json = (value: unknown) => JSON.parse(JSON.stringify(value)) as Record<string, unknown>;
const chatOf = (line: { chat: string; user: string }) => (line.chat === 'dm' ? `dm:${line.user}` : line.chat);

function parseLine(line: { text: string; user: string; chat: string; at?: string }, purpose: string | null): RouteOutcome {
  const role = DEMO_ROLES[line.user as keyof typeof DEMO_ROLES];
  return parseMessage(
    line.text,
    {
      ...(role ? { as: role } : {}),
      now: line.at ?? DEFAULT_AT,
      chat: line.chat === 'dm' ? 'private' : 'group',
      ...(purpose ? { purpose } : {}),
      addressed: line.text.includes(`@${BOT}`),
    },
    config,
    commands,
  );
}

function checkExpected(line: CommandLine, outcome: RouteOutcome): void {
  const got = json(outcome);
  const label = `${line.user} in ${line.chat}: ${line.text} → ${JSON.stringify(got)}`;
  expect(got.command, label).toBe(line.expect.command);
  if (line.expect.error) {
    expect(got.error, label).toEqual(expect.any(String));
    return;
  }
  expect('error' in got, label).toBe(false);
  expect('prompt' in got, label).toBe(line.expect.prompt ?? false);
  if (line.expect.args) expect(got.args, label).toMatchObject(json(line.expect.args));
}

describe('the tables', () => {
  it('have at least 150 lines each, all different', () => {
    expect(talkLines.length).toBeGreaterThanOrEqual(150);
    expect(commandLines.length).toBeGreaterThanOrEqual(150);
    const key = (l: { text: string; user: string; chat: string }) => `${l.user}|${l.chat}|${l.text}`;
    expect(new Set(talkLines.map(key)).size).toBe(talkLines.length);
  });

  it.each(talkLines.map((l) => [l.text, l] as const))('talk: %s', (_text, line) => {
    expect(parseLine(line, DEMO_GROUPS[line.chat])).toEqual({ ignored: true });
  });

  it.each(commandLines.map((l) => [l.text, l] as const))('command: %s', (_text, line) => {
    checkExpected(line, parseLine(line, line.chat === 'dm' || line.chat === 'g-new' ? null : DEMO_GROUPS[line.chat]));
  });
});

describe('the bot and shequ parse agree, line by line, through the sandbox', () => {
  let bot: TestApp;
  beforeAll(async () => {
    // Every line at one of a few frozen instants: the budgets at the door would refuse most (test/abuse tests them).
    const unlimited = [{ count: 1_000_000, perSeconds: 60 }];
    bot = await startTestApp({
      demo: true,
      now: `${DEFAULT_AT}+08:00`,
      policy: { limits: { staff: unlimited, residents: unlimited, chat: unlimited, platform: unlimited, reports: { count: 1_000_000 } } },
    });
    // Reminders due at start go out first, so that what follows is only the lines' doing.
    await bot.app.scheduler.tick();
  });
  afterAll(() => bot.stop());

  async function send(line: { text: string; user: string; chat: string; at?: string }): Promise<{ bot: unknown; parse: unknown }> {
    const db = bot.app.db;
    const at = parseOfficeTime(line.at ?? DEFAULT_AT, config.policy.timezone)!;
    bot.clock.set(at, { frozen: true });
    // Each line on its own: no question left open by an earlier one.
    await db.conversation.deleteMany({});
    const chatId = chatOf(line);
    const chat = await db.chat.findUnique({ where: { platform_platformChatId: { platform: 'sandbox', platformChatId: chatId } } });
    const parsed = parseLine(line, chat?.purpose ?? null);
    const id = await bot.say(chatId, line.user, line.text);
    const event = await db.inboxEvent.findUniqueOrThrow({ where: { platform_eventId: { platform: 'sandbox', eventId: id } } });
    return { bot: JSON.parse(event.outcome ?? 'null'), parse: json(parsed) };
  }

  it('talk: no answer, no record touched, no question opened', async () => {
    const db = bot.app.db;
    const records = () =>
      Promise.all([
        db.whereabouts.count(),
        db.leaveRequest.count(),
        db.checkIn.count(),
        db.attendanceException.count(),
        db.attendanceScore.count(),
        db.chat.findMany({ select: { purpose: true } }),
        db.planRevision.count(),
        db.meetingMinutes.count(),
        db.incident.count(),
        db.incidentUpdate.count(),
      ]);
    const before = await records();
    const answersBefore = await db.outboxMessage.count();
    for (const line of talkLines) {
      const { bot: outcome, parse } = await send(line);
      expect(outcome, `${line.user}: ${line.text}`).toEqual({ ignored: true });
      expect(parse).toEqual(outcome);
      expect(await db.conversation.count(), line.text).toBe(0);
    }
    expect(await records()).toEqual(before);
    expect(await db.outboxMessage.count()).toBe(answersBefore);
  }, 300_000);

  it('commands: the command and arguments parse shows are what the bot ran', async () => {
    for (const line of commandLines) {
      const { bot: outcome, parse } = await send(line);
      expect(outcome, `${line.user} in ${line.chat}: ${line.text}`).toEqual(parse);
      checkExpected(line, outcome as RouteOutcome);
    }
  }, 300_000); // every command line of every family through the bot, one after another (slower on PostgreSQL)
});
