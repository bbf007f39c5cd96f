import { describe, expect, it } from 'vitest';
import { financeDueDate, guessCategory, parseNoticeWords } from '../../../commands/notice/rules/words.ts';
import { normalizeTag, readTags } from '../../../src/core/tags.ts';
import { isSettled } from '../../../commands/notice/rules/ledger.ts';

const CATEGORIES = ['财务公开', '服务事项', '通知公告'];

describe('notice words', () => {
  it('reads buildings and grids as tags, and nothing else', () => {
    expect(['3栋', '3号楼', '03幢', '第二网格', '12网格', '3号'].map(normalizeTag)).toEqual(['3栋', '3栋', '3栋', '2网格', '12网格', '3栋']);
    expect(['三栋楼', '明天', '3人', '网格'].map(normalizeTag)).toEqual([null, null, null, null]);
    expect(readTags('3栋、5号楼和第一网格')).toEqual(['3栋', '5栋', '1网格']);
    expect(readTags('3栋、明天')).toBeNull();
  });

  it('takes audience and category words first, then a title line and body, or one line', () => {
    expect(parseNoticeWords('全街道 【财务公开】 11月收支\n收入 1,200 元,支出 300 元', CATEGORIES)).toEqual({
      audience: { scope: 'street', tags: [] },
      category: '财务公开',
      title: '11月收支',
      body: '收入 1,200 元,支出 300 元',
      askConfirm: false,
    });
    expect(parseNoticeWords('明天9:00-12:00 3栋停水,请提前储水(物业通知)收到请回复1', CATEGORIES)).toMatchObject({
      audience: { scope: 'community', tags: [] },
      category: null,
      title: '明天9:00-12:00 3栋停水',
      body: '明天9:00-12:00 3栋停水,请提前储水(物业通知)',
      askConfirm: true,
    });
    expect(parseNoticeWords('3栋 5栋', CATEGORIES)).toBeNull();
    expect(parseNoticeWords('', CATEGORIES)).toBeNull();
  });

  it('files by the words a category lists, else the default', () => {
    const policy = [{ name: '服务事项', keywords: ['停水', '义诊'] }, { name: '财务公开', keywords: ['收支', '财务'] }];
    expect(guessCategory('11月财务收支公开', policy, '通知公告')).toBe('财务公开');
    expect(guessCategory('周六义诊', policy, '通知公告')).toBe('服务事项');
    expect(guessCategory('春节联欢会', policy, '通知公告')).toBe('通知公告');
  });

  it('puts the finance disclosure’s day on a short month’s last day', () => {
    expect(financeDueDate('2026-12', 10)).toBe('2026-12-10');
    expect(financeDueDate('2027-02', 31)).toBe('2027-02-28');
    expect(financeDueDate('2028-02', 30)).toBe('2028-02-29');
    expect(financeDueDate('2027-04', 31)).toBe('2027-04-30');
  });

  it('a delivery is settled unless it is still on its way', () => {
    expect((['scheduled', 'queued', 'retrying'] as const).map(isSettled)).toEqual([false, false, false]);
    expect((['sent', 'failed', 'gone', 'unreachable', 'cancelled'] as const).map(isSettled)).toEqual([true, true, true, true, true]);
  });
});
