import { talk, type TalkLine } from '../types.ts';

/**
 * Talk with the words of the incident, duty roster, weekly plan and notice families (上报, 值班,
 * 计划, 通知 …): whatever those families declare, these lines stay talk.
 */
export const lines: TalkLine[] = [
  ...talk('zhangwei', 'g-work', [
    '上报的材料交了吗',
    '上报给街道了吗',
    '报告写好了发我',
    '报告，王书记，材料我已经交了',
    '报告书记，人到齐了',
    '值班表贴在门口了',
    '值班辛苦了',
    '今晚谁值班？',
    '值班室的钥匙在哪',
    '换班的事找书记',
    '代班费怎么算',
    '交班了吗',
    '接班的人到了吗',
    '周计划都发了吗',
    '周计划模板在群文件里',
    '计划有变',
    '计划明天去走访',
    '通知大家明天开会',
    '通知：明天下午三点开会',
    '通知收到了',
    '发布通知的事情书记在弄',
    '预警信号发布了吗',
    '例会几点开',
    '例会纪要谁写',
    '受理了吗',
    '到场了没',
    '办结了',
    '续报一下情况',
    '事件处理得怎么样了',
    '非常满意这次活动',
    '回访做完了',
  ]),
  ...talk('wangfang', 'g-work', ['通知：明天下午三点开会', '通知一下大家，周五大扫除', '值班的同志注意安全', '计划下周去区里汇报']),
  ...talk('qiandaye', 'g-residents', ['通知收到了', '通知什么时候发的', '上报了吗']),
];
