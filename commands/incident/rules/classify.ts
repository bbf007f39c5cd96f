import type { IncidentPolicy, IncidentTypeRule } from '../policy.ts';

/**
 * What a report is, guessed from its words by the office's policy: class, type, level, whether
 * people are hurt, and the place as written. Pure; a report whose words fit nothing is still a
 * case (type 其他, lowest level): a first report is never refused for what it lacks.
 */

export interface Classification {
  className: string | null;
  type: string;
  level: string;
  casualties: boolean;
  /** The type's own rule, when one matched. */
  rule: IncidentTypeRule | null;
  /** Whether any of the policy's incident words occur (type, level or casualty words). */
  readsAsIncident: boolean;
}

function fold(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Negations just before a word: 「无人受伤」「没有人员伤亡」「未见明火」 do not say people are hurt. */
const NEGATION = /[无没未]/;

/** Whether the word occurs other than negated. */
export function mentions(text: string, word: string): boolean {
  const folded = fold(word);
  for (let at = text.indexOf(folded); at >= 0; at = text.indexOf(folded, at + 1)) {
    if (!NEGATION.test(text.slice(Math.max(0, at - 4), at))) return true;
  }
  return false;
}

/** The lowest level index among those named; levels are listed lowest first. */
export function levelIndex(policy: IncidentPolicy, name: string): number {
  const index = policy.levels.findIndex((l) => l.name === name);
  return index < 0 ? 0 : index;
}

/** The highest level the words name: 「重大」 or a level keyword (「有人受伤」 → 较大). Longest name first, so 特别重大 is not read as 重大. */
function levelFromWords(policy: IncidentPolicy, text: string): number {
  let best = -1;
  policy.levels.forEach((level, index) => {
    const words = [level.name, ...level.keywords];
    if (words.some((w) => mentions(text, w))) best = Math.max(best, index);
  });
  // 「特别重大」 contains 「重大」: the higher one already won; 「重大」 alone never reaches 特别重大.
  return best;
}

export function classify(policy: IncidentPolicy, rawText: string): Classification {
  const text = fold(rawText);
  let best: { className: string; rule: IncidentTypeRule; score: number; at: number } | null = null;
  for (const klass of policy.classes) {
    for (const rule of klass.types) {
      let score = 0;
      let at = Number.POSITIVE_INFINITY;
      for (const word of [rule.name, ...rule.keywords]) {
        const found = text.indexOf(fold(word));
        if (found < 0) continue;
        // The type's own name outweighs any keyword; longer keywords say more than short ones.
        score += word === rule.name ? 100 : word.length;
        at = Math.min(at, found);
      }
      if (score > 0 && (!best || score > best.score || (score === best.score && at < best.at))) best = { className: klass.name, rule, score, at };
    }
  }
  const casualties = policy.casualtyKeywords.some((w) => mentions(text, w));
  const fromWords = levelFromWords(policy, text);
  const fromType = best ? levelIndex(policy, best.rule.level) : 0;
  // People hurt make it at least the second level (较大 by default).
  const fromCasualties = casualties ? Math.min(1, policy.levels.length - 1) : 0;
  const level = policy.levels[Math.max(fromWords, fromType, fromCasualties, 0)]!.name;
  return {
    className: best?.className ?? null,
    type: best?.rule.name ?? policy.otherType,
    level,
    casualties,
    rule: best?.rule ?? null,
    // A level's bare name (「重大消息」「一般来说」) is not an incident; its keywords (爆炸, 被困) are.
    readsAsIncident: best !== null || casualties || policy.levels.some((l) => l.keywords.some((w) => mentions(text, w))),
  };
}

/** The type's rule by name, wherever it is listed. */
export function typeRule(policy: IncidentPolicy, type: string): { className: string; rule: IncidentTypeRule } | null {
  for (const klass of policy.classes) {
    const rule = klass.types.find((t) => t.name === type);
    if (rule) return { className: klass.name, rule };
  }
  return null;
}

/** The numbers to call first: the type's (fire 119 …), 120 when people are hurt; 110 when nothing else says. */
export function emergencyNumbers(classification: Pick<Classification, 'rule' | 'casualties'>): string[] {
  const numbers = [...(classification.rule?.call ?? ['110'])];
  if (classification.casualties && !numbers.includes('120')) numbers.push('120');
  return numbers;
}

/**
 * Whether the first answer must say 「请先拨打 …」: people hurt, or a level or a type that says so
 * (a fire, a gas leak, someone trapped: 「楼道冒烟」 needs the fire brigade first at any level).
 */
export function mustCallFirst(policy: IncidentPolicy, found: Pick<Classification, 'level' | 'casualties' | 'rule'>): boolean {
  return found.casualties || (found.rule?.callFirst ?? false) || (policy.levels.find((l) => l.name === found.level)?.callFirst ?? false);
}
