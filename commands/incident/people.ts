import type { ChainTarget } from './policy.ts';
import type { Policy } from '../../src/config/policy.ts';
import { groupTargets, privateTargets, roleHolders, type Target } from '../../src/core/addressing.ts';
import { roleKey } from '../../src/core/roles.ts';
import type { Tx } from '../../src/db/client.ts';
import { onDutyAt } from '../duty/api.ts';
import type { Translate } from '../../src/i18n/index.ts';

/** Who the incident desk tells, found through addressing and the duty roster (never by reading chats or the duty list itself). */

export interface Holder {
  personId: number;
  name: string;
  /** How the person is named in 「已通知」: 值班, 书记, 街道应急办 … */
  label: string;
}

export interface Scope {
  communityId: number | null;
  streetId: number | null;
}

/** The people a chain step stands for at `at`: who is on duty, or the role's holders in the case's community or street. */
export async function holdersOf(tx: Tx, policy: Policy, t: Translate, target: ChainTarget, scope: Scope, at: Date): Promise<Holder[]> {
  if (target === 'duty') {
    if (scope.communityId === null) return [];
    const duty = await onDutyAt(tx, policy, scope.communityId, at);
    const people = duty.people.map((p) => ({ personId: p.personId, name: p.name, label: t('incident.label.duty') }));
    return duty.leader ? [...people, { ...duty.leader, label: t('incident.label.leader') }] : people;
  }
  const people = await roleHolders(tx, target, scope);
  return people.map((p) => ({ personId: p.id, name: p.name, label: t(roleKey(target)) }));
}

/** Several steps' people, each once (the first label wins), without `exclude`. */
export async function holdersOfAll(tx: Tx, policy: Policy, t: Translate, targets: readonly ChainTarget[], scope: Scope, at: Date, exclude: readonly number[] = []): Promise<Holder[]> {
  const seen = new Set(exclude);
  const out: Holder[] = [];
  for (const target of targets) {
    for (const holder of await holdersOf(tx, policy, t, target, scope, at)) {
      if (seen.has(holder.personId)) continue;
      seen.add(holder.personId);
      out.push(holder);
    }
  }
  return out;
}

/** The community's emergency groups, else its work groups: where a case is announced. */
export async function noticeGroups(tx: Tx, communityId: number | null): Promise<Target[]> {
  const emergency = await groupTargets(tx, 'emergency', communityId);
  return emergency.length > 0 ? emergency : groupTargets(tx, 'work', communityId);
}

export { privateTargets };

export function holderLabel(holder: Holder): string {
  return `${holder.label}${holder.name}`;
}
