import { privateTargets } from '../../../src/core/addressing.ts';
import { type Workflow } from '../../../src/approval/kind.ts';
import type { Alert } from '../../../src/generated/prisma/client.ts';
import { publishNotice } from '../sending.ts';
import { alertNotice, type AlertScope } from './alerts.ts';

/**
 * Sends an approved alert as a notice, in the approving transaction: to the resident groups of its
 * community (or street), and the emergency and work groups, one delivery row per chat through the
 * outbox; the author follows the sending in their private chat.
 */
export async function sendAlert(w: Workflow, alert: Alert): Promise<number> {
  const { category, title, body } = alertNotice(w.t, alert);
  const [author] = await privateTargets(w.tx, alert.authorId);
  const scope = alert.scope as AlertScope;
  return publishNotice(w, {
    communityId: alert.communityId,
    streetId: alert.streetId,
    title,
    body,
    category,
    publisher: { id: alert.authorId, name: alert.authorName },
    audience: { scope, tags: [] },
    audienceLabel: w.t(scope === 'street' ? 'alert.audience.street' : 'alert.audience.community'),
    extraPurposes: ['emergency', 'work'],
    source: 'alert',
    alertId: alert.id,
    ...(author ? { progressTo: { platform: author.platform, chatId: author.chatId } } : {}),
    now: w.now,
  });
}
