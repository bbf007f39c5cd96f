import { holdsAny, OFFICE_STAFF, type Role } from '../../src/core/roles.ts';

/** Who works cases: the office staff and the street's emergency desk. */
export const INCIDENT_STAFF: readonly Role[] = [...OFFICE_STAFF, 'street_emergency'];

/** Who may hand on or close a case someone else holds: the office's leaders and the street's emergency desk. */
export const INCIDENT_LEADERS: readonly Role[] = ['secretary', 'deputy_secretary', 'director', 'street_emergency'];

export function isIncidentStaff(roles: readonly Role[] | null | undefined): boolean {
  return holdsAny(roles, INCIDENT_STAFF);
}

export function isIncidentLeader(roles: readonly Role[] | null | undefined): boolean {
  return holdsAny(roles, INCIDENT_LEADERS);
}
