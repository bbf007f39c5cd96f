import { describe, expect, it } from 'vitest';
import { parseDayWord, parseMonthWord } from '../../src/time/day-words.ts';

describe('days and months in chat', () => {
  it.each([
    ['今天', '2026-11-23'],
    ['昨天', '2026-11-22'],
    ['11月20日', '2026-11-20'],
    ['11-20', '2026-11-20'],
    ['12月31日', '2026-12-31'],
    ['2026-02-28', '2026-02-28'],
    ['2月30日', null],
    ['上午', null],
  ])('day %s → %s', (word, expected) => {
    expect(parseDayWord(word, '2026-11-23')).toBe(expected);
  });

  it('in January, 12月31日 is last year', () => {
    expect(parseDayWord('12月31日', '2026-01-05')).toBe('2025-12-31');
  });

  it.each([
    ['本月', '2026-01'],
    ['上月', '2025-12'],
    ['11月', '2025-11'],
    ['1月', '2026-01'],
    ['3月', '2026-03'],
    ['2026-01', '2026-01'],
    ['2025年12月', '2025-12'],
    ['13月', null],
    ['张三', null],
  ])('month %s in January 2026 → %s', (word, expected) => {
    expect(parseMonthWord(word, '2026-01-15')).toBe(expected);
  });
});
