import { afterEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { readArrival } from '../../src/core/arrival.ts';
import { senderFromRows } from '../../src/core/identity.ts';
import { freshDb } from '../helpers/database.ts';

let db: Db | null = null;
afterEach(async () => {
  await db?.$disconnect();
  db = null;
});

const key = { platform: 'sandbox' as const, platformChatId: 'g-work', platformUserId: 'u-zhang' };

/** The chat, the sender and the open question of a message, read in one statement (on the suite's database). */
describe('readArrival', () => {
  it('reads nothing for a new chat and an unbound account', async () => {
    db = (await freshDb('arrival')).db;
    const arrival = await db.$transaction((tx) => readArrival(tx, key));
    expect(arrival).toEqual({ chat: null, senderRows: [], conversation: null });
  });

  it("reads the chat, the person with every role and community, and the question open in that chat only", async () => {
    db = (await freshDb('arrival')).db;
    const street = await db.street.create({ data: { name: '桃园街道' } });
    const community = await db.community.create({ data: { name: '幸福社区', streetId: street.id } });
    const chat = await db.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-work', kind: 'group', title: '工作群', purpose: 'work', communityId: community.id, unreachableAt: new Date('2026-11-30T01:00:00Z') } });
    const person = await db.person.create({ data: { name: '张伟', rosterKey: 'k', communityId: community.id, grid: '第三网格' } });
    await db.personRole.createMany({ data: [{ personId: person.id, role: 'staff' }, { personId: person.id, role: 'director' }] });
    await db.binding.create({ data: { personId: person.id, platform: 'sandbox', platformUserId: 'u-zhang' } });
    const expiresAt = new Date('2026-12-01T02:00:00Z');
    await db.conversation.create({ data: { ...key, command: 'leave', state: '{"rest":"事假"}', expiresAt } });
    await db.conversation.create({ data: { ...key, platformChatId: 'dm:u-zhang', command: 'plan', state: '{"rest":""}', expiresAt } });

    const arrival = await db.$transaction((tx) => readArrival(tx, key));
    expect(arrival.chat).toEqual({ id: chat.id, platform: 'sandbox', platformChatId: 'g-work', kind: 'group', title: '工作群', purpose: 'work', communityId: community.id, unreachableAt: new Date('2026-11-30T01:00:00Z') });
    const sender = senderFromRows(arrival.senderRows);
    expect({ ...sender, roles: [...sender!.roles].sort() }).toEqual({ personId: person.id, name: '张伟', roles: ['director', 'staff'], communityId: community.id, communityName: '幸福社区', grid: '第三网格', streetId: street.id });
    expect(arrival.conversation).toMatchObject({ command: 'leave', state: '{"rest":"事假"}' });
    expect(new Date(arrival.conversation!.expiresAt).toISOString()).toBe(expiresAt.toISOString());
  });
});
