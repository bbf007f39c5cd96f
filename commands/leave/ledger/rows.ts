import type { Policy } from '../../../src/config/policy.ts';
import type { Tx } from '../../../src/db/client.ts';
import type { Translate } from '../../../src/i18n/index.ts';
import type { Period } from '../../../src/ledger/ledger.ts';
import { dayMinutes } from '../rules/chain.ts';
import { formatDateTime } from '../../../src/time/office-time.ts';
import { roleName } from '../../../src/approval/workflow.ts';
import { statusName } from '../format.ts';

/** The leave register (请销假登记本) of a month: every filed note with its chain, outcome and 销假. */

export interface RegisterStep {
  step: number;
  role: string;
  approver: string | null;
  status: string;
  activatedAt: string | null;
  actedAt: string | null;
  comment: string | null;
}

export interface RegisterRow {
  id: number;
  person: string;
  community: string | null;
  type: string;
  start: string;
  end: string;
  workDays: number;
  reason: string;
  destination: string;
  byPhone: boolean;
  certificate: string | null;
  submittedAt: string | null;
  status: string;
  outcome: string;
  decidedAt: string | null;
  returnedAt: string | null;
  chain: RegisterStep[];
}

/** Notes (not drafts) whose leave overlaps the period, of one community's people or everyone's. */
export async function leaveRegister(db: Tx, policy: Policy, t: Translate, period: Pick<Period, 'start' | 'end'>, communityId: number | null): Promise<RegisterRow[]> {
  const zone = policy.timezone;
  const rows = await db.leaveRequest.findMany({
    where: { status: { not: 'draft' }, startAt: { lt: period.end }, endAt: { gt: period.start }, ...(communityId !== null ? { person: { communityId } } : {}) },
    include: { person: { include: { community: true } } },
    orderBy: { startAt: 'asc' },
  });
  const allSteps = await db.approvalStep.findMany({ where: { kind: 'leave', requestId: { in: rows.map((r) => r.id) } }, orderBy: [{ requestId: 'asc' }, { index: 'asc' }] });
  const stepsByLeave = new Map<number, typeof allSteps>();
  for (const step of allSteps) stepsByLeave.set(step.requestId, [...(stepsByLeave.get(step.requestId) ?? []), step]);
  const stepsOf = (id: number) => stepsByLeave.get(id) ?? [];
  const ids = [...new Set(allSteps.map((s) => s.approverId ?? s.actedById).filter((id): id is number => id !== null))];
  const names = new Map((await db.person.findMany({ where: { id: { in: ids } }, select: { id: true, name: true } })).map((p) => [p.id, p.name]));
  const time = (d: Date | null) => (d ? formatDateTime(d, zone) : null);
  return rows.map((row) => ({
    id: row.id,
    person: row.person.name,
    community: row.person.community?.name ?? null,
    type: row.type,
    start: time(row.startAt)!,
    end: time(row.endAt)!,
    workDays: Math.round((row.workMinutes / dayMinutes(policy.sessions)) * 100) / 100,
    reason: row.reason,
    destination: row.destination,
    byPhone: row.filedById !== null,
    certificate: row.certificate,
    submittedAt: time(row.submittedAt),
    status: row.status,
    outcome: statusName(t, row.status),
    decidedAt: time(row.decidedAt),
    returnedAt: time(row.returnedAt),
    chain: stepsOf(row.id).map((s) => ({
      step: s.index + 1,
      role: roleName(t, s.role),
      approver: names.get(s.actedById ?? s.approverId ?? -1) ?? null,
      status: s.status,
      activatedAt: time(s.activatedAt),
      actedAt: time(s.actedAt),
      comment: s.comment,
    })),
  }));
}
