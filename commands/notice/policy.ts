import { z } from 'zod';
import type { PolicyPart } from '../../src/config/policy.ts';
import { ROLES } from '../../src/core/roles.ts';
import { requireWorker } from '../../src/config/role-rules.ts';
import { alertPolicySchema, questionPolicySchema } from './alert/policy.ts';

/**
 * Notices to residents (居务公开): the categories a notice is filed under, the
 * monthly finance disclosure's reminder, how often the publisher's progress message is edited.
 * Defaults follow the office regulation in shared/domain.md; every list is the office's to edit.
 */

const categorySchema = z.object({
  name: z.string().min(1),
  /** Words in a notice that file it here when the publisher names no category (the name counts too). */
  keywords: z.array(z.string().min(1)).default([]),
});

const DEFAULT_CATEGORIES = [
  { name: '财务公开', keywords: ['财务', '收支', '账目', '经费', '开支', '明细账'] },
  { name: '会议决议', keywords: ['居民会议', '居民代表会议', '决议', '表决', '议事'] },
  { name: '办事指南', keywords: ['办理', '办事', '所需材料', '携带', '流程', '申领'] },
  { name: '服务事项', keywords: ['停水', '停电', '停气', '服务', '义诊', '接种', '维修', '疫苗'] },
  { name: '工作职责', keywords: ['职责', '分工', '网格员'] },
  { name: '办公时间', keywords: ['办公时间', '上班时间', '值班安排', '节假日值班'] },
  { name: '服务热线', keywords: ['热线', '服务电话', '联系电话'] },
  { name: '重大事项', keywords: ['重大事项', '改造', '拆迁', '加装电梯', '规划'] },
  { name: '通知公告', keywords: [] },
];

export const noticePolicySchema = z
  .object({
    categories: z.array(categorySchema).min(1).prefault(DEFAULT_CATEGORIES),
    /** A notice whose words fit no category. */
    defaultCategory: z.string().min(1).default('通知公告'),
    finance: z
      .object({
        category: z.string().min(1).default('财务公开'),
        /** The day of the month by which the disclosure is out; a shorter month's last day stands in for 29-31. */
        day: z.number().int().min(1).max(31).default(10),
        /** When the reminder goes out on that day (null: off). */
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).nullable().default('09:00'),
        to: z.array(z.enum(ROLES)).min(1).default(['secretary']),
      })
      .prefault({}),
    /** The publisher's progress message is edited at most this often while a notice goes out. */
    progressEverySeconds: z.number().min(0).max(600).default(3),
    /** Alerts (预警信息): who approves, how fast. */
    alerts: alertPolicySchema,
    /** Residents' questions (居民提问): when an unanswered one is reminded. */
    questions: questionPolicySchema,
  })
  .superRefine((policy, ctx) => {
    const names = policy.categories.map((c) => c.name);
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['categories'], message: 'category names must be unique' });
    if (!names.includes(policy.defaultCategory)) ctx.addIssue({ code: 'custom', path: ['defaultCategory'], message: `must be one of the categories: ${names.join(', ')}` });
    if (!names.includes(policy.finance.category)) ctx.addIssue({ code: 'custom', path: ['finance', 'category'], message: `must be one of the categories: ${names.join(', ')}` });
    policy.finance.to.forEach((role, i) => requireWorker(ctx, role, ['finance', 'to', i], { zh: '接收财务公开提醒', en: 'be reminded of the finance disclosure' }));
  });

export type NoticePolicy = z.infer<typeof noticePolicySchema>;

declare module '../../src/config/policy.ts' {
  interface FamilyPolicies {
    notice: NoticePolicy;
  }
}

export const noticePolicy: PolicyPart = { blocks: { notice: noticePolicySchema.prefault({}) } };
