import { talk, type TalkLine } from '../types.ts';

/** Talk that starts with, or contains, leave and approval words. */
export const lines: TalkLine[] = [
  ...talk('zhangwei', 'g-work', [
    '请假的事明天再说',
    '请假条模板发一下',
    '请假要找谁批',
    '请假记录在哪看',
    '明天请假的人多吗',
    '我明天请假',
    '他请假了',
    '撤回一下刚才那条',
    '撤回',
    '撤回了',
    '撤回 刚才那条发错了',
    '确认一下明天的会',
    '确认',
    '确认收到',
    '确认！',
    '同意',
    '同意！',
    '同意楼上',
    '同意，我也这么想',
    '批准了吗',
    '驳回了',
    '不同意这个方案',
    '销假了没有',
    '销假要交什么材料',
    '补假怎么弄',
    '病假证明要原件吗',
    '取消请假要找谁',
    '年假还剩几天',
    '事假扣钱吗',
  ]),
  // The approver's own everyday 同意 and 驳回 are talk too: approving needs a reply, a button or a number.
  ...talk('wangfang', 'g-work', ['同意', '同意！', '同意大家的意见', '驳回', '驳回的理由写清楚', '批准', '确认', '撤回吧', '补假的材料都齐了']),
];
