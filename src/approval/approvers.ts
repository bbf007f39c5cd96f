import type { Policy } from '../config/policy.ts';
import { roleHolders, type RoleScope } from '../core/addressing.ts';
import type { Role } from '../core/roles.ts';
import type { Tx } from '../db/client.ts';
import { absence } from './absence.ts';

/** Whose request it is: the role look-ups are in their community or street, and they never approve their own. */
export interface Applicant extends RoleScope {
  personId: number;
}

export interface Approver {
  personId: number;
  name: string;
  /** The role they act in (the step's, or the deputy role standing in); null for a step that names them. */
  role: Role | null;
}

/** The role's holders who could approve for the applicant: never the applicant themself. */
function holders(tx: Tx, role: Role, applicant: Applicant): Promise<{ id: number; name: string }[]> {
  return roleHolders(tx, role, applicant, [applicant.personId]);
}

/**
 * The person who approves a step of `role` for the applicant: a holder of the role in the
 * applicant's community (community roles) or street (street roles) who is not away; else the
 * deputy role's holder (the office's table of who stands in for whom, `leave.deputies`); else a
 * holder even though away (the request waits for them).
 */
export async function findApprover(tx: Tx, policy: Policy, role: Role, applicant: Applicant, at: Date, exclude: readonly number[] = []): Promise<Approver | null> {
  const seen = new Set<Role>();
  let fallback: Approver | null = null;
  for (let current: Role | undefined = role; current && !seen.has(current); current = absence().deputyOf(policy, current)) {
    seen.add(current);
    for (const person of await holders(tx, current, applicant)) {
      if (exclude.includes(person.id)) continue;
      const candidate = { personId: person.id, name: person.name, role: current };
      if (!(await absence().isAway(tx, person.id, at))) return candidate;
      fallback ??= candidate;
    }
  }
  return fallback;
}

/** The deputy who takes over an idle step, if the policy names one and someone holds it. */
export async function findDeputy(tx: Tx, policy: Policy, role: Role, applicant: Applicant, exclude: readonly number[]): Promise<Approver | null> {
  const deputyRole = absence().deputyOf(policy, role);
  if (!deputyRole) return null;
  const person = (await holders(tx, deputyRole, applicant)).find((p) => !exclude.includes(p.id));
  return person ? { personId: person.id, name: person.name, role: deputyRole } : null;
}

/** Who a step waits for, and the role they act in (the step's, or the deputy role standing in; none for a named person). */
export async function stepApprover(tx: Tx, policy: Policy, step: { approverId: number | null; role: string | null }): Promise<{ name: string; role: Role | null }> {
  const role = step.role as Role | null;
  if (step.approverId === null) return { name: '', role };
  const person = await tx.person.findUniqueOrThrow({ where: { id: step.approverId }, include: { roles: true } });
  if (role === null) return { name: person.name, role: null };
  const held = new Set(person.roles.map((r) => r.role));
  let acting: Role | undefined = role;
  const seen = new Set<Role>();
  while (acting && !held.has(acting) && !seen.has(acting)) {
    seen.add(acting);
    acting = absence().deputyOf(policy, acting);
  }
  return { name: person.name, role: acting && held.has(acting) ? acting : role };
}
