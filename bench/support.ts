/** What the benches share: a concurrency pool, percentiles, and a community of bound staff in one work group. */
import { createDb } from '../src/db/client.ts';

export const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
export const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;

export async function pool(count: number, concurrency: number, task: (index: number) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) await task(next++);
    }),
  );
}

/** 压测社区 with `count` staff 社工0… bound as sandbox users u0…, and its work group g-work. */
export async function seedPeople(databaseUrl: string, count: number): Promise<void> {
  const db = createDb(databaseUrl);
  await db.$transaction(
    async (tx) => {
      const community = await tx.community.create({ data: { name: '压测社区' } });
      await tx.chat.create({ data: { platform: 'sandbox', platformChatId: 'g-work', kind: 'group', title: '压测工作群', purpose: 'work', communityId: community.id } });
      for (let i = 0; i < count; i++) {
        const person = await tx.person.create({ data: { name: `社工${i}`, rosterKey: `community:压测社区:社工${i}`, communityId: community.id } });
        await tx.personRole.create({ data: { personId: person.id, role: 'staff' } });
        await tx.binding.create({ data: { personId: person.id, platform: 'sandbox', platformUserId: `u${i}` } });
      }
    },
    { timeout: 600_000 },
  );
  await db.$disconnect();
}
