import type { Tx } from '../../../src/db/client.ts';
import type { Alert } from '../../../src/generated/prisma/client.ts';
import type { MessageKey, Translate } from '../../../src/i18n/index.ts';
import { isOneOf } from '../../../src/i18n/value-text.ts';
import { ALERT_FIELDS, type AlertField, type AlertFields } from '../rules/alert-fields.ts';

/**
 * Alerts (预警信息) as rows: the first alert, and its updates and cancellation, each referring to it
 * (refId, as the Common Alerting Protocol's references do) and each approved on its own.
 */

/** An alert row's kind: the first alert, an update of it, or its cancellation. */
export const ALERT_MSG_TYPES = ['alert', 'update', 'cancel'] as const;
export type AlertMsgType = (typeof ALERT_MSG_TYPES)[number];
export type AlertScope = 'community' | 'street';

const FIELD_TEXT = {
  name: 'alert.field.name',
  type: 'alert.field.type',
  level: 'alert.field.level',
  area: 'alert.field.area',
  period: 'alert.field.period',
  impact: 'alert.field.impact',
  guidance: 'alert.field.guidance',
  issuer: 'alert.field.issuer',
} as const satisfies Record<AlertField, MessageKey>;

/** Each kind's texts: its category and title as a notice, the title of its approval post. */
export const MSG_TYPE_TEXT = {
  alert: { category: 'alert.category.alert', title: 'alert.title.alert', post: 'alert.post.title.alert' },
  update: { category: 'alert.category.update', title: 'alert.title.update', post: 'alert.post.title.update' },
  cancel: { category: 'alert.category.cancel', title: 'alert.title.cancel', post: 'alert.post.title.cancel' },
} as const satisfies Record<AlertMsgType, { category: MessageKey; title: MessageKey; post: MessageKey }>;

/** The row's kind; file.ts writes only these. */
export function msgTypeOf(alert: Pick<Alert, 'id' | 'msgType'>): AlertMsgType {
  if (!isOneOf(ALERT_MSG_TYPES, alert.msgType)) throw new Error(`alert ${alert.id} has an unknown msgType "${alert.msgType}"`);
  return alert.msgType;
}

export function loadAlert(tx: Tx, id: number): Promise<Alert | null> {
  return tx.alert.findUnique({ where: { id } });
}

export function fieldsOf(alert: Alert): AlertFields {
  return Object.fromEntries(ALERT_FIELDS.map((field) => [field, alert[field]])) as AlertFields;
}

/** The number people know it by: the first alert's. */
export function firstId(alert: Alert): number {
  return alert.refId ?? alert.id;
}

/** The fields, one labelled line each, in the order of the regulation. */
export function alertLines(t: Translate, alert: Alert): string[] {
  return ALERT_FIELDS.map((field) => t(FIELD_TEXT[field], { value: alert[field] }));
}

/** What changed (an update) or why it is cancelled, as the author wrote it. */
export function noteLines(t: Translate, alert: Alert): string[] {
  return alert.note ? [t(alert.msgType === 'cancel' ? 'alert.note.cancel' : 'alert.note.update', { note: alert.note })] : [];
}

/** The alert as a notice: its category (alert, update, cancellation), a title naming the first alert, the note and the fields. */
export function alertNotice(t: Translate, alert: Alert): { category: string; title: string; body: string } {
  const msgType = msgTypeOf(alert);
  const fields = msgType === 'cancel' ? [t('alert.field.area', { value: alert.area }), t('alert.field.issuer', { value: alert.issuer })] : alertLines(t, alert);
  return {
    category: t(MSG_TYPE_TEXT[msgType].category),
    title: t(MSG_TYPE_TEXT[msgType].title, { id: firstId(alert), name: alert.name }),
    body: [...noteLines(t, alert), ...fields].join('\n'),
  };
}

/** The state a first alert is in now: its last approved version (an update), and whether it was cancelled. */
export async function currentState(tx: Tx, first: Alert): Promise<{ latest: Alert; cancelled: boolean }> {
  const later = await tx.alert.findMany({ where: { refId: first.id, status: 'approved' }, orderBy: { id: 'asc' } });
  return { latest: later.filter((a) => a.msgType === 'update').at(-1) ?? first, cancelled: later.some((a) => a.msgType === 'cancel') };
}
