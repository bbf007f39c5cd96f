import type { RecordKind } from '../../src/core/records.ts';

/** The kind of the subjects of the bot's messages about a note: `leave:12` (filed), `leave:12:draft`, `leave:12:0` (an approval step). */
export const LEAVE_SUBJECT = 'leave';

/** A leave note as the guards see it: its office, and its owners (the applicant, and whoever filed it by phone). */
export const leaveRecord: RecordKind<{ id: number; communityId: number | null; streetId: number | null; personId: number; filedById: number | null }> = {
  kind: 'leave',
  subject: LEAVE_SUBJECT,
  load: (tx, id) => tx.leaveRequest.findUnique({ where: { id }, select: { id: true, communityId: true, streetId: true, personId: true, filedById: true } }),
  notFound: 'leave.notFound',
  ownedBy: (leave, actor) => actor.personId !== null && (leave.personId === actor.personId || leave.filedById === actor.personId),
  notYours: (_leave, id) => ({ key: 'leave.notYours', params: { id } }),
};

/** The commands on one's own note by its number (确认, 撤回, 销假, 病假证明); without a number, the sender's latest. */
export const ownLeaveGuard = { kinds: [leaveRecord], id: <A extends { id: number | null }>(args: A) => args.id, access: 'owner' } as const;
