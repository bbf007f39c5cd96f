import type { Role } from '../core/roles.ts';
import type { OfficeId } from './identity.ts';

/** A roster row as the database wants it. */
export interface RosterEntry {
  rowNumber: number;
  name: string;
  roles: Role[];
  community: string | null;
  street: string | null;
  /** As written, full-width folded. */
  phone: string | null;
  /** The mobile number that identifies the person (identity.ts); null for none or a landline. */
  phoneKey: string | null;
  /** The office's own id (工号, 编号, 人员编号 or 身份证号), when the sheet has the column. */
  officeId: OfficeId | null;
  birthday: string | null;
  grid: string | null;
}
