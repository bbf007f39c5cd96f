/** The monthly numbers of the incident ledger: per class, how many, and the median and worst minutes to take and to reach. Pure. */

export interface TimedCase {
  className: string | null;
  minutesToTake: number | null;
  minutesToReach: number | null;
  closed: boolean;
  rating: string | null;
}

export interface ClassSummary {
  className: string | null;
  count: number;
  closed: number;
  satisfied: number;
  unsatisfied: number;
  takeMedian: number | null;
  takeWorst: number | null;
  reachMedian: number | null;
  reachWorst: number | null;
}

/** The median of whole minutes (the mean of the two middle ones, rounded to one decimal); null for none. */
export function median(values: readonly number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  const value = sorted.length % 2 === 1 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
  return Math.round(value * 10) / 10;
}

export function worst(values: readonly number[]): number | null {
  return values.length === 0 ? null : Math.max(...values);
}

function summarize(className: string | null, cases: readonly TimedCase[]): ClassSummary {
  const take = cases.map((c) => c.minutesToTake).filter((m): m is number => m !== null);
  const reach = cases.map((c) => c.minutesToReach).filter((m): m is number => m !== null);
  return {
    className,
    count: cases.length,
    closed: cases.filter((c) => c.closed).length,
    satisfied: cases.filter((c) => c.rating === 'satisfied').length,
    unsatisfied: cases.filter((c) => c.rating === 'unsatisfied').length,
    takeMedian: median(take),
    takeWorst: worst(take),
    reachMedian: median(reach),
    reachWorst: worst(reach),
  };
}

/** One summary per class in the order given (classes with no case included, with zeros), then unclassified, then the total. */
export function summarizeByClass(classes: readonly string[], cases: readonly TimedCase[]): { classes: ClassSummary[]; total: ClassSummary } {
  const rows = classes.map((name) => summarize(name, cases.filter((c) => c.className === name)));
  const other = cases.filter((c) => c.className === null || !classes.includes(c.className));
  if (other.length > 0) rows.push(summarize(null, other));
  return { classes: rows, total: summarize(null, cases) };
}
