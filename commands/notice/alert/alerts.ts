import type { Tx } from '../../../src/db/client.ts';
import type { Alert } from '../../../src/generated/prisma/client.ts';
import type { MessageKey, Translate } from '../../../src/i18n/index.ts';
import { ALERT_FIELDS, type AlertFields } from '../rules/alert-fields.ts';

/**
 * Alerts (预警信息) as rows: the first alert, and its updates and cancellation, each referring to it
 * (refId, as the Common Alerting Protocol's references do) and each approved on its own.
 */

export type AlertMsgType = 'alert' | 'update' | 'cancel';
export type AlertScope = 'community' | 'street';

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
  return ALERT_FIELDS.map((field) => t(`alert.field.${field}` as MessageKey, { value: alert[field] }));
}

/** What changed (an update) or why it is cancelled, as the author wrote it. */
export function noteLines(t: Translate, alert: Alert): string[] {
  return alert.note ? [t(alert.msgType === 'cancel' ? 'alert.note.cancel' : 'alert.note.update', { note: alert.note })] : [];
}

/** The alert as a notice: its category (alert, update, cancellation), a title naming the first alert, the note and the fields. */
export function alertNotice(t: Translate, alert: Alert): { category: string; title: string; body: string } {
  const msgType = alert.msgType as AlertMsgType;
  const fields = msgType === 'cancel' ? [t('alert.field.area', { value: alert.area }), t('alert.field.issuer', { value: alert.issuer })] : alertLines(t, alert);
  return {
    category: t(`alert.category.${msgType}`),
    title: t(`alert.title.${msgType}`, { id: firstId(alert), name: alert.name }),
    body: [...noteLines(t, alert), ...fields].join('\n'),
  };
}

/** The state a first alert is in now: its last approved version (an update), and whether it was cancelled. */
export async function currentState(tx: Tx, first: Alert): Promise<{ latest: Alert; cancelled: boolean }> {
  const later = await tx.alert.findMany({ where: { refId: first.id, status: 'approved' }, orderBy: { id: 'asc' } });
  return { latest: later.filter((a) => a.msgType === 'update').at(-1) ?? first, cancelled: later.some((a) => a.msgType === 'cancel') };
}
