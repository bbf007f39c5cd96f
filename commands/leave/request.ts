import { defineCommand, TRIGGER } from '../../src/core/command.ts';
import { OFFICE_STAFF } from '../../src/core/roles.ts';
import { say } from './command-support.ts';
import { createDraft } from './file.ts';
import { leaveLines } from './format.ts';
import { roleName } from '../../src/approval/workflow.ts';
import { noteArgs, parseNote } from './parse-note.ts';
import { draftSubject, previewChain } from './workflow.ts';
import { SPAN_GLUED, SPAN_PREFIX } from '../../src/time/grammar.ts';
import { buttonValue, writeReference } from '../../src/core/reference.ts';

/** 请假 明天 事假 去区医院体检: reads the note, asks for what is missing, shows it for confirmation. */
export const leaveRequestCommand = defineCommand({
  id: 'leave-request',
  names: ['请假', '/leave'],
  summary: 'cmd.leave.summary',
  example: 'cmd.leave.example',
  allowedRoles: OFFICE_STAFF,
  member: 'community',
  trigger: TRIGGER.bare,
  // 「明天请假一天，事假」: a date may come first, and a duration or date right after the word.
  prefix: SPAN_PREFIX,
  glued: SPAN_GLUED,
  args: noteArgs,
  parse: (rest, context) => parseNote(rest, context),
  async handle(context, note) {
    const { tx, policy, t, now, message, sender } = context;
    const person = { id: sender.personId, name: sender.name, communityId: sender.communityId, communityName: sender.communityName, streetId: sender.streetId };
    const draft = await createDraft(tx, policy, { person, note, now, platform: message.platform, chatId: message.chatId });
    if (!draft.ok) return say(context, draft.text);
    const leave = await tx.leaveRequest.findUniqueOrThrow({ where: { id: draft.id } });
    const chain = await previewChain(tx, policy, { personId: sender.personId, communityId: sender.communityId, streetId: sender.streetId, roles: sender.roles }, leave.workMinutes, now);
    const approvers = chain.map((step) => (step.approver ? `${step.approver.name}（${roleName(t, step.approver.role)}）` : roleName(t, step.role))).join(' → ');
    const sick = leave.certificate === 'owed' ? `\n${t('leave.sick.notice')}` : '';
    const confirm = buttonValue('确认', writeReference(leave.id));
    const cancel = buttonValue('撤回', writeReference(leave.id));
    context.reply(
      [t('leave.confirm.title', { id: leave.id }), leaveLines(t, policy, { ...leave, personName: sender.name }), t('leave.confirm.chain', { approvers }) + sick, t('leave.confirm.hint', { id: leave.id })].join('\n'),
      {
        subject: draftSubject(leave.id),
        buttons: [
          { label: t('leave.button.confirm'), value: confirm },
          { label: t('leave.button.cancel'), value: cancel },
        ],
      },
    );
    // The author's 「确认」 right after is the answer to this note, even unaddressed in a group.
    context.expectAnswer({ command: 'leave-confirm', rest: '', expects: { kind: 'commands', answers: { 确认: confirm, 确定: confirm, 提交: confirm, 取消: cancel } } });
  },
});
