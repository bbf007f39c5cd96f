import { inZone } from '../../src/time/office-time.ts';
import type { Notice } from '../../src/generated/prisma/client.ts';
import type { Translate } from '../../src/i18n/index.ts';
import type { Button } from '../../src/messaging/types.ts';
import { buttonValue, writeReference } from '../../src/core/reference.ts';

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
