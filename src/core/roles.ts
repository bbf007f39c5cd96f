import type { MessageKey } from '../i18n/index.ts';

/** Roles from the office regulation; community roles belong to a community, street roles to a street. */
export const COMMUNITY_ROLES = ['secretary', 'deputy_secretary', 'director', 'staff', 'attendance_officer', 'resident'] as const;
export const STREET_ROLES = ['street_section', 'street_deputy_leader', 'street_chief', 'street_emergency'] as const;
export const ROLES = [...COMMUNITY_ROLES, ...STREET_ROLES] as const;

export type Role = (typeof ROLES)[number];

/** Everyone who works in the community office and so checks in. */
export const OFFICE_STAFF: readonly Role[] = ['secretary', 'deputy_secretary', 'director', 'staff', 'attendance_officer'];
/** Who runs the office: declares groups, later approves and publishes. */
export const OFFICE_LEADERS: readonly Role[] = ['secretary', 'director'];
/** Who oversees the street's communities: moves a group from one community to another. */
export const STREET_ADMINS: readonly Role[] = ['street_section', 'street_deputy_leader', 'street_chief'];
/** Who may approve a request (a leave, a duty swap, an alert): the office's leaders, the deputy secretary standing in, the street's roles. */
export const APPROVER_ROLES: readonly Role[] = [...OFFICE_LEADERS, 'deputy_secretary', ...STREET_ROLES];

const ROLE_NAMES: Record<string, Role> = {
  书记: 'secretary',
  社区书记: 'secretary',
  党委书记: 'secretary',
  党支部书记: 'secretary',
  副书记: 'deputy_secretary',
  主任: 'director',
  居委会主任: 'director',
  社区主任: 'director',
  社工: 'staff',
  社区工作者: 'staff',
  网格员: 'staff',
  考勤员: 'attendance_officer',
  考勤负责人: 'attendance_officer',
  社区建设科: 'street_section',
  街道社区建设科: 'street_section',
  街道分管领导: 'street_deputy_leader',
  分管领导: 'street_deputy_leader',
  街道主要领导: 'street_chief',
  主要领导: 'street_chief',
  正职领导: 'street_chief',
  街道应急办: 'street_emergency',
  应急办: 'street_emergency',
  街道应急管理办公室: 'street_emergency',
  应急管理办公室: 'street_emergency',
  居民: 'resident',
  secretary: 'secretary',
  deputy: 'deputy_secretary',
  deputy_secretary: 'deputy_secretary',
  director: 'director',
  staff: 'staff',
  attendance: 'attendance_officer',
  attendance_officer: 'attendance_officer',
  section: 'street_section',
  street_section: 'street_section',
  deputy_leader: 'street_deputy_leader',
  street_deputy_leader: 'street_deputy_leader',
  chief: 'street_chief',
  street_chief: 'street_chief',
  emergency: 'street_emergency',
  street_emergency: 'street_emergency',
  resident: 'resident',
};

/** Reads a role as an office writes it (书记, 考勤负责人, secretary …); null when unknown. */
export function parseRole(text: string): Role | null {
  const key = text.normalize('NFKC').trim().toLowerCase().replace(/[\s-]+/g, '_');
  return ROLE_NAMES[key] ?? ROLE_NAMES[text.trim()] ?? null;
}

/** Whether any of `roles` (a sender's; none when unbound) is one of `wanted`: the one way roles are compared. */
export function holdsAny(roles: readonly Role[] | null | undefined, wanted: readonly Role[]): boolean {
  return (roles ?? []).some((role) => wanted.includes(role));
}

export function isStreetRole(role: Role): boolean {
  return (STREET_ROLES as readonly string[]).includes(role);
}

export function roleKey(role: Role): MessageKey {
  return `role.${role}`;
}
