import { describe, expect, it } from 'vitest';
import { CHAT_PURPOSE_TEXT, chatPurposeOf } from '../../src/core/chat-purpose.ts';
import { coreCatalogs, mergeCatalogs, translator } from '../../src/i18n/index.ts';
import { isOneOf, textOf } from '../../src/i18n/value-text.ts';
import { statusName } from '../../commands/leave/format.ts';
import { leaveTexts } from '../../commands/leave/texts.ts';
import { PLATFORM_TEXT } from '../../commands/notice/format.ts';
import { noticeTexts } from '../../commands/notice/texts.ts';

const t = translator('zh-CN', mergeCatalogs([coreCatalogs, leaveTexts, noticeTexts]));

describe('a value kept as text, and its text', () => {
  it.each([
    ['a leave status', statusName(t, 'pending'), '审批中'],
    ['a status this version does not know, as it is', statusName(t, 'archived'), 'archived'],
    ['a platform', textOf(t, PLATFORM_TEXT, 'lark'), '飞书'],
    ['a chat purpose', textOf(t, CHAT_PURPOSE_TEXT, 'resident'), '居民群'],
    ['a name of Object.prototype is no value', textOf(t, PLATFORM_TEXT, 'toString'), 'toString'],
  ])('%s', (_what, text, expected) => {
    expect(text).toBe(expected);
  });

  it('narrows a row\'s text to its union only when it is one of the values', () => {
    expect(isOneOf(['work', 'resident'], 'work')).toBe(true);
    expect(isOneOf(['work', 'resident'], 'Work')).toBe(false);
    expect(isOneOf(['work', 'resident'], null)).toBe(false);
    expect([chatPurposeOf('emergency'), chatPurposeOf('party'), chatPurposeOf(undefined)]).toEqual(['emergency', null, null]);
  });
});
