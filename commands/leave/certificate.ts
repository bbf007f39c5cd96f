import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { say } from './command-support.ts';
import { parseRefArgs, refArgs } from './parse-note.ts';
import { ownLeaveGuard } from './records.ts';

/** 病假证明 (#编号): the hospital certificate of a sick leave was handed in; stops its reminders. */
export const leaveCertificateCommand = defineCommand({
  id: 'leave-certificate',
  names: ['病假证明', '交证明', '/certificate'],
  summary: 'cmd.leaveCertificate.summary',
  example: 'cmd.leaveCertificate.example',
  allowedRoles: OFFICE_STAFF,
  trigger: TRIGGER.exact,
  args: refArgs,
  record: ownLeaveGuard,
  parse: parseRefArgs,
  async handle(context, { id }) {
    const { sender } = context;
    // A numbered note is the sender's (the guard); without a number, their latest owing one.
    const where = id !== null ? { id, certificate: 'owed' } : { personId: sender.personId, certificate: 'owed', status: { in: ['pending', 'approved'] } };
    const leave = await context.tx.leaveRequest.findFirst({ where, orderBy: { id: 'desc' } });
    if (!leave) return say(context, { key: 'leave.certificate.none' });
    await context.tx.leaveRequest.updateMany({ where: { id: leave.id, certificate: 'owed' }, data: { certificate: 'provided' } });
    say(context, { key: 'leave.certificate.done', params: { id: leave.id } });
  },
});
