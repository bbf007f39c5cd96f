import { z } from 'zod';
import { asWritten } from '../../../src/core/as-written.ts';
import { roleName } from '../../../src/approval/workflow.ts';
import { defineCommand, type ArgsResult, type CommandContext, type GroupTrigger } from '../../../src/core/command.ts';
import { type Text } from '../../../src/i18n/text.ts';
import { type Sender } from '../../../src/core/identity.ts';
import { OFFICE_STAFF, type Role } from '../../../src/core/roles.ts';
import type { MessageKey } from '../../../src/i18n/index.ts';
import { alertLines } from './alerts.ts';
import { fileAlert } from './file.ts';
import { ALERT_FIELDS, ALERT_LEVELS, firstMissing, labelOf, readAlertFields, readLevel, writeAlertFields, type AlertField, type AlertFields } from '../rules/alert-fields.ts';

/** The level is one of the levels' words; the other fields are the author's text, kept as written (「℃」, 「，」). */
const fieldsSchema = z.object(Object.fromEntries(ALERT_FIELDS.map((field) => [field, field === 'level' ? z.string().min(1) : asWritten(z.string().min(1))])) as Record<keyof AlertFields, z.ZodString>);
const publishArgs = z.object({ scope: z.enum(['community', 'street']), fields: fieldsSchema });
type PublishArgs = z.infer<typeof publishArgs>;

/** Who may write an alert: the office staff, and the street emergency office for the whole street. */
export const ALERT_AUTHORS: readonly Role[] = [...OFFICE_STAFF, 'street_emergency'];
/** How a level may be answered: a colour, 「红色预警」, or the grade 一级 … 四级. */
const LEVEL_ANSWERS = [...ALERT_LEVELS, ...ALERT_LEVELS.map((level) => `${level}预警`), '一级', '二级', '三级', '四级'];
/** 「发布预警 全街道 …」: every community of the street. */
const STREET = /^全街道(?:[\s:,]+|$)/;
/** How a missing field is asked for. */
const ASK_TEXT = {
  name: 'alert.ask.name',
  type: 'alert.ask.type',
  level: 'alert.ask.level',
  area: 'alert.ask.area',
  period: 'alert.ask.period',
  impact: 'alert.ask.impact',
  guidance: 'alert.ask.guidance',
  issuer: 'alert.ask.issuer',
} as const satisfies Record<AlertField, MessageKey>;

/**
 * The fields as written, the name perhaps unlabelled on the first line (「发布预警 暴雨红色预警」); the
 * first one missing is asked for, keeping what was given with the asked field's label at the end,
 * so the answer completes it. A level that is no colour is asked again.
 */
function parsePublish(rest: string): ArgsResult<PublishArgs> {
  let text = rest.trim();
  const street = STREET.exec(text);
  if (street) text = text.slice(street[0].length);
  const scope = street ? 'street' : 'community';
  const { fields, lead } = readAlertFields(text);
  if (lead && !fields.name) fields.name = lead;
  const writtenLevel = fields.level;
  if (writtenLevel) {
    const level = readLevel(writtenLevel);
    if (level) fields.level = level;
    else delete fields.level;
  }
  const missing = firstMissing(fields);
  if (!missing) return { ok: true, args: { scope, fields: fields as AlertFields } };
  const ask: Text =
    missing === 'level' && writtenLevel ? { key: 'alert.ask.levelAgain', params: { level: writtenLevel } } : { key: ASK_TEXT[missing] };
  return {
    ok: false,
    ask,
    expects: missing === 'level' ? { kind: 'choice', options: LEVEL_ANSWERS } : { kind: 'text' },
    partial: { scope, fields },
    keep: [street ? '全街道' : '', writeAlertFields(fields), `${labelOf(missing)}:`].filter(Boolean).join('\n'),
  };
}

/** Files the alert for approval and shows it to its author with who approves it. */
async function publish(context: CommandContext<Sender>, { scope, fields }: PublishArgs): Promise<void> {
  const { sender, t } = context;
  if (scope === 'community' && sender.communityId === null) return context.reply(t('alert.streetOnly'));
  const filed = await fileAlert(context, { msgType: 'alert', refId: null, scope, communityId: scope === 'community' ? sender.communityId : null, streetId: sender.streetId, fields, note: null }, sender);
  if (!filed) return context.reply(t('alert.noApprover'));
  const { alert, approver } = filed;
  context.reply([t('alert.filed.alert', { id: alert.id }), ...alertLines(t, alert), t('alert.filed.approver', { name: approver.name, role: roleName(t, approver.role) })].join('\n'));
}

/**
 * 发布预警: unaddressed in a group, the word alone starts it (the fields are asked for), or with the
 * fields on the lines below or labelled (「名称：…」); 「发布预警的事明天再说」 is glued talk.
 */
const alertTrigger: GroupTrigger = { alone: true, args: ({ rest, block }) => block || STREET.test(rest) || Object.keys(readAlertFields(rest).fields).length > 0 };

export const alertPublishCommand = defineCommand({
  id: 'alert-publish',
  names: ['发布预警', '/alert'],
  summary: 'cmd.alertPublish.summary',
  example: 'cmd.alertPublish.example',
  allowedRoles: ALERT_AUTHORS,
  trigger: alertTrigger,
  args: publishArgs,
  parse: (rest) => parsePublish(rest),
  handle: publish,
});
