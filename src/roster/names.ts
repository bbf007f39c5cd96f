import { roleKey, type Role } from '../core/roles.ts';
import { translator } from '../i18n/index.ts';

/** Roles and people as the roster import names them in its answers (zh-CN, as the CLI speaks). */
const zh = translator('zh-CN');

export function roleNames(roles: readonly Role[]): string {
  return roles.map((role) => zh(roleKey(role))).join('、');
}

/** 张伟（幸福社区，手机 13800000001）: a person as the office tells namesakes apart. */
export function who(p: { name: string; community: string | null; street: string | null; phone: string | null }): string {
  const details = [p.community ?? p.street, p.phone && `手机 ${p.phone}`].filter(Boolean);
  return details.length > 0 ? `${p.name}（${details.join('，')}）` : p.name;
}
