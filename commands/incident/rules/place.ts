import { distanceMeters, type LatLng } from '../../../src/core/geo.ts';

/**
 * Places as reports write them, and when two reports are the same thing (并案): the same type, in
 * the policy's window, at the same place — a shared building or road named in both, or two shared
 * locations within the radius. Pure.
 */

/** Place words: buildings (3号楼, 5栋, 二期), roads and crossings (幸福路, 幸福路口), named sites (东门, 菜市场). */
const PLACE = new RegExp(
  [
    String.raw`[0-9一二三四五六七八九十百]+(?:号楼|号院|栋|幢|座|期|区)`,
    String.raw`[\p{Script=Han}]{1,6}?(?:路|街|巷|大道|胡同)(?:口|[0-9]+号)?`,
    String.raw`[\p{Script=Han}]{1,6}?(?:小区|花园|家园|公寓|广场|公园|市场|菜场|学校|小学|中学|幼儿园|医院|超市|车库|停车场|桥)`,
    String.raw`(?:东|西|南|北)(?:门|大门)`,
  ].join('|'),
  'u',
);

/** Words that say where inside a place (not a place of their own for matching). */
const INSIDE = /[0-9一二三四五六七八九十]+单元|楼道|楼梯间|地下室|门口|[0-9]+(?:室|楼)/u;

/** Function words a Han run may have picked up before the name: 「昨天在幸福路」 → 幸福路. */
const BEFORE_NAME = /[在到于从和与及的了是有把被将给向往]/u;

/** The place tokens of a text, folded: ["3号楼", "幸福路"]. A crossing 幸福路口 is the road 幸福路. */
export function placeTokens(text: string): string[] {
  const tokens = new Set<string>();
  for (const match of text.normalize('NFKC').matchAll(new RegExp(PLACE.source, 'gu'))) {
    const token = match[0].split(BEFORE_NAME).at(-1)!.replace(/口$/, '').replace(/[0-9]+号$/, '');
    if (token.length >= 2) tokens.add(token);
  }
  return [...tokens];
}

/** The place as written, for the case: the first run of place words (「3号楼2单元楼道」「幸福路口」); null when none. */
export function placeOf(text: string): string | null {
  const run = new RegExp(`(?:${PLACE.source}|${INSIDE.source})+`, 'u');
  const found = run.exec(text.normalize('NFKC'));
  if (!found) return null;
  const place = found[0].split(BEFORE_NAME).filter(Boolean);
  const isPlace = new RegExp(`${PLACE.source}|${INSIDE.source}`, 'u');
  return place.length > 0 ? place.slice(place.findIndex((part) => isPlace.test(part))).join('') || found[0] : null;
}

export interface PlacedReport {
  type: string;
  text: string;
  reportedAt: Date;
  location: LatLng | null;
}

export function samePlace(a: PlacedReport, b: PlacedReport, radiusMeters: number): boolean {
  if (a.location && b.location && distanceMeters(a.location, b.location) <= radiusMeters) return true;
  const tokens = new Set(placeTokens(a.text));
  return placeTokens(b.text).some((token) => tokens.has(token));
}

/** Whether `later` is a second report of `earlier`: same type, within the window, same place. */
export function isLikelyDuplicate(earlier: PlacedReport, later: PlacedReport, rule: { windowMinutes: number; radiusMeters: number }): boolean {
  const minutes = (later.reportedAt.getTime() - earlier.reportedAt.getTime()) / 60_000;
  return earlier.type === later.type && minutes >= 0 && minutes <= rule.windowMinutes && samePlace(earlier, later, rule.radiusMeters);
}
