import type { Policy } from '../config/policy.ts';
import type { Role } from '../core/roles.ts';
import type { Tx } from '../db/client.ts';

/**
 * Who is away, and who stands in for a role: the approval steps skip an approver on leave and go
 * to their deputy. The core keeps no leave of its own; the family that does tells it (registered
 * with the families, `CommandFamily.absence`).
 */
export interface Absence {
  isAway(tx: Tx, personId: number, at: Date): Promise<boolean>;
  deputyOf(policy: Policy, role: Role): Role | undefined;
}

const nobodyAway: Absence = { isAway: async () => false, deputyOf: () => undefined };
let source: Absence = nobodyAway;

export function useAbsence(absence: Absence | undefined): void {
  source = absence ?? nobodyAway;
}

export function absence(): Absence {
  return source;
}
