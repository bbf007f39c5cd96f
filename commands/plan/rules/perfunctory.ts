/**
 * Whether a weekly plan is specific (走访3栋独居老人) or perfunctory (正常工作): not refused, but
 * answered with a kind request for specifics and marked in the secretary's summary. Pure.
 */

export interface PerfunctoryRules {
  /** Fewer specific items than this makes a plan perfunctory. */
  minItems: number;
  /** An item with fewer characters (letters, digits, Chinese characters) is too short to say anything. */
  minItemChars: number;
  /** Phrases that say nothing about the week: 正常工作, 按时上班, 做好本职工作 … */
  generic: readonly string[];
}

export type Vagueness =
  | { kind: 'few'; count: number; min: number }
  | { kind: 'short'; items: string[] }
  | { kind: 'generic'; items: string[] };

export interface Assessment {
  perfunctory: boolean;
  /** Why, when it is: too few items, items too short, items with only generic words. */
  reasons: Vagueness[];
}

/** Words that only dress a generic phrase up: 认真做好本职工作, 继续按时上班. */
const FILLER = ['认真', '努力', '积极', '继续', '按时', '按要求', '做好', '完成', '开展', '本周', '日常', '各项', '相关', '其他', '的', '等', '和', '及', '与'];

function letters(item: string): string {
  return item.normalize('NFKC').replace(/[\s\p{P}\p{S}]/gu, '');
}

export function isShort(item: string, rules: PerfunctoryRules): boolean {
  return letters(item).length < rules.minItemChars;
}

/** True when nothing is left of the item once its generic phrases and filler words are taken out. */
export function isGeneric(item: string, rules: PerfunctoryRules): boolean {
  let rest = letters(item);
  const words = [...rules.generic.map(letters), ...FILLER].filter(Boolean).sort((a, b) => b.length - a.length);
  for (const word of words) rest = rest.split(word).join('');
  return rest === '';
}

export function assessPlan(items: readonly string[], rules: PerfunctoryRules): Assessment {
  const short = items.filter((item) => isShort(item, rules));
  const generic = items.filter((item) => !isShort(item, rules) && isGeneric(item, rules));
  const specific = items.length - short.length - generic.length;
  if (specific >= rules.minItems) return { perfunctory: false, reasons: [] };
  const reasons: Vagueness[] = [];
  if (items.length < rules.minItems) reasons.push({ kind: 'few', count: items.length, min: rules.minItems });
  if (short.length > 0) reasons.push({ kind: 'short', items: short });
  if (generic.length > 0) reasons.push({ kind: 'generic', items: generic });
  if (reasons.length === 0) reasons.push({ kind: 'few', count: specific, min: rules.minItems });
  return { perfunctory: true, reasons };
}
