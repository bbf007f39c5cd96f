import { z } from 'zod';
import { defineCommand } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { say, senderOf } from '../../src/leave/command-support.ts';
import { leaveRef } from '../../src/leave/parse-note.ts';
import { leaveIdFromSubject } from '../../src/leave/workflow.ts';

const certificateArgs = z.object({ id: z.number().int().nullable() });

/** 病假证明 (#编号): the hospital certificate of a sick leave was handed in; stops its reminders. */
export const leaveCertificateCommand = defineCommand({
  id: 'leave-certificate',
  names: ['病假证明', '交证明', '/certificate'],
  summary: 'cmd.leaveCertificate.summary',
  example: 'cmd.leaveCertificate.example',
  allowedRoles: OFFICE_STAFF,
  args: certificateArgs,
  parse: (rest, { quotedSubject }) => ({ ok: true, args: { id: leaveRef(rest, leaveIdFromSubject(quotedSubject)).id } }),
  async handle(context, { id }) {
    const sender = senderOf(context);
    const where = id !== null ? { id, certificate: 'owed' } : { personId: sender.personId, certificate: 'owed', status: { in: ['pending', 'approved'] } };
    const leave = await context.tx.leaveRequest.findFirst({ where, orderBy: { id: 'desc' } });
    if (!leave || (leave.personId !== sender.personId && leave.filedById !== sender.personId)) return say(context, { key: 'leave.certificate.none' });
    await context.tx.leaveRequest.updateMany({ where: { id: leave.id, certificate: 'owed' }, data: { certificate: 'provided' } });
    say(context, { key: 'leave.certificate.done', params: { id: leave.id } });
  },
});
