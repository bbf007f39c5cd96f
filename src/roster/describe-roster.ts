import { roleNames, who } from './names.ts';
import type { Confirmation, Field, RosterPlan, RowPlan } from './plan-roster.ts';

/** What a roster import would do, line by line, in the office's words (the CLI prints them). */
export interface PlanLines {
  /** New people. */
  added: string[];
  /** Changed people, communities given a first street. */
  changed: string[];
  /** What needs the office's --yes. */
  confirmations: string[];
}

const FIELD_NAMES: Record<Field, string> = {
  name: '姓名',
  phone: '手机',
  officeId: '编号',
  roles: '角色',
  community: '社区',
  street: '街道',
  birthday: '生日',
  grid: '网格',
};

function confirmationText(row: RowPlan, c: Confirmation): string {
  const { entry, person } = row;
  switch (c.kind) {
    case 'roles': {
      const toStaff = c.to.some((r) => r !== 'resident');
      const accounts = person!.bindings > 0 ? `；${person!.name}已绑定 ${person!.bindings} 个账号，${toStaff ? '这些账号将能使用工作人员的指令' : '这些账号将不能再使用工作人员的指令'}` : '';
      return `${who(person!)}的角色将从「${roleNames(c.from)}」改为「${roleNames(c.to)}」${accounts}`;
    }
    case 'move':
      return `${who(person!)}将从${c.from}调到${c.to}`;
    case 'takesPhone': {
      const target = person ? who(person) : `新增的${entry.name}`;
      const label = entry.officeId ? `（${entry.officeId.label}）` : '';
      return `手机 ${entry.phone} 已登记在${who(c.from)}名下，这一行${label}却是${target}，会把两个人混为一人：确认后这个手机号改记给${entry.name}，${c.from.name}的手机号清空`;
    }
    case 'renamesOnto':
      return `这一行的手机或编号属于${who(person!)}，姓名和社区却对应另一位没有手机或编号的${who(c.namesake)}，会把两个人混为一人：确认后按手机或编号更新前者，后者不变`;
    case 'renumber': {
      const accounts = person!.bindings > 0 ? `，已绑定的 ${person!.bindings} 个账号仍归${person!.name}` : '';
      return `这一行的手机或编号对不上任何人，表中其他行也没有${who(person!)}：确认后视为同一人换了号码${accounts}。若是另一位同名的人，请把原来那位也写进表里，或加工号等编号列`;
    }
  }
}

export function describePlan(plan: RosterPlan): PlanLines {
  const added: string[] = [];
  const changed: string[] = [];
  const confirmations: string[] = [];
  for (const community of plan.communities) {
    const line = `第 ${community.rowNumber} 行：`;
    if (community.confirm) confirmations.push(`${line}${community.name}将从${community.fromStreet}划到${community.toStreet}（社区现有 ${community.people} 人）`);
    else changed.push(`${line}${community.name}划入${community.toStreet}`);
  }
  for (const row of plan.rows) {
    const { entry, person } = row;
    const line = `第 ${entry.rowNumber} 行：`;
    if (!person) {
      const details = [entry.community ?? entry.street, roleNames(entry.roles), entry.phone && `手机 ${entry.phone}`, entry.officeId?.label].filter(Boolean);
      added.push(`${line}新增 ${entry.name}（${details.join('，')}）`);
    } else if (row.changes.length > 0) {
      changed.push(`${line}更新 ${who(person)}：${row.changes.map((c) => `${FIELD_NAMES[c.field]} ${c.from ?? '（空）'} → ${c.to ?? '（空）'}`).join('；')}`);
    }
    for (const c of row.confirmations) confirmations.push(`${line}${confirmationText(row, c)}`);
  }
  return { added, changed, confirmations };
}
