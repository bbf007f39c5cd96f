import type { ChainTarget, IncidentPolicy } from '../policy.ts';

/**
 * When an untaken case climbs, and when a serious case must have someone on site. The clock starts
 * at the report, never at 受理 (a clock that starts at 签收 lets cases bounce unseen), and runs day
 * and night: incidents do not wait for office hours. Pure.
 */

export interface EscalationStep {
  /** 0 is the report itself. */
  index: number;
  target: ChainTarget;
  /** The step tells the same holders again before the case climbs. */
  reannounce: boolean;
}

const MINUTE = 60_000;

/** The steps of the chain: the report (first holders), the re-announcement, then each next holder. */
export function escalationSteps(policy: IncidentPolicy): EscalationStep[] {
  const { chain, reannounce } = policy.escalation;
  const targets: { target: ChainTarget; reannounce: boolean }[] = [{ target: chain[0]!, reannounce: false }];
  if (reannounce) targets.push({ target: chain[0]!, reannounce: true });
  for (const target of chain.slice(1)) targets.push({ target, reannounce: false });
  return targets.map((step, index) => ({ index, ...step }));
}

export function levelRule(policy: IncidentPolicy, level: string) {
  return policy.levels.find((l) => l.name === level) ?? policy.levels[0]!;
}

/** Whether the level tells everyone up the chain at the report (重大: takeMinutes 0). */
export function escalatesAtOnce(policy: IncidentPolicy, level: string): boolean {
  return levelRule(policy, level).takeMinutes === 0;
}

/** When step `index` is due for a case reported at `reportedAt`: one level interval per step. */
export function stepDueAt(policy: IncidentPolicy, level: string, reportedAt: Date, index: number): Date {
  return new Date(reportedAt.getTime() + index * levelRule(policy, level).takeMinutes * MINUTE);
}

/** The steps after `done` that are due at `now`, in order (several after downtime). */
export function dueSteps(policy: IncidentPolicy, incident: { level: string; reportedAt: Date; escalationStep: number }, now: Date): EscalationStep[] {
  return escalationSteps(policy).filter((step) => step.index > incident.escalationStep && stepDueAt(policy, incident.level, incident.reportedAt, step.index) <= now);
}

/** By when someone must be on site (null: the level has no on-site clock). */
export function onSiteDueAt(policy: IncidentPolicy, level: string, reportedAt: Date): Date | null {
  const minutes = levelRule(policy, level).onSiteMinutes;
  return minutes === null ? null : new Date(reportedAt.getTime() + minutes * MINUTE);
}

/** Whole minutes from one instant to another (null when either is missing). */
export function minutesBetween(from: Date | null, to: Date | null): number | null {
  return from && to ? Math.round((to.getTime() - from.getTime()) / MINUTE) : null;
}
