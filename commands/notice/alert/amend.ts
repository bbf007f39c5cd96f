import { z } from 'zod';
import { asWritten } from '../../../src/core/as-written.ts';
import { roleName } from '../../../src/approval/workflow.ts';
import { defineCommand, TRIGGER, type ArgsResult, type CommandContext } from '../../../src/core/command.ts';
import { type Sender } from '../../../src/core/identity.ts';
import { readReference, writeReference } from '../../../src/core/reference.ts';
import { alertLines, currentState, fieldsOf, loadAlert, type AlertScope } from './alerts.ts';
import { fileAlert } from './file.ts';
import { readAlertFields, readLevel, type AlertFields } from '../rules/alert-fields.ts';
import { alertRecord } from '../records.ts';
import { ALERT_AUTHORS } from './publish.ts';
import { ALERT_NOUN } from './approval.ts';

const amendArgs = z.object({ id: z.number().int().positive(), changes: z.record(z.string(), asWritten(z.string())), note: asWritten(z.string()) });
type AmendArgs = z.infer<typeof amendArgs>;

/** 「#3」 or 「预警#3」, with anything after it. */
const REFERENCE = { nouns: [ALERT_NOUN], then: 'anything' } as const;

/** 「更新预警 #3 级别：橙色 …」: the changed fields labelled, and what changed in words. */
function parseUpdate(rest: string): ArgsResult<AmendArgs> {
  const typed = readReference(rest, REFERENCE);
  if (!typed) return { ok: false, error: { key: 'alert.update.which' } };
  const { id } = typed;
  const { fields, lead } = readAlertFields(typed.rest);
  if (fields.level) {
    const level = readLevel(fields.level);
    if (!level) return { ok: false, error: { key: 'alert.levelInvalid', params: { level: fields.level } } };
    fields.level = level;
  }
  if (Object.keys(fields).length === 0 && !lead) return { ok: false, ask: { key: 'alert.update.ask', params: { id } }, expects: { kind: 'text' }, partial: { id }, keep: writeReference(id) };
  return { ok: true, args: { id, changes: fields, note: lead } };
}

/** 「解除预警 #3 雨已停」: the reason is optional. */
function parseCancel(rest: string): ArgsResult<AmendArgs> {
  const typed = readReference(rest, REFERENCE);
  if (!typed) return { ok: false, error: { key: 'alert.cancel.which' } };
  return { ok: true, args: { id: typed.id, changes: {}, note: typed.rest } };
}

/**
 * An update or a cancellation refers to the first alert (a number of an update names its first),
 * carries the fields as they then stand, and goes through the same approval as the alert did.
 */
function amend(msgType: 'update' | 'cancel') {
  return async (context: CommandContext<Sender>, { id, changes, note }: AmendArgs): Promise<void> => {
    const { tx, t, sender } = context;
    const named = await loadAlert(tx, id);
    const first = named?.refId ? await loadAlert(tx, named.refId) : named;
    if (!first) return context.reply(t('alert.notFound', { id }));
    if (first.status !== 'approved') return context.reply(t('alert.notSent', { id: first.id }));
    const { latest, cancelled } = await currentState(tx, first);
    if (cancelled) return context.reply(t('alert.cancelled', { id: first.id }));
    const fields: AlertFields = { ...fieldsOf(latest), ...(changes as Partial<AlertFields>) };
    const draft = { msgType, refId: first.id, scope: first.scope as AlertScope, communityId: first.communityId, streetId: first.streetId, fields, note: note || null };
    const filed = await fileAlert(context, draft, sender);
    if (!filed) return context.reply(t('alert.noApprover'));
    const { alert, approver } = filed;
    const shown = msgType === 'cancel' ? [t('alert.field.name', { value: alert.name })] : alertLines(t, alert);
    context.reply([t(`alert.filed.${msgType}`, { id: alert.id, first: first.id }), ...shown, t('alert.filed.approver', { name: approver.name, role: roleName(t, approver.role) })].join('\n'));
  };
}

/** 更新预警 / 解除预警 change what residents were told: in a group they act unaddressed only with a number. */
export const alertUpdateCommand = defineCommand({
  id: 'alert-update',
  names: ['更新预警', '/alert_update'],
  summary: 'cmd.alertUpdate.summary',
  example: 'cmd.alertUpdate.example',
  allowedRoles: ALERT_AUTHORS,
  trigger: TRIGGER.reference,
  args: amendArgs,
  record: { kinds: [alertRecord], id: (args) => args.id, access: 'office' },
  parse: (rest) => parseUpdate(rest),
  handle: amend('update'),
});

export const alertCancelCommand = defineCommand({
  id: 'alert-cancel',
  names: ['解除预警', '/alert_cancel'],
  summary: 'cmd.alertCancel.summary',
  example: 'cmd.alertCancel.example',
  allowedRoles: ALERT_AUTHORS,
  trigger: TRIGGER.reference,
  args: amendArgs,
  record: { kinds: [alertRecord], id: (args) => args.id, access: 'office' },
  parse: (rest) => parseCancel(rest),
  handle: amend('cancel'),
});
