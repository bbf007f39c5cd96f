import { z } from 'zod';
import type { PolicyPart } from '../../src/config/policy.ts';
import { ROLES } from '../../src/core/roles.ts';
import { requireStreetRole, requireWorker } from '../../src/config/role-rules.ts';

/**
 * The incident desk (突发事件 / 应急预案): classes and types guessed from a report's words, levels
 * and their timers, the escalation chain, duplicates and the return visit. Defaults follow the
 * community emergency plan in shared/domain.md; every list is the office's to edit.
 */

const typeSchema = z.object({
  name: z.string().min(1),
  /** Words that point to this type; the type's own name counts too. */
  keywords: z.array(z.string().min(1)).default([]),
  /** The least level a report of this type gets. */
  level: z.string().min(1).default('一般'),
  /** The numbers the reporter is told to call first when the case is serious (110, 119, 120). */
  call: z.array(z.string().regex(/^\d{3,5}$/)).default(['110']),
  /** The first answer always says to call them first, whatever the level (a fire, a gas leak, someone trapped). */
  callFirst: z.boolean().default(false),
  /** A dispute (邻里纠纷): mediated, and visited again this many days after it is closed. */
  mediation: z.boolean().default(false),
  visitAfterDays: z.number().min(0).max(90).optional(),
  /**
   * A residents' group reads nothing of such a case but its type and status, and never who reported
   * it (disputes, petitions); staff chats read it in full.
   */
  confidential: z.boolean().default(false),
});

const classSchema = z.object({ name: z.string().min(1), types: z.array(typeSchema).min(1) });

const levelSchema = z.object({
  name: z.string().min(1),
  /** Minutes between escalation steps while nobody takes the case; 0: everyone up the chain at once. */
  takeMinutes: z.number().int().min(0).max(24 * 60),
  /** Minutes from the report by which someone must be on site; null: no on-site clock. */
  onSiteMinutes: z.number().int().min(1).max(24 * 60).nullable().default(null),
  /** Words that make a report at least this level (besides the level's own name). */
  keywords: z.array(z.string().min(1)).default([]),
  /** The first answer tells the reporter to call 110/119/120 first. */
  callFirst: z.boolean().default(false),
});

/** Who holds an untaken case at a step: the person on duty (duty roster), or the holders of a role. */
export const chainTarget = z.union([z.literal('duty'), z.enum(ROLES)]);
export type ChainTarget = z.infer<typeof chainTarget>;

const DEFAULT_CLASSES = [
  {
    name: '自然灾害',
    types: [
      { name: '洪涝', keywords: ['洪水', '内涝', '积水', '被淹', '淹了', '水淹', '暴雨'] },
      { name: '地质灾害', keywords: ['塌方', '滑坡', '泥石流', '地面塌陷', '塌陷', '地陷'], level: '较大' },
      { name: '气象灾害', keywords: ['台风', '大风', '冰雹', '暴雪', '雷击', '冻雨'] },
    ],
  },
  {
    name: '事故灾难',
    types: [
      { name: '火灾', keywords: ['着火', '起火', '失火', '火灾', '冒烟', '浓烟', '火情', '烧起来', '火警'], level: '较大', call: ['119'], callFirst: true },
      { name: '燃气泄漏', keywords: ['燃气', '煤气', '天然气', '漏气', '燃气泄漏'], level: '较大', call: ['119'], callFirst: true },
      { name: '交通事故', keywords: ['相撞', '撞车', '车祸', '追尾', '撞人', '被撞', '翻车', '交通事故'], call: ['122', '110'] },
      { name: '电梯困人', keywords: ['电梯困人', '困在电梯', '被困电梯', '电梯故障', '困人'], call: ['119'], callFirst: true },
      { name: '房屋安全', keywords: ['倒塌', '坍塌', '墙体开裂', '危房', '高空坠物', '外墙脱落', '掉下来'] },
      { name: '环境污染', keywords: ['污染', '排污', '偷排', '化学品', '泄漏', '刺鼻'] },
    ],
  },
  {
    name: '公共卫生事件',
    types: [
      { name: '食物中毒', keywords: ['食物中毒', '中毒', '吃坏', '集体腹泻', '上吐下泻'], level: '较大', call: ['120'] },
      { name: '不明原因疾病', keywords: ['不明原因', '聚集性', '传染病', '多人发热', '集体发烧'], level: '较大', call: ['120'] },
      { name: '动物疫情', keywords: ['动物疫情', '死鸡', '死禽', '禽流感', '病死', '狂犬', '猪瘟'] },
    ],
  },
  {
    name: '社会安全事件',
    types: [
      { name: '邻里纠纷', keywords: ['纠纷', '吵架', '吵起来', '争吵', '闹矛盾', '矛盾', '扯皮'], mediation: true, visitAfterDays: 7, confidential: true },
      { name: '治安刑事案件', keywords: ['打架', '斗殴', '盗窃', '被偷', '抢劫', '持刀', '砍人', '打人', '诈骗', '入室'], call: ['110'] },
      { name: '群体性事件', keywords: ['群体性', '聚集', '围堵', '堵路', '闹事', '拉横幅'], level: '较大' },
      { name: '集体上访', keywords: ['集体上访', '上访', '信访', '讨薪'], confidential: true },
      { name: '民族宗教事件', keywords: ['民族', '宗教'] },
    ],
  },
];

const DEFAULT_LEVELS = [
  { name: '一般', takeMinutes: 15 },
  { name: '较大', takeMinutes: 5, onSiteMinutes: 15, keywords: ['受伤', '有人受伤', '被困', '流血', '骨折', '昏迷', '晕倒'] },
  { name: '重大', takeMinutes: 0, onSiteMinutes: 15, keywords: ['死亡', '身亡', '多人受伤', '重伤', '爆炸', '被埋'], callFirst: true },
  { name: '特别重大', takeMinutes: 0, onSiteMinutes: 15, keywords: ['多人死亡', '群死群伤'], callFirst: true },
];

export const incidentPolicySchema = z
  .object({
    classes: z.array(classSchema).min(1).prefault(DEFAULT_CLASSES),
    /** The type of a report whose words fit no type. */
    otherType: z.string().min(1).default('其他'),
    /** Lowest first. */
    levels: z.array(levelSchema).min(1).prefault(DEFAULT_LEVELS),
    /** Words that mean people are hurt: the reporter is told to call first, and the level is at least 较大. */
    casualtyKeywords: z.array(z.string().min(1)).default(['受伤', '伤亡', '死亡', '身亡', '流血', '骨折', '昏迷', '晕倒', '伤者', '伤员']),
    escalation: z
      .object({
        /**
         * Who holds an untaken case, in order. The first holders and `alsoTell` are told at the
         * report; each later step is due one level interval later.
         */
        chain: z.array(chainTarget).min(1).default(['duty', 'secretary', 'street_emergency']),
        /** The first holders are told once more before the case climbs. */
        reannounce: z.boolean().default(true),
        /** Told privately at the report besides the first holders. */
        alsoTell: z.array(chainTarget).default(['secretary']),
        /** Who 升级 reaches: the street office's emergency desk. */
        street: z.enum(ROLES).default('street_emergency'),
      })
      .prefault({}),
    duplicates: z
      .object({
        /** A second report of the same type and place within this many minutes is offered to be merged. */
        windowMinutes: z.number().int().min(0).max(7 * 24 * 60).default(120),
        /** Two shared locations this close are the same place. */
        radiusMeters: z.number().positive().max(10_000).default(150),
      })
      .prefault({}),
    visit: z
      .object({
        /** The reporter is asked 满意/不满意 this many hours after 办结 (0: at once); a dispute type says days. */
        afterHours: z.number().min(0).max(24 * 30).default(0),
        /** Without an answer after this many days the case is archived unrated. */
        answerDays: z.number().int().min(1).max(60).default(3),
      })
      .prefault({}),
    /** The monthly numbers go to these street roles on the first of the month (null: off). */
    monthly: z
      .object({
        at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/).nullable().default('09:00'),
        to: z.array(z.enum(ROLES)).default(['street_section', 'street_emergency']),
      })
      .prefault({}),
  })
  .superRefine((policy, ctx) => {
    const levels = new Set(policy.levels.map((l) => l.name));
    if (levels.size !== policy.levels.length) ctx.addIssue({ code: 'custom', path: ['levels'], message: 'level names must be unique' });
    policy.classes.forEach((c, ci) =>
      c.types.forEach((type, ti) => {
        if (!levels.has(type.level)) ctx.addIssue({ code: 'custom', path: ['classes', ci, 'types', ti, 'level'], message: `unknown level "${type.level}"; levels are ${[...levels].join(', ')}` });
      }),
    );
    const names = policy.classes.flatMap((c) => c.types.map((t) => t.name));
    if (new Set(names).size !== names.length) ctx.addIssue({ code: 'custom', path: ['classes'], message: 'type names must be unique across classes' });
    // A case's details go to the office and the street, never privately to a resident.
    const { escalation } = policy;
    escalation.chain.forEach((target, i) => {
      if (target !== 'duty') requireWorker(ctx, target, ['escalation', 'chain', i], { zh: '受理事件', en: 'hold a case' });
    });
    escalation.alsoTell.forEach((target, i) => {
      if (target !== 'duty') requireWorker(ctx, target, ['escalation', 'alsoTell', i], { zh: '接收事件通知', en: 'be told of a case' });
    });
    // Looked up across the street: a community role would find nobody there.
    requireStreetRole(ctx, escalation.street, ['escalation', 'street'], { zh: '接收升级的事件', en: 'receive an escalated case' });
    policy.monthly.to.forEach((role, i) => requireStreetRole(ctx, role, ['monthly', 'to', i], { zh: '接收每月事件统计', en: 'receive the monthly numbers' }));
  });

export type IncidentPolicy = z.infer<typeof incidentPolicySchema>;
export type IncidentLevelRule = IncidentPolicy['levels'][number];
export type IncidentTypeRule = IncidentPolicy['classes'][number]['types'][number];

declare module '../../src/config/policy.ts' {
  interface FamilyPolicies {
    incident: IncidentPolicy;
  }
}

export const incidentPolicy: PolicyPart = { blocks: { incident: incidentPolicySchema.prefault({}) } };
