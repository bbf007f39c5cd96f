import { readNumber } from '../time/grammar.ts';

/**
 * What a resident group serves beyond its community (设为居民群 3栋 第二网格) and what a notice may be
 * addressed to (发布通知 3栋 …): buildings and grids, kept in one form.
 */

const BUILDING = /^(\d{1,4})\s*(?:号楼|号|栋|幢|楼)$/;
const GRID = /^第?(\d{1,3}|[一二两三四五六七八九十]{1,3})\s*网格$/;
const TAG_LIST = /[、,，和及]/;

/** A building or grid as tags are kept: 3号楼 → 3栋, 第二网格 → 2网格; null when the word is neither. */
export function normalizeTag(word: string): string | null {
  const building = BUILDING.exec(word.trim());
  if (building) return `${Number(building[1])}栋`;
  const grid = GRID.exec(word.trim());
  const n = grid ? readNumber(grid[1]!) : null;
  return n !== null && Number.isInteger(n) ? `${n}网格` : null;
}

/** Several tags in one word: 「3栋、5栋」「3栋和4栋」; null unless every part is one. */
export function readTags(word: string): string[] | null {
  const parts = word.split(TAG_LIST).filter((p) => p.trim() !== '');
  const tags = parts.map(normalizeTag);
  return parts.length > 0 && tags.every((t) => t !== null) ? [...new Set(tags as string[])] : null;
}
