import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { importGraph, ROOT } from './import-graph.ts';

/** Ways a string is forced into a catalog key, which the compiler then no longer checks. */
const CASTS: [string, RegExp][] = [
  ['as MessageKey', /\bas MessageKey\b/],
  ['as never', /\bas never\b/],
  ['a template-literal key cast', /`[a-z][\w.]*\$\{[^`]*`\s*as\s/],
  ['a value cast inside a template-literal key', /\bt\(`[^`]*\$\{[^}`]*\sas\s[^}]*\}/],
];

/**
 * Every text key is checked by the compiler: a family's statuses and kinds reach the catalog
 * through its typed maps (`{ pending: 'leave.status.pending', … } satisfies Record<LeaveStatus,
 * MessageKey>`, src/i18n/value-text.ts), never through a string cast into a key.
 */
describe('text keys', () => {
  it('are never cast into the catalog', () => {
    const found = [...importGraph().keys()].flatMap((file) =>
      fs
        .readFileSync(path.join(ROOT, file), 'utf8')
        .split('\n')
        .flatMap((line, i) => CASTS.filter(([, pattern]) => pattern.test(line)).map(([what]) => `${file}:${i + 1} ${what}`)),
    );
    expect(found).toEqual([]);
  });
});
