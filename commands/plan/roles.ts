import type { Role } from '../../src/core/roles.ts';

/** Who reads everyone's plans in their community (staff read their own): the office's leaders. */
export const PLAN_READERS: readonly Role[] = ['secretary', 'deputy_secretary', 'director'];
/** Who gets the deadline summary, the first role that has a holder. */
export const SUMMARY_ROLES: readonly Role[] = ['secretary', 'deputy_secretary', 'director'];
