/**
 * The fields of an alert (预警信息, shared/domain.md): name, type, level, area, the alert period,
 * expected impact, what to do and the issuing body, written as labelled lines
 * (「名称：暴雨红色预警」) and asked for in this order when missing. Pure: the router's parser uses it.
 */

export const ALERT_FIELDS = ['name', 'type', 'level', 'area', 'period', 'impact', 'guidance', 'issuer'] as const;
export type AlertField = (typeof ALERT_FIELDS)[number];
export type AlertFields = Record<AlertField, string>;

/** How a field is labelled; the first is how the bot writes it. */
const LABELS: Record<AlertField, readonly string[]> = {
  name: ['名称', '预警名称', '标题'],
  type: ['类型', '预警类型', '类别'],
  level: ['级别', '预警级别', '等级'],
  area: ['区域', '范围', '影响区域', '预警区域', '地点'],
  period: ['时间', '预警时间', '起止时间', '时段', '预警时段', '有效期'],
  impact: ['影响', '预计影响', '可能影响'],
  guidance: ['措施', '防范措施', '应对措施', '注意事项', '防御指南', '建议'],
  issuer: ['发布单位', '发布机关', '发布机构', '发布方'],
};

/** The four colours of the Chinese alert scale; Ⅰ-Ⅳ级 (一级 the most severe) read as them. */
export const ALERT_LEVELS = ['蓝色', '黄色', '橙色', '红色'] as const;
const LEVEL_WORDS: Record<string, (typeof ALERT_LEVELS)[number]> = {
  蓝色: '蓝色', 蓝: '蓝色', 四级: '蓝色', 'IV级': '蓝色', 'Ⅳ级': '蓝色', '4级': '蓝色',
  黄色: '黄色', 黄: '黄色', 三级: '黄色', 'III级': '黄色', 'Ⅲ级': '黄色', '3级': '黄色',
  橙色: '橙色', 橙: '橙色', 二级: '橙色', 'II级': '橙色', 'Ⅱ级': '橙色', '2级': '橙色',
  红色: '红色', 红: '红色', 一级: '红色', 'I级': '红色', 'Ⅰ级': '红色', '1级': '红色',
};

export function labelOf(field: AlertField): string {
  return LABELS[field][0]!;
}

/** 「红色」「红色预警」「一级」「Ⅱ级」 → the colour; null for anything else. */
export function readLevel(text: string): (typeof ALERT_LEVELS)[number] | null {
  const word = text.trim().toUpperCase().replace(/预警$/, '');
  return LEVEL_WORDS[word] ?? LEVEL_WORDS[`${word}级`] ?? null;
}

const ALL_LABELS = ALERT_FIELDS.flatMap((field) => LABELS[field].map((label) => ({ field, label }))).sort((a, b) => b.label.length - a.label.length);
const escape = (word: string) => word.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/** A label at a line start or after a separator, then 「:」 (after NFKC folding). */
const LABEL = new RegExp(`(?:^|(?<=[\\s,;，；]))(${ALL_LABELS.map((l) => escape(l.label)).join('|')})\\s*:\\s*`, 'gm');

export interface WrittenAlert {
  fields: Partial<AlertFields>;
  /** Text before the first label: the name when it is not labelled, or an update's note. */
  lead: string;
}

/** Labelled fields as written; text under a label up to the next label is its value, lines and all. */
export function readAlertFields(text: string): WrittenAlert {
  const fields: Partial<AlertFields> = {};
  const matches = [...text.matchAll(LABEL)];
  const lead = text.slice(0, matches[0]?.index ?? text.length).trim();
  matches.forEach((match, i) => {
    const field = ALL_LABELS.find((l) => l.label === match[1])!.field;
    const value = text.slice(match.index + match[0].length, matches[i + 1]?.index ?? text.length).trim().replace(/[,;，；]$/, '');
    if (value) fields[field] = value;
  });
  return { fields, lead };
}

/** The first field still missing, in the order they are asked. */
export function firstMissing(fields: Partial<AlertFields>): AlertField | null {
  return ALERT_FIELDS.find((field) => !fields[field]) ?? null;
}

/** The fields as labelled lines, as the bot keeps and re-reads them. */
export function writeAlertFields(fields: Partial<AlertFields>): string {
  return ALERT_FIELDS.filter((field) => fields[field]).map((field) => `${labelOf(field)}:${fields[field]}`).join('\n');
}
