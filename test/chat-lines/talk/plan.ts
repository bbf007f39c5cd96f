import { talk, type TalkLine } from '../types.ts';

/**
 * Talk with the words of the weekly plan and the office meeting: lines that start with 周计划,
 * 本周计划, 工作计划, 上周完成, 例会纪要 but are not a plan, results or minutes written below the word.
 */
export const lines: TalkLine[] = [
  ...talk('zhangwei', 'g-work', [
    '周计划，今天下班前发我',
    '周计划 上周的还没交',
    '周计划：下班前交',
    '周计划？',
    '周计划！',
    '周计划写好了吗',
    '周计划要写几条',
    '周计划 明天再发',
    '本周计划有变',
    '本周计划：等书记定',
    '工作计划都交了',
    '工作计划，明天再说',
    '上周完成得不错',
    '上周完成了多少户？',
    '上周完成情况不太好',
    '上周完成：还行吧',
    '例会纪要发群里了',
    '例会纪要：下午发',
    '例会纪要，我来写',
    '会议纪要在哪',
    '替换',
    '追加',
    '转入',
    '不用',
    '1 完成 2 未完成',
    '都完成了',
    '计划下午去3栋走访',
    '我的周计划发了',
    '这周计划去区里开会',
  ]),
  ...talk('wangfang', 'g-work', ['周计划，大家今天下班前都发一下', '周计划 下午统一交', '例会纪要，陈静整理一下', '上周完成情况下午开会说']),
  ...talk('qiandaye', 'g-residents', ['周计划是什么', '例会纪要能公开吗']),
];
