import { inZone } from '../../src/time/office-time.ts';
import type { Notice } from '../../src/generated/prisma/client.ts';
import type { MessageKey, Translate } from '../../src/i18n/index.ts';
import type { Button, Platform } from '../../src/messaging/types.ts';
import type { DeliveryState } from './rules/ledger.ts';
import { buttonValue, writeReference } from '../../src/core/reference.ts';

/** A notice's status as its row keeps it: a draft until confirmed, scheduled, sending, done, or cancelled by its publisher. */
export type NoticeStatus = 'draft' | 'scheduled' | 'sending' | 'done' | 'cancelled';

export const NOTICE_STATUS_TEXT = {
  draft: 'notice.status.draft',
  scheduled: 'notice.status.scheduled',
  sending: 'notice.status.sending',
  done: 'notice.status.done',
  cancelled: 'notice.status.cancelled',
} as const satisfies Record<NoticeStatus, MessageKey>;

/** The state of one target chat (rules/ledger.ts). */
export const DELIVERY_STATE_TEXT = {
  scheduled: 'notice.state.scheduled',
  queued: 'notice.state.queued',
  retrying: 'notice.state.retrying',
  sent: 'notice.state.sent',
  failed: 'notice.state.failed',
  gone: 'notice.state.gone',
  unreachable: 'notice.state.unreachable',
  cancelled: 'notice.state.cancelled',
  recalled: 'notice.state.recalled',
  unrecalled: 'notice.state.unrecalled',
} as const satisfies Record<DeliveryState, MessageKey>;

export const PLATFORM_TEXT = {
  wechat: 'notice.platform.wechat',
  telegram: 'notice.platform.telegram',
  lark: 'notice.platform.lark',
  sandbox: 'notice.platform.sandbox',
} as const satisfies Record<Platform, MessageKey>;

/** The notice as residents read it: category and title, the body, who publishes it. */
export function noticeText(t: Translate, notice: Pick<Notice, 'category' | 'title' | 'body' | 'publisherName' | 'askConfirm'>): string {
  const lines = [t('notice.text.head', { category: notice.category, title: notice.title })];
  if (notice.body && notice.body !== notice.title) lines.push(notice.body);
  lines.push(t('notice.text.by', { name: notice.publisherName }));
  if (notice.askConfirm) lines.push(t('notice.text.confirm'));
  return lines.join('\n');
}

/** 收到 as a button where residents are asked to confirm; WeChat shows it as 「回复1」. */
export function noticeButtons(t: Translate, notice: Pick<Notice, 'id' | 'askConfirm'>): Button[] | null {
  return notice.askConfirm ? [{ label: t('notice.button.ack'), value: buttonValue('收到', writeReference(notice.id)) }] : null;
}

/** 「12月5日 08:00」, office time. */
export function whenText(at: Date, zone: string): string {
  return inZone(at, zone).toFormat('M月d日 HH:mm');
}
