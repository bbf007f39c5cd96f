import type { Db } from '../db/client.ts';
import { importRoster, validateRoster } from '../roster/import-roster.ts';

/** 幸福社区: a small office to try everything in the sandbox on a first start. */
const PEOPLE = [
  { id: 'wangfang', 姓名: '王芳', 角色: '书记', 社区: '幸福社区', 街道: '幸福街道' },
  { id: 'liqiang', 姓名: '李强', 角色: '主任', 社区: '幸福社区', 街道: '幸福街道' },
  { id: 'zhangwei', 姓名: '张伟', 角色: '社工', 社区: '幸福社区', 街道: '幸福街道', 网格: '第一网格' },
  { id: 'liuyang', 姓名: '刘洋', 角色: '社工', 社区: '幸福社区', 街道: '幸福街道', 网格: '第二网格' },
  { id: 'chenjing', 姓名: '陈静', 角色: '考勤员', 社区: '幸福社区', 街道: '幸福街道' },
  { id: 'zhaomin', 姓名: '赵敏', 角色: '社区建设科', 社区: '', 街道: '幸福街道' },
  { id: 'sunbo', 姓名: '孙波', 角色: '街道分管领导', 社区: '', 街道: '幸福街道' },
  { id: 'zhoutao', 姓名: '周涛', 角色: '街道主要领导', 社区: '', 街道: '幸福街道' },
  { id: 'huanglei', 姓名: '黄磊', 角色: '街道应急办', 社区: '', 街道: '幸福街道' },
  { id: 'qiandaye', 姓名: '钱大爷', 角色: '居民', 社区: '幸福社区', 街道: '幸福街道' },
];

const GROUPS = [
  { id: 'g-work', title: '幸福社区工作群', purpose: 'work' },
  { id: 'g-residents', title: '幸福社区居民群', purpose: 'resident' },
  { id: 'g-emergency', title: '幸福社区应急群', purpose: 'emergency' },
];

/** An unbound account, to try 绑定 with a code from `npx shequ bind-code`. */
const VISITOR = { id: 'visitor', name: '新同事（未绑定）' };

export async function seedDemoIfEmpty(db: Db): Promise<boolean> {
  if ((await db.person.count()) > 0) return false;
  const entries = validateRoster(
    PEOPLE.map(({ id: _id, ...cells }, index) => ({ rowNumber: index + 2, cells: { 手机: '', 生日: '', 网格: '', ...cells } })),
  );
  await importRoster(db, entries);
  await db.$transaction(async (tx) => {
    const community = await tx.community.findUniqueOrThrow({ where: { name: '幸福社区' } });
    for (const person of PEOPLE) {
      const row = await tx.person.findFirstOrThrow({ where: { name: person.姓名 } });
      await tx.sandboxUser.create({ data: { id: person.id, name: person.姓名 } });
      await tx.binding.create({ data: { personId: row.id, platform: 'sandbox', platformUserId: person.id, displayName: person.姓名 } });
    }
    await tx.sandboxUser.create({ data: VISITOR });
    for (const group of GROUPS) {
      await tx.sandboxChat.create({ data: { id: group.id, title: group.title, kind: 'group' } });
      await tx.chat.create({
        data: { platform: 'sandbox', platformChatId: group.id, kind: 'group', title: group.title, purpose: group.purpose, communityId: community.id },
      });
    }
  });
  return true;
}
