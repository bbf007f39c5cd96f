import type { Catalogs } from '../../src/i18n/index.ts';

/** The approval commands' texts: zh-CN first, English beside it, key by key. */
const zhCN = {
  'cmd.approve.summary': '同意一项审批：请假条、预警等（回复审批消息，或写编号）',
  'cmd.approve.example': '同意 #12',
  'cmd.reject.summary': '驳回一项审批，并写明理由',
  'cmd.reject.example': '驳回 #12 这几天有检查',
} as const;

const en: Record<keyof typeof zhCN, string> = {
  'cmd.approve.summary': 'approve a request: a leave note, an alert … (reply to its message, or give its number)',
  'cmd.approve.example': '同意 #12',
  'cmd.reject.summary': 'reject a request with a reason',
  'cmd.reject.example': '驳回 #12 这几天有检查',
};

declare module '../../src/i18n/index.ts' {
  interface FamilyTexts extends Record<keyof typeof zhCN, string> {}
}

export const approvalTexts: Catalogs = { 'zh-CN': zhCN, en };
