import { groupTargets } from '../../core/addressing.ts';
import { pushTo, type Workflow } from '../../approval/workflow.ts';
import type { Alert } from '../../generated/prisma/client.ts';
import { alertCommunities, alertText } from './alerts.ts';

/** What an approved alert reaches: the resident groups, the emergency group and the work group of each community. */
const PURPOSES = ['resident', 'emergency', 'work'] as const;

/** Sends an approved alert, in the approving transaction, through the outbox. */
export async function sendAlert(w: Workflow, alert: Alert): Promise<void> {
  const text = alertText(w.t, alert);
  for (const communityId of await alertCommunities(w.tx, alert)) {
    for (const purpose of PURPOSES) pushTo(w, await groupTargets(w.tx, purpose, communityId), text, {}, `alert-sent:${alert.id}`);
  }
}
