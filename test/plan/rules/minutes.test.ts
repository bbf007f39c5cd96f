import { describe, expect, it } from 'vitest';
import { parseMinutes, parseTask, readDue } from '../../../commands/plan/rules/minutes.ts';

describe('due dates in meeting tasks, from the meeting on Wednesday 2026-11-25', () => {
  it.each([
    ['周五', '2026-11-27'],
    ['周五前', '2026-11-27'],
    ['星期五之前', '2026-11-27'],
    ['周一', '2026-11-30'],
    ['本周三', '2026-11-25'],
    ['下周三', '2026-12-02'],
    ['下个星期一', '2026-11-30'],
    ['本周内', '2026-11-27'],
    ['下周', '2026-12-04'],
    ['月底', '2026-11-30'],
    ['明天', '2026-11-26'],
    ['12月4日前', '2026-12-04'],
    ['12.4', '2026-12-04'],
    ['1月5日', '2027-01-05'],
    ['走访', null],
  ])('%s → %s', (word, date) => {
    expect(readDue(word, '2026-11-25')).toBe(date);
  });

  it('本周内 said on a Saturday is that Sunday; 周五 said on a Saturday is next Friday', () => {
    expect(readDue('本周内', '2026-11-28')).toBe('2026-11-29');
    expect(readDue('周五', '2026-11-28')).toBe('2026-12-04');
  });
});

describe('task lines', () => {
  it.each([
    ['张伟 周五前 完成低保复核', [{ name: '张伟', text: '完成低保复核', due: '2026-11-27' }]],
    ['张伟周五前完成低保复核', [{ name: '张伟', text: '完成低保复核', due: '2026-11-27' }]],
    ['张伟：完成低保复核（周五前）', [{ name: '张伟', text: '完成低保复核', due: '2026-11-27' }]],
    ['@张伟 12月2日前 走访3栋独居老人', [{ name: '张伟', text: '走访3栋独居老人', due: '2026-12-02' }]],
    ['欧阳晓明 整理消防台账', [{ name: '欧阳晓明', text: '整理消防台账', due: null }]],
    ['张伟、刘洋 明天 入户核查', [{ name: '张伟', text: '入户核查', due: '2026-11-24' }, { name: '刘洋', text: '入户核查', due: '2026-11-24' }]],
    ['李强完成电梯意见征询', [{ name: null, text: '李强完成电梯意见征询', due: null }]],
  ])('%s', (line, tasks) => {
    expect(parseTask(line, '2026-11-23').map(({ line: _line, ...task }) => task)).toEqual(tasks);
  });
});

describe('minutes as the person who took them writes them', () => {
  it('labels, a decisions block and a tasks block', () => {
    const text = [
      '日期：11月23日',
      '参会：王芳、李强、张伟、刘洋',
      '缺席：陈静',
      '议题：消防安全检查',
      '决定：',
      '1. 下周开展消防安全检查',
      '2. 低保复核本月底前完成',
      '任务：',
      '1. 张伟 周五前 完成低保复核',
      '2. 刘洋、陈静 下周三前 整理消防台账',
    ].join('\n');
    expect(parseMinutes(text, '2026-11-24')).toEqual({
      date: '2026-11-23',
      attendees: ['王芳', '李强', '张伟', '刘洋'],
      absent: ['陈静'],
      topics: ['消防安全检查'],
      decisions: ['下周开展消防安全检查', '低保复核本月底前完成'],
      tasks: [
        { name: '张伟', text: '完成低保复核', due: '2026-11-27', line: '张伟 周五前 完成低保复核' },
        { name: '刘洋', text: '整理消防台账', due: '2026-12-02', line: '刘洋、陈静 下周三前 整理消防台账' },
        { name: '陈静', text: '整理消防台账', due: '2026-12-02', line: '刘洋、陈静 下周三前 整理消防台账' },
      ],
    });
  });

  it('a date in the title line, full-width colons, decisions inline, a task line outside any block', () => {
    const minutes = parseMinutes('12月1日社区例会\n参会人员：王芳，李强\n会议决定：加强夜间巡逻；周五大扫除\n张伟 周五前 完成低保复核\n大家注意安全', '2026-12-03');
    expect(minutes.date).toBe('2026-12-01');
    expect(minutes.attendees).toEqual(['王芳', '李强']);
    expect(minutes.decisions).toEqual(['加强夜间巡逻', '周五大扫除', '大家注意安全']);
    expect(minutes.tasks.map((t) => [t.name, t.text, t.due])).toEqual([['张伟', '完成低保复核', '2026-12-04']]);
  });

  it('without a date the meeting is today; 周一 means the latest Monday', () => {
    expect(parseMinutes('决定：周五大扫除', '2026-12-03').date).toBe('2026-12-03');
    expect(parseMinutes('时间：周一上午\n决定：周五大扫除', '2026-12-03').date).toBe('2026-11-30');
  });
});
