import { z } from 'zod';
import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { renderText } from '../../src/i18n/text.ts';
import type { Role } from '../../src/core/roles.ts';
import { say } from './command-support.ts';
import { createDraft } from './file.ts';
import { leaveLines, statusName } from './format.ts';
import { roleName } from '../../src/approval/workflow.ts';
import { noteArgs, parseNote } from './parse-note.ts';
import { loadLeave } from './load.ts';
import { submit } from './workflow.ts';
import { writeSubject } from '../../src/core/reference.ts';
import { LEAVE_SUBJECT } from './records.ts';

const emergencyArgs = z.object({ name: z.string().min(1), note: noteArgs });

/** Who files a leave someone asked for by phone. */
const FILERS: readonly Role[] = ['secretary', 'deputy_secretary', 'director'];

/**
 * 补假 李四 今天上午 病假 电话请假: the secretary files a leave asked by phone. It follows the
 * normal chain; the filer's own step counts as signed, since filing it is the signature.
 */
export const leaveEmergencyCommand = defineCommand({
  id: 'leave-emergency',
  names: ['补假', '/leave_for'],
  summary: 'cmd.leaveEmergency.summary',
  example: 'cmd.leaveEmergency.example',
  allowedRoles: FILERS,
  member: 'community',
  trigger: TRIGGER.withArgs,
  args: emergencyArgs,
  parse(rest, context) {
    const [name, ...words] = rest.split(/\s+/).filter(Boolean);
    if (!name) return { ok: false, ask: { key: 'leave.emergency.askName' } };
    const note = parseNote(words.join(' '), context, { requireDestination: false });
    return note.ok ? { ok: true, args: { name, note: note.args } } : note;
  },
  async handle(context, { name, note }) {
    const { tx, policy, t, now, message } = context;
    const { sender } = context;
    const people = await tx.person.findMany({ where: { name, communityId: sender.communityId }, include: { community: true } });
    if (people.length !== 1) return say(context, { key: 'leave.emergency.unknown', params: { name, community: sender.communityName ?? '' } });
    const person = people[0]!;
    const streetId = person.streetId ?? person.community?.streetId ?? null;
    const draft = await createDraft(tx, policy, {
      person: { id: person.id, name: person.name, communityId: person.communityId, communityName: person.community?.name ?? null, streetId },
      note,
      now,
      platform: message.platform,
      chatId: message.chatId,
      filedById: sender.personId,
    });
    if (!draft.ok) return say(context, draft.text);
    const filed = await submit(context, draft.id);
    if (!filed.ok) {
      // Nobody to approve it: the note is not kept half-filed.
      await tx.leaveRequest.delete({ where: { id: draft.id } });
      return say(context, { key: 'leave.noApprover', params: { role: filed.reason === 'no_approver' ? roleName(t, filed.role) : '' } });
    }
    const leave = (await loadLeave(tx, draft.id))!;
    const state = renderText(t, { key: 'leave.emergency.state', params: { status: statusName(t, leave.status) } });
    context.reply(`${t('leave.emergency.filed', { id: leave.id, name: person.name })}\n${leaveLines(t, policy, { ...leave, personName: person.name })}\n${state}`, { subject: writeSubject(LEAVE_SUBJECT, leave.id) });
  },
});
