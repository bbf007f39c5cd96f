import { DateTime } from 'luxon';
import type { Policy } from '../../../src/config/policy.ts';
import type { Tx } from '../../../src/db/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import { minutesBetween } from '../rules/escalation.ts';
import { summarizeByClass, type ClassSummary } from '../rules/ledger.ts';
import { formatDateTime } from '../../../src/time/office-time.ts';
import { ratingName, statusName } from '../format.ts';

/** The incident ledger (突发事件台账) of a month: every case reported in it, with its times and who, and the numbers per class. */

export interface LedgerRow {
  id: number;
  community: string;
  className: string;
  type: string;
  level: string;
  casualties: boolean;
  status: string;
  text: string;
  place: string;
  reporter: string;
  reporterPhone: string;
  reportedAt: string;
  takenAt: string | null;
  onSiteAt: string | null;
  closedAt: string | null;
  visitedAt: string | null;
  minutesToTake: number | null;
  minutesToReach: number | null;
  minutesToClose: number | null;
  minutesToVisit: number | null;
  takenBy: string;
  holder: string;
  onSiteBy: string;
  closedBy: string;
  escalations: number;
  streetEscalatedAt: string | null;
  followUps: { at: string; name: string; text: string }[];
  attachments: number;
  outcome: string;
  rating: string;
  reopened: number;
  mergedInto: number | null;
  merged: number[];
  mediation: { parties: string; mediator: string; agreement: string; at: string } | null;
}

export interface Ledger {
  month: string;
  community: string | null;
  rows: LedgerRow[];
  summary: { classes: ClassSummary[]; total: ClassSummary };
}

export function monthRange(month: string, zone: string): { from: Date; to: Date } {
  const start = DateTime.fromISO(`${month}-01`, { zone }).startOf('month');
  return { from: start.toJSDate(), to: start.plus({ months: 1 }).toJSDate() };
}

export async function loadLedger(tx: Tx, policy: Policy, t: Translate, month: string, communityId: number | null): Promise<Ledger> {
  const zone = policy.timezone;
  const { from, to } = monthRange(month, zone);
  const cases = await tx.incident.findMany({
    where: { reportedAt: { gte: from, lt: to }, ...(communityId !== null ? { communityId } : {}) },
    include: { updates: { orderBy: { at: 'asc' } }, attachments: { select: { id: true } }, merged: { select: { id: true } } },
    orderBy: { id: 'asc' },
  });
  const communities = new Map((await tx.community.findMany({ select: { id: true, name: true } })).map((c) => [c.id, c.name]));
  const at = (value: Date | null) => (value ? formatDateTime(value, zone) : null);
  const rows: LedgerRow[] = cases.map((c) => ({
    id: c.id,
    community: c.communityId ? (communities.get(c.communityId) ?? '') : '',
    className: c.className ?? '',
    type: c.type,
    level: c.level,
    casualties: c.casualties,
    status: statusName(t, c.status),
    text: c.text,
    place: c.place ?? c.locationName ?? '',
    reporter: c.reporterName,
    reporterPhone: c.reporterPhone ?? '',
    reportedAt: at(c.reportedAt)!,
    takenAt: at(c.takenAt),
    onSiteAt: at(c.onSiteAt),
    closedAt: at(c.closedAt),
    visitedAt: at(c.visitedAt),
    minutesToTake: minutesBetween(c.reportedAt, c.takenAt),
    minutesToReach: minutesBetween(c.reportedAt, c.onSiteAt),
    minutesToClose: minutesBetween(c.reportedAt, c.closedAt),
    minutesToVisit: minutesBetween(c.closedAt, c.visitedAt),
    takenBy: c.takenByName ?? '',
    holder: c.holderName ?? '',
    onSiteBy: c.onSiteByName ?? '',
    closedBy: c.closedByName ?? '',
    escalations: c.updates.filter((u) => u.kind === 'escalated' || u.kind === 'reannounced' || u.kind === 'on_site_overdue').length,
    streetEscalatedAt: at(c.streetEscalatedAt),
    followUps: c.updates.filter((u) => u.kind === 'followup').map((u) => ({ at: at(u.at)!, name: u.name ?? '', text: u.text ?? '' })),
    attachments: c.attachments.length,
    outcome: c.outcome ?? (c.mergedIntoId ? t('incident.ledger.mergedInto', { into: c.mergedIntoId }) : ''),
    rating: ratingName(t, c.rating),
    reopened: c.reopenCount,
    mergedInto: c.mergedIntoId,
    merged: c.merged.map((m) => m.id),
    mediation: c.mediatedAt ? { parties: c.mediationParties ?? '', mediator: c.mediator ?? '', agreement: c.mediationAgreement ?? '', at: at(c.mediatedAt)! } : null,
  }));
  const counted = cases.filter((c) => c.status !== 'merged');
  const summary = summarizeByClass(
    policy.incident.classes.map((k) => k.name),
    counted.map((c) => ({
      className: c.className,
      minutesToTake: minutesBetween(c.reportedAt, c.takenAt),
      minutesToReach: minutesBetween(c.reportedAt, c.onSiteAt),
      closed: c.closedAt !== null,
      rating: c.rating,
    })),
  );
  const community = communityId !== null ? (communities.get(communityId) ?? null) : null;
  return { month, community, rows, summary };
}

/** The per-class lines of the month, for chat and for the street office's monthly message. */
export function summaryLines(t: Translate, ledger: Ledger): string[] {
  const n = (value: number | null) => (value === null ? '—' : String(value));
  return ledger.summary.classes
    .filter((c) => c.count > 0)
    .map((c) =>
      t('incident.month.class', {
        class: c.className ?? t('incident.ledger.unclassified'),
        count: c.count,
        takeMedian: n(c.takeMedian),
        takeWorst: n(c.takeWorst),
        reachMedian: n(c.reachMedian),
        reachWorst: n(c.reachWorst),
      }),
    );
}
