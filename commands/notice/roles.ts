import { OFFICE_LEADERS, OFFICE_STAFF, type Role } from '../../src/core/roles.ts';

/** Who publishes to a community's resident groups: the secretary and the director. */
export const NOTICE_PUBLISHERS: readonly Role[] = OFFICE_LEADERS;
/** Who publishes to every resident group of the street (全街道): the street office's section and leaders. */
export const STREET_NOTICE_PUBLISHERS: readonly Role[] = ['street_section', 'street_deputy_leader', 'street_chief'];
/** Who may draft at all; the audience decides which of the two lists applies. */
export const ANY_NOTICE_PUBLISHER: readonly Role[] = [...NOTICE_PUBLISHERS, ...STREET_NOTICE_PUBLISHERS];
/** Who may read a notice's ledger: the office's staff and the street's roles. */
export const NOTICE_READERS: readonly Role[] = [...OFFICE_STAFF, ...STREET_NOTICE_PUBLISHERS, 'street_emergency'];

/** Who may publish to an audience: 全街道 is the street's, a community's groups its leaders'. */
export function publishersFor(words: { audience: { scope: 'community' | 'street' } }): { roles: readonly Role[]; as: string } {
  return words.audience.scope === 'street' ? { roles: STREET_NOTICE_PUBLISHERS, as: '发布通知 全街道' } : { roles: NOTICE_PUBLISHERS, as: '发布通知' };
}
