import { describe, expect, it } from 'vitest';
import { parsePlanMessage, parseResults, RESULTS_ANSWER, splitItems, statusOf } from '../../../commands/plan/rules/items.ts';

const THREE = ['走访3栋独居老人', '整理低保台账', '周三网格巡查'];

describe('splitItems: the forms staff write a plan in', () => {
  it.each([
    ['half-width numbers on one line', '1. 走访3栋独居老人 2. 整理低保台账 3. 周三网格巡查', THREE],
    ['full-width numbers on lines', '１．走访3栋独居老人\n２．整理低保台账\n３．周三网格巡查', THREE],
    ['「、」 marks and 「；」', '1、走访3栋独居老人；2、整理低保台账；3、周三网格巡查', THREE],
    ['circled numbers glued to the text', '①走访3栋独居老人②整理低保台账③周三网格巡查', THREE],
    ['(1) in full-width brackets', '（1）走访3栋独居老人（2）整理低保台账（3）周三网格巡查', THREE],
    ['1) and 2)', '1）走访3栋独居老人 2）整理低保台账 3）周三网格巡查', THREE],
    ['Chinese numerals', '一、走访3栋独居老人\n二、整理低保台账\n三、周三网格巡查', THREE],
    ['第一，第二', '第一，走访3栋独居老人；第二，整理低保台账；第三，周三网格巡查', THREE],
    ['numbers with a space', '1 走访3栋独居老人 2 整理低保台账 3 周三网格巡查', THREE],
    ['numbers glued after a dot, no space', '1.走访3栋独居老人2.整理低保台账3.周三网格巡查', THREE],
    ['one a line, unnumbered', '走访3栋独居老人\n整理低保台账\n周三网格巡查', THREE],
    ['「；」 on one line', '走访3栋独居老人；整理低保台账；周三网格巡查', THREE],
    ['「。」 between sentences', '走访3栋独居老人。整理低保台账。周三网格巡查。', THREE],
    ['「、」 on one line', '走访3栋独居老人、整理低保台账、周三网格巡查', THREE],
    ['bullets', '- 走访3栋独居老人\n· 整理低保台账\n• 周三网格巡查', THREE],
    ['blank lines and trailing marks', '\n1. 走访3栋独居老人；\n\n2. 整理低保台账。\n3. 周三网格巡查\n', THREE],
    ['Windows line ends', '走访3栋独居老人\r\n整理低保台账\r\n周三网格巡查', THREE],
  ])('%s', (_name, text, items) => {
    expect(splitItems(text)).toEqual(items);
  });

  it.each([
    ['a count after 「、」 stays with its item', '走访3栋、5栋独居老人', ['走访3栋、5栋独居老人']],
    ['「、」 within an item on several lines is kept', '走访3栋、5栋独居老人\n整理低保、医保台账', ['走访3栋、5栋独居老人', '整理低保、医保台账']],
    ['a number inside an item is no mark', '1. 走访3栋2单元 2. 整理台账', ['走访3栋2单元', '整理台账']],
    ['a decimal is no mark', '1.5天的消防培训', ['1.5天的消防培训']],
    ['a clock time keeps its colon', '周三 14:30 参加街道会议', ['周三 14:30 参加街道会议']],
    ['a line ending in a comma goes on', '1. 走访3栋独居老人，\n重点是王奶奶家\n2. 整理低保台账', ['走访3栋独居老人，重点是王奶奶家', '整理低保台账']],
    ['half-width punctuation inside an item is given back its Chinese form', '走访(3栋),重点王奶奶', ['走访（3栋），重点王奶奶']],
    ['a list that starts at 3 goes on from 3', '3. 走访 4. 整理台账', ['走访', '整理台账']],
    ['nothing', '  \n ', []],
  ])('%s', (_name, text, items) => {
    expect(splitItems(text)).toEqual(items);
  });
});

describe('statusOf and parseResults: 「1 完成 2 未完成 3 完成一半」', () => {
  it.each([
    ['完成', 'done'],
    ['已完成', 'done'],
    ['做完了', 'done'],
    ['√', 'done'],
    ['完成100%', 'done'],
    ['未完成', 'undone'],
    ['没完成', 'undone'],
    ['没做', 'undone'],
    ['推迟到下周', 'undone'],
    ['×', 'undone'],
    ['未', 'undone'],
    ['完成一半', 'partial'],
    ['一半', 'partial'],
    ['部分完成', 'partial'],
    ['完成80%', 'partial'],
    ['进行中', 'partial'],
    ['走访了两户', null],
  ] as const)('%s → %s', (text, status) => {
    expect(statusOf(text).status).toBe(status);
  });

  it.each([
    ['1 完成 2 未完成 3 完成一半', [1, 'done'], [2, 'undone'], [3, 'partial']],
    ['1完成2未完成3完成一半', [1, 'done'], [2, 'undone'], [3, 'partial']],
    ['１．已完成；２．没完成；３．完成一半', [1, 'done'], [2, 'undone'], [3, 'partial']],
    ['1、完成\n2、推迟\n3、进行中', [1, 'done'], [2, 'undone'], [3, 'partial']],
    ['1 √ 2 × 3 半', [1, 'done'], [2, 'undone'], [3, 'partial']],
    ['1. 走访3户已完成 2. 台账未整理 3. 巡查完成一半', [1, 'done'], [2, 'undone'], [3, 'partial']],
  ] as const)('%s', (text, ...marks) => {
    const parsed = parseResults(text);
    expect(parsed.marks.map((m) => [m.no, m.status])).toEqual(marks);
    expect(parsed.all).toBeNull();
    // Kept as written, digits half-width and Chinese punctuation as Chinese.
    expect(parsed.text).toBe(text.normalize('NFKC').replace(/;/g, '；'));
  });

  it('keeps what is written beside a status as its note', () => {
    expect(parseResults('1 完成 2 没做完（下周继续） 3 完成一半，等街道回复').marks).toEqual([
      { no: 1, status: 'done', note: '' },
      { no: 2, status: 'undone', note: '下周继续' },
      { no: 3, status: 'partial', note: '等街道回复' },
    ]);
  });

  it.each([
    ['都完成了', 'done'],
    ['全部完成', 'done'],
    ['已全部完成。', 'done'],
    ['都没完成', 'undone'],
  ] as const)('%s: one status for all', (text, all) => {
    expect(parseResults(text)).toEqual({ marks: [], all, text });
  });

  it('free text and a list of things done are kept as written, with no marks', () => {
    expect(parseResults('走访做完了，台账还差一点')).toEqual({ marks: [], all: null, text: '走访做完了，台账还差一点' });
    expect(parseResults('1. 走访5户 2. 整理台账').marks).toEqual([]);
  });

  it('RESULTS_ANSWER matches a plain answer in a group and nothing else', () => {
    const answer = new RegExp(`^(?:${RESULTS_ANSWER})$`);
    for (const text of ['1 完成 2 未完成 3 完成一半', '1完成2未完成3完成一半', '1.完成 2.完成一半', '都完成了', '全部完成']) expect(answer.test(text), text).toBe(true);
    for (const text of ['完成了吗', '1', '明天开会', '好的', '1号楼']) expect(answer.test(text), text).toBe(false);
  });
});

describe('parsePlanMessage: the 「上周完成：」 and 「本周计划：」 blocks', () => {
  it('a plan with a results block before it', () => {
    expect(parsePlanMessage('上周完成：1 完成 2 未完成 3 完成一半\n本周计划：\n1. 走访5栋独居老人\n2. 整理低保台账')).toEqual({
      items: ['走访5栋独居老人', '整理低保台账'],
      results: { marks: [{ no: 1, status: 'done', note: '' }, { no: 2, status: 'undone', note: '' }, { no: 3, status: 'partial', note: '' }], all: null, text: '1 完成 2 未完成 3 完成一半' },
    });
  });

  it('items first, then the block; headers with full-width colons; both blocks on one line', () => {
    expect(parsePlanMessage('1. 走访5栋独居老人\n2. 整理低保台账\n上周完成情况：都完成了')).toMatchObject({ items: ['走访5栋独居老人', '整理低保台账'], results: { all: 'done' } });
    expect(parsePlanMessage('上周完成：1 完成 2 未完成；本周计划：1. 走访5栋独居老人 2. 整理低保台账')).toMatchObject({
      items: ['走访5栋独居老人', '整理低保台账'],
      results: { text: '1 完成 2 未完成', marks: [{ no: 1 }, { no: 2 }] },
    });
  });

  it('a results message with this week below (the reply to the Monday prompt)', () => {
    expect(parsePlanMessage('1 完成 2 未完成\n本周：走访5栋独居老人；整理低保台账', 'results')).toMatchObject({
      items: ['走访5栋独居老人', '整理低保台账'],
      results: { marks: [{ no: 1, status: 'done' }, { no: 2, status: 'undone' }] },
    });
  });

  it('a line that starts with 本周 or 上周 but is an item is no header', () => {
    expect(parsePlanMessage('本周三去3栋走访\n上周完成的台账归档')).toEqual({ items: ['本周三去3栋走访', '上周完成的台账归档'], results: null });
  });
});
