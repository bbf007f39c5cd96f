import type { z } from 'zod';
import { APPROVER_ROLES, OFFICE_STAFF, ROLES, STREET_ROLES, roleKey, type Role } from '../core/roles.ts';
import { translator } from '../i18n/index.ts';

/**
 * What a role named in the policy must be able to do, checked at start-up: a policy that asks a
 * resident to approve leave would leave every note waiting for good. Each message names the
 * setting by its path and says the rule, in the bilingual style of the other start-up messages.
 */

const zh = translator('zh-CN');

type Path = (string | number)[];
/** The act, as the messages say it: 审批请假 / approve leave. */
type Act = { zh: string; en: string };

/** The role must be one of `allowed`: 居民不能审批请假 (resident cannot approve leave): … */
export function requireRole(ctx: z.RefinementCtx, role: Role, path: Path, act: Act, allowed: readonly Role[], rule: Act): void {
  if (allowed.includes(role)) return;
  ctx.addIssue({ code: 'custom', path, message: `${zh(roleKey(role))}不能${act.zh} (${role} cannot ${act.en}): ${rule.zh} (${rule.en}: ${allowed.join(', ')})` });
}

/** An approval step's role, or a deputy standing in for one, must be a role that can approve. */
export function requireApprover(ctx: z.RefinementCtx, role: Role, path: Path, act: Act): void {
  requireRole(ctx, role, path, act, APPROVER_ROLES, { zh: '审批人须是书记、主任、副书记或街道的角色', en: 'approvers are' });
}

/** A role whose holders are looked up across a street (升级, the monthly numbers) must be a street role. */
export function requireStreetRole(ctx: z.RefinementCtx, role: Role, path: Path, act: Act): void {
  requireRole(ctx, role, path, act, STREET_ROLES, { zh: '须是街道的角色', en: 'it must be a street role' });
}

/** Every role but the resident's: who may be told the office's own business (a case, a disclosure that is due). */
const WORKERS: readonly Role[] = ROLES.filter((role) => role !== 'resident');

export function requireWorker(ctx: z.RefinementCtx, role: Role, path: Path, act: Act): void {
  requireRole(ctx, role, path, act, WORKERS, { zh: '须是社区或街道工作人员的角色', en: 'it must be one of' });
}

/** A community's office staff: who checks in and posts weekly plans. */
export function requireStaff(ctx: z.RefinementCtx, role: Role, path: Path, act: Act): void {
  requireRole(ctx, role, path, act, OFFICE_STAFF, { zh: '须是社区工作人员的角色', en: 'it must be one of' });
}
