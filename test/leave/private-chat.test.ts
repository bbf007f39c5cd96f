import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { rememberPrivateChat } from '../../src/core/identity.ts';
import type { Db } from '../../src/db/client.ts';
import { privateTargets } from '../../src/core/addressing.ts';
import { freshDb } from '../helpers/database.ts';

let db: Db;
let personId: number;

beforeAll(async () => {
  db = (await freshDb('private')).db;
  personId = (
    await db.person.create({
      data: {
        name: '赵敏',
        rosterKey: 'street:幸福街道:赵敏',
        bindings: { create: [{ platform: 'lark', platformUserId: 'ou_1' }, { platform: 'telegram', platformUserId: '42' }, { platform: 'sandbox', platformUserId: 'zhaomin' }] },
      },
    })
  ).id;
});
afterAll(() => db.$disconnect());

describe('where the bot writes to a person privately', () => {
  it('uses the platform convention until the person writes from another private chat (Lark p2p chat id)', async () => {
    expect(await db.$transaction((tx) => privateTargets(tx, personId))).toEqual([
      { platform: 'lark', chatId: 'ou_1' },
      { platform: 'telegram', chatId: '42' },
      { platform: 'sandbox', chatId: 'dm:zhaomin' },
    ]);
    await db.$transaction(async (tx) => {
      await rememberPrivateChat(tx, 'lark', 'ou_1', 'oc_p2p');
      await rememberPrivateChat(tx, 'telegram', '42', '42');
      await rememberPrivateChat(tx, 'sandbox', 'zhaomin', 'dm:zhaomin');
    });
    expect((await db.$transaction((tx) => privateTargets(tx, personId))).map((t) => t.chatId)).toEqual(['oc_p2p', '42', 'dm:zhaomin']);
    const stored = await db.binding.findMany({ orderBy: { id: 'asc' } });
    expect(stored.map((b) => b.privateChatId)).toEqual(['oc_p2p', null, null]);
  });
});
