import { DateTime } from 'luxon';
import type { Policy } from '../../src/config/policy.ts';
import type { Tx } from '../../src/db/client.ts';
import { dayMinutes } from './rules/chain.ts';

export interface AnnualBalance {
  entitled: number;
  /** Days approved or waiting for approval this year. */
  used: number;
  remaining: number;
}

/** 年休假 days a person is entitled to: a per-person override ("社区/姓名" or "姓名") or the policy default. */
export function annualEntitlement(policy: Policy, person: { name: string; communityName: string | null }): number {
  const perPerson = policy.leave.annual.perPerson;
  return perPerson[`${person.communityName ?? ''}/${person.name}`] ?? perPerson[person.name] ?? policy.leave.annual.defaultDays;
}

/** The person's annual-leave balance in working days for the office year of `at`. */
export async function annualBalance(tx: Tx, policy: Policy, person: { id: number; name: string; communityName: string | null }, at: Date): Promise<AnnualBalance> {
  const year = DateTime.fromJSDate(at, { zone: policy.timezone }).startOf('year');
  const taken = await tx.leaveRequest.aggregate({
    where: {
      personId: person.id,
      type: policy.leave.annual.type,
      status: { in: ['pending', 'approved'] },
      startAt: { gte: year.toJSDate(), lt: year.plus({ years: 1 }).toJSDate() },
    },
    _sum: { workMinutes: true },
  });
  const used = Math.round(((taken._sum.workMinutes ?? 0) / dayMinutes(policy.sessions)) * 10) / 10;
  const entitled = annualEntitlement(policy, person);
  return { entitled, used, remaining: Math.max(0, Math.round((entitled - used) * 10) / 10) };
}
