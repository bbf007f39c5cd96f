import type { CommandLine } from '../types.ts';

/** Weekly plans, last week's results and meeting minutes, as staff write them (Monday 2026-11-23, week 48). */
const AT = '2026-11-23T09:30:00';
const line = (user: CommandLine['user'], chat: CommandLine['chat'], text: string, expect: CommandLine['expect']): CommandLine => ({ text, user, chat, at: AT, expect });
const post = (items: string[], results?: Record<string, unknown> | null) => ({ command: 'plan', args: { action: 'post', items, ...(results !== undefined ? { results } : {}) } });
const show = (person: string | null, week: string | null, community = false) => ({ command: 'plan', args: { action: 'show', person, week, community } });
const THREE = ['走访3栋独居老人', '整理低保台账', '周三网格巡查'];
const marks = (...statuses: string[]) => ({ marks: statuses.map((status, i) => ({ no: i + 1, status, note: '' })), all: null });

export const lines: CommandLine[] = [
  line('zhangwei', 'g-work', '周计划\n1. 走访3栋独居老人\n2. 整理低保台账\n3. 周三网格巡查', post(THREE, null)),
  line('zhangwei', 'g-work', '周计划：1. 走访3栋独居老人 2. 整理低保台账 3. 周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划：\n１．走访3栋独居老人\n２．整理低保台账\n３．周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划：1、走访3栋独居老人；2、整理低保台账；3、周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划\n①走访3栋独居老人②整理低保台账③周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划\n走访3栋独居老人\n整理低保台账\n周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划\n走访3栋独居老人；整理低保台账；周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划\n走访3栋独居老人、整理低保台账、周三网格巡查', post(THREE)),
  line('zhangwei', 'g-work', '周计划 1 走访3栋独居老人 2 整理低保台账', post(['走访3栋独居老人', '整理低保台账'])),
  line('zhangwei', 'g-work', '本周计划：\n1. 走访3栋独居老人\n2. 整理低保台账', post(['走访3栋独居老人', '整理低保台账'])),
  line('zhangwei', 'g-work', '工作计划\n1. 走访3栋独居老人\n2. 整理低保台账', post(['走访3栋独居老人', '整理低保台账'])),
  line('liuyang', 'g-work', '周计划\n上周完成：1 完成 2 未完成 3 完成一半\n本周计划：\n1. 走访5栋独居老人\n2. 整理低保台账', post(['走访5栋独居老人', '整理低保台账'], marks('done', 'undone', 'partial'))),
  line('liuyang', 'g-work', '周计划\n1. 走访5栋独居老人\n2. 整理低保台账\n上周完成情况：都完成了', post(['走访5栋独居老人', '整理低保台账'], { marks: [], all: 'done' })),
  line('liuyang', 'g-work', '周计划\n正常工作', post(['正常工作'])),
  line('liuyang', 'g-work', '周计划\n按时上班\n做好本职工作', post(['按时上班', '做好本职工作'])),
  line('liuyang', 'g-work', '@社区助手 周计划 走访3栋独居老人，整理低保台账', post(['走访3栋独居老人，整理低保台账'])),
  line('liuyang', 'dm', '周计划 走访3栋独居老人、整理低保台账', post(['走访3栋独居老人', '整理低保台账'])),
  line('liuyang', 'dm', '周计划\n1. 走访3栋独居老人\n2. 整理低保台账', post(['走访3栋独居老人', '整理低保台账'])),
  line('chenjing', 'g-work', '周计划\n1. 整理考勤台账\n2. 周五前完成月度考勤汇总', post(['整理考勤台账', '周五前完成月度考勤汇总'])),
  line('wangfang', 'g-work', '周计划\n1. 筹备年终述职会\n2. 督办低保复核', post(['筹备年终述职会', '督办低保复核'])),
  line('zhangwei', 'dm', '周计划', show(null, null)),
  line('zhangwei', 'dm', '周计划 上周', show(null, '2026-W47')),
  line('zhangwei', 'dm', '周计划 本周', show(null, '2026-W48')),
  line('zhangwei', 'dm', '周计划 2026-W45', show(null, '2026-W45')),
  line('zhangwei', 'dm', '周计划 第46周', show(null, '2026-W46')),
  line('zhangwei', 'dm', '周计划 张伟', show('张伟', null)),
  line('zhangwei', 'g-work', '@社区助手 周计划 上周', show(null, '2026-W47')),
  line('zhangwei', 'g-work', '@社区助手 周计划', show(null, null)),
  line('liuyang', 'dm', '周计划 张伟', show('张伟', null)),
  line('wangfang', 'dm', '周计划 张伟', show('张伟', null)),
  line('wangfang', 'dm', '周计划 张伟 上周', show('张伟', '2026-W47')),
  line('wangfang', 'dm', '周计划 @刘洋 本周', show('刘洋', '2026-W48')),
  line('wangfang', 'dm', '周计划 上周', show(null, '2026-W47')),
  line('wangfang', 'dm', '周计划 汇总', show(null, null, true)),
  line('liqiang', 'g-work', '@社区助手 周计划 汇总 上周', show(null, '2026-W47', true)),
  line('liqiang', 'dm', '/plan 上周', show(null, '2026-W47')),
  line('zhangwei', 'dm', '周计划 替换 #3', { command: 'plan', args: { action: 'replace', revision: 3 } }),
  line('zhangwei', 'dm', '周计划 追加 #3', { command: 'plan', args: { action: 'add', revision: 3 } }),
  line('zhangwei', 'dm', '周计划 转入', { command: 'plan', args: { action: 'carry' } }),
  line('zhangwei', 'dm', '周计划 不转入', { command: 'plan', args: { action: 'noCarry' } }),
  line('zhangwei', 'g-work', '@社区助手 周计划 替换 3', { command: 'plan', args: { action: 'replace', revision: 3 } }),
  line('qiandaye', 'g-work', '周计划\n1. 散步', { command: 'plan', error: true }),
  line('visitor', 'dm', '周计划\n1. 走访3栋独居老人', { command: 'plan', error: true }),
  line('zhangwei', 'g-work', '上周完成\n1 完成 2 未完成 3 完成一半', { command: 'plan-results', args: { results: marks('done', 'undone', 'partial'), items: [] } }),
  line('zhangwei', 'g-work', '上周完成：1完成2未完成3完成一半', { command: 'plan-results', args: { results: marks('done', 'undone', 'partial') } }),
  line('zhangwei', 'g-work', '上周完成情况：\n1、已完成\n2、没做完（下周继续）', { command: 'plan-results', args: { results: { marks: [{ no: 1, status: 'done' }, { no: 2, status: 'undone', note: '下周继续' }] } } }),
  line('zhangwei', 'dm', '上周完成 都完成了', { command: 'plan-results', args: { results: { marks: [], all: 'done' } } }),
  line('zhangwei', 'dm', '上周完成 走访做完了，台账还差一点', { command: 'plan-results', args: { results: { marks: [], all: null, text: '走访做完了，台账还差一点' } } }),
  line('zhangwei', 'dm', '上周完成\n1 完成 2 未完成\n本周计划：\n1. 走访5栋独居老人\n2. 整理低保台账', { command: 'plan-results', args: { items: ['走访5栋独居老人', '整理低保台账'] } }),
  line('zhangwei', 'g-work', '@社区助手 上周完成', { command: 'plan-results', prompt: true }),
  line('wangfang', 'g-work', '例会纪要\n日期：11月23日\n参会：王芳、李强、张伟、刘洋、陈静\n决定：\n1. 下周开展消防安全检查\n任务：\n张伟 周五前 完成低保复核\n陈静 下周三前 整理考勤台账', {
    command: 'plan-minutes',
    args: {
      date: '2026-11-23',
      attendees: ['王芳', '李强', '张伟', '刘洋', '陈静'],
      decisions: ['下周开展消防安全检查'],
      tasks: [
        { name: '张伟', text: '完成低保复核', due: '2026-11-27' },
        { name: '陈静', text: '整理考勤台账', due: '2026-12-02' },
      ],
    },
  }),
  line('chenjing', 'g-work', '例会纪要：\n11月23日例会\n参会：全体\n决定：周五大扫除\n刘洋 12月1日前 走访3栋独居老人', {
    command: 'plan-minutes',
    args: { date: '2026-11-23', decisions: ['周五大扫除'], tasks: [{ name: '刘洋', text: '走访3栋独居老人', due: '2026-12-01' }] },
  }),
  line('wangfang', 'dm', '会议纪要\n决定：加强夜间巡逻', { command: 'plan-minutes', args: { date: '2026-11-23', decisions: ['加强夜间巡逻'], tasks: [] } }),
  line('wangfang', 'g-work', '@社区助手 例会纪要', { command: 'plan-minutes', prompt: true }),
  line('wangfang', 'g-work', '@社区助手 例会纪要 大家辛苦了', { command: 'plan-minutes', error: true }),
  line('qiandaye', 'g-work', '例会纪要\n决定：加强夜间巡逻', { command: 'plan-minutes', error: true }),
];
