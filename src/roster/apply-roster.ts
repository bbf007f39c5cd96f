import type { Prisma, Tx } from '../db/client.ts';
import { roleNames, who } from './names.ts';
import { rosterKey } from './identity.ts';
import { LOGGED_FIELDS, type Confirmation, type OnFile, type RosterPlan, type RowPlan } from './plan-roster.ts';

export interface ApplyOptions {
  at: Date;
  sourceFile: string;
  onProgress: (done: number) => void;
}

/** Which logged fields each kind of confirmation is about. */
const CONFIRMS: Record<Confirmation['kind'], readonly string[]> = {
  roles: ['roles'],
  move: ['community', 'street'],
  takesPhone: ['phone'],
  renamesOnto: ['name', 'community', 'street'],
  renumber: ['phone', 'officeId'],
};

const confirmed = (row: RowPlan, field: string) => row.confirmations.some((c) => CONFIRMS[c.kind].includes(field));

/** 张伟（幸福社区）: who a logged change is about, readable without the person. */
const subject = (p: Pick<OnFile, 'name' | 'community' | 'street'>) => who({ ...p, phone: null });

/** Writes a planned import and its change log (RosterChange) in the caller's transaction. */
export async function applyRosterPlan(tx: Tx, plan: RosterPlan, options: ApplyOptions): Promise<void> {
  const { at, sourceFile } = options;
  const log: Prisma.RosterChangeCreateManyInput[] = [];
  const streets = new Map<string, number>();
  const streetId = async (name: string) => {
    if (!streets.has(name)) streets.set(name, (await tx.street.upsert({ where: { name }, create: { name }, update: {} })).id);
    return streets.get(name)!;
  };
  const communities = new Map<string, number>();
  const communityId = async (name: string, street: number | null) => {
    if (!communities.has(name)) communities.set(name, (await tx.community.upsert({ where: { name }, create: { name, streetId: street }, update: {} })).id);
    return communities.get(name)!;
  };

  for (const c of plan.communities) {
    await tx.community.update({ where: { id: c.id }, data: { streetId: await streetId(c.toStreet) } });
    log.push({ at, personId: null, subject: c.name, field: 'street', from: c.fromStreet, to: c.toStreet, sourceFile, rowNumber: c.rowNumber, confirmed: c.confirm });
  }
  // Numbers let go by people whose own rows give them another, before anyone takes them.
  if (plan.releases.length > 0) await tx.person.updateMany({ where: { id: { in: plan.releases.map((p) => p.id) } }, data: { phoneKey: null } });

  for (const [index, row] of plan.rows.entries()) {
    const { entry, person } = row;
    const sid = entry.street ? await streetId(entry.street) : null;
    const cid = entry.community ? await communityId(entry.community, sid) : null;
    const taken = row.takesPhoneFrom;
    if (taken) {
      const { count } = await tx.person.updateMany({ where: { id: taken.id, phoneKey: entry.phoneKey }, data: { phone: null, phoneKey: null } });
      if (count > 0) log.push({ at, personId: taken.id, subject: subject(taken), field: 'phone', from: taken.phone, to: null, sourceFile, rowNumber: entry.rowNumber, confirmed: true });
    }
    const data = {
      name: entry.name,
      rosterKey: rosterKey(entry.name, entry.community, entry.street),
      phone: entry.phone,
      phoneKey: entry.phoneKey,
      ...(entry.officeId ? { officeId: entry.officeId.key } : {}),
      birthday: entry.birthday,
      grid: entry.grid,
      communityId: cid,
      streetId: sid,
    };
    if (!person) {
      const created = await tx.person.create({ data: { ...data, roles: { create: entry.roles.map((role) => ({ role })) } } });
      const to = [roleNames(entry.roles), entry.phone && `手机 ${entry.phone}`, entry.officeId?.label].filter(Boolean).join('，');
      log.push({ at, personId: created.id, subject: subject(entry), field: 'person', from: null, to, sourceFile, rowNumber: entry.rowNumber, confirmed: confirmed(row, 'person') });
    } else if (row.changes.length > 0) {
      await tx.person.update({ where: { id: person.id }, data });
      if (row.changes.some((c) => c.field === 'roles')) {
        await tx.personRole.deleteMany({ where: { personId: person.id } });
        await tx.personRole.createMany({ data: entry.roles.map((role) => ({ personId: person.id, role })) });
      }
      for (const change of row.changes) {
        if (!LOGGED_FIELDS.includes(change.field)) continue;
        log.push({ at, personId: person.id, subject: subject(person), field: change.field, from: change.from, to: change.to, sourceFile, rowNumber: entry.rowNumber, confirmed: confirmed(row, change.field) });
      }
    }
    options.onProgress(index + 1);
  }
  if (log.length > 0) await tx.rosterChange.createMany({ data: log });
}
