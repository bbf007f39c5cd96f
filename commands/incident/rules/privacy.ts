import type { IncidentPolicy } from '../policy.ts';
import { typeRule } from './classify.ts';

/**
 * A reporter asking not to be named: 「不要告诉他是我举报的」「别说是我」「匿名」「请保密」. Read on the
 * fold without spaces; 「不用保密」「无需匿名」 say the opposite.
 */
const ANONYMITY: readonly RegExp[] = [
  /(?:不要|别|不能|不可以|不许|请勿|勿|千万别)(?:告诉|说|讲|透露|泄露|让)[^。!?\n]{0,8}?(?:是我|我的(?:名字|姓名|电话|身份)|我举报|我反映|我报的)/,
  /(?:不要|别|不能|请勿|勿|千万别)(?:公开|透露|泄露|暴露|曝光|说出)(?:我|本人|姓名|名字|身份|电话)/,
  /不想让(?:他|她|他们|她们|对方|邻居|人家|别人)知道/,
  /不愿(?:意)?(?:透露|公开)(?:姓名|名字|身份)/,
  /(?<!不用|不必|无需|不需要|没必要|不)(?:匿名|保密)/,
];

export function asksAnonymity(text: string): boolean {
  const folded = text.normalize('NFKC').replace(/\s+/g, '');
  return ANONYMITY.some((pattern) => pattern.test(folded));
}

/** A case a residents' group reads nothing of but its type and status: a confidential type (纠纷, 上访), or a reporter asking not to be named. */
export function isConfidential(policy: IncidentPolicy, type: string, text: string): boolean {
  return (typeRule(policy, type)?.rule.confidential ?? false) || asksAnonymity(text);
}
