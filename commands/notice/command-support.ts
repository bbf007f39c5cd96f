import { z } from 'zod';
import { type ArgsResult, type CommandContext } from '../../src/core/command.ts';
import { type Sender } from '../../src/core/identity.ts';
import { readReference } from '../../src/core/reference.ts';
import type { Notice } from '../../src/generated/prisma/client.ts';
import type { NoticeStatus } from './format.ts';

/** `#7` (or 「通知#7」), or nothing: the sender's latest. */
export const noticeRefArgs = z.object({ id: z.number().int().positive().nullable() });

export function parseNoticeRef(rest: string): ArgsResult<z.infer<typeof noticeRefArgs>> {
  if (rest.trim() === '') return { ok: true, args: { id: null } };
  const ref = readReference(rest, { nouns: ['通知'], then: 'nothing' });
  if (!ref) return { ok: false, error: { key: 'notice.ref.invalid' } };
  return { ok: true, args: { id: ref.id } };
}

/**
 * The notice a publisher acts on: the one its number names (the command's guard has made sure they
 * published it), else their latest in `statuses`.
 */
export async function ownNotice(context: CommandContext<Sender>, id: number | null, statuses: readonly NoticeStatus[]): Promise<Notice | null> {
  const { tx, sender, t } = context;
  const notice = id !== null
    ? await tx.notice.findUnique({ where: { id } })
    : await tx.notice.findFirst({ where: { publisherId: sender.personId, status: { in: [...statuses] }, source: 'notice' }, orderBy: { id: 'desc' } });
  if (!notice) context.reply(t('notice.noneOpen'));
  return notice;
}
