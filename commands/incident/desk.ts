import { privateTargets, toMessage, type Target } from '../../src/core/addressing.ts';
import type { Tx } from '../../src/db/client.ts';
import type { Incident } from '../../src/generated/prisma/client.ts';
import { type Workflow } from '../../src/approval/kind.ts';
import type { Button, Platform } from '../../src/messaging/types.ts';
import type { Holder } from './people.ts';
import { incidentIdFromSubject, noticeSubject } from './subjects.ts';

/**
 * The incident desk works on the same shape as the approval workflow (transaction, policy, catalog,
 * the message's time, the outbox written with the change), so it shares its helpers.
 */
export interface Desk extends Workflow {
  /** The chat the command came from: its answer goes there, so notices to that group are not repeated. */
  here?: { platform: string; chatId: string };
}

export const incidentInclude = { attachments: { select: { kind: true } } } as const;

export function loadIncident(tx: Tx, id: number) {
  return tx.incident.findUnique({ where: { id }, include: incidentInclude });
}
export type LoadedIncident = NonNullable<Awaited<ReturnType<typeof loadIncident>>>;

/** A case's notice or page to staff: it goes before ordinary messages (what is said to a reporter keeps its place). */
function isNotice(subject: string | undefined): boolean {
  const id = incidentIdFromSubject(subject);
  return id !== null && subject === noticeSubject(id);
}

export function post(desk: Desk, targets: readonly Target[], text: string, options: { buttons?: Button[]; subject?: string } = {}): void {
  for (const target of targets) {
    desk.out.add({
      platform: target.platform,
      message: toMessage(target, text, options.buttons ? { buttons: options.buttons } : {}),
      ...(options.subject ? { subject: options.subject } : {}),
      ...(isNotice(options.subject) ? { urgent: true } : {}),
    });
  }
}

/** Privately to each holder (every bound account); returns who could be reached. */
export async function tellPeople(desk: Desk, holders: readonly Holder[], text: string, options: { buttons?: Button[]; subject?: string } = {}): Promise<Holder[]> {
  const reached: Holder[] = [];
  for (const holder of holders) {
    const targets = await privateTargets(desk.tx, holder.personId);
    if (targets.length === 0) continue;
    post(desk, targets, text, options);
    reached.push(holder);
  }
  return reached;
}

/** The chat the case was reported from, mentioning the reporter in a group. */
export function reporterTarget(incident: Pick<Incident, 'platform' | 'platformChatId' | 'platformUserId' | 'reporterName' | 'reportChatKind'>): Target {
  return {
    platform: incident.platform as Platform,
    chatId: incident.platformChatId,
    ...(incident.reportChatKind === 'group' ? { mention: { userId: incident.platformUserId, name: incident.reporterName } } : {}),
  };
}

export async function addUpdate(
  desk: Desk,
  incidentId: number,
  kind: string,
  data: { text?: string | null; personId?: number | null; name?: string | null; latitude?: number | null; longitude?: number | null } = {},
): Promise<void> {
  await desk.tx.incidentUpdate.create({
    data: {
      incidentId,
      kind,
      at: desk.now,
      text: data.text ?? null,
      personId: data.personId ?? null,
      name: data.name ?? null,
      latitude: data.latitude ?? null,
      longitude: data.longitude ?? null,
    },
  });
}
