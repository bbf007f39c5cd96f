import { describe, expect, it } from 'vitest';
import { circles, importGraph } from './import-graph.ts';

/**
 * The house: `src/` is the core every family uses and imports no family; a family is one folder in
 * `commands/` and reaches another only through that family's `api.ts` (the small functions the
 * architecture names: who is on duty, approved leave …); the entry points in `bin/` put the
 * families and the core together; no module imports itself back through others.
 */

const graph = importGraph();

const familyOf = (file: string): string | null => (file.startsWith('commands/') && file.split('/').length > 2 ? file.split('/')[1]! : null);

describe('the import arrows', () => {
  it('are read from every form an import takes, so the checks below can fail', () => {
    expect(graph.get('bin/start.ts')).toEqual(expect.arrayContaining(['commands/index.ts', 'src/main.ts']));
    expect([...graph.values()].flat().length).toBeGreaterThan(500);
    expect(circles(new Map([['a', ['b']], ['b', ['c']], ['c', ['a']], ['d', ['a']]]))).toEqual([['a', 'b', 'c']]);
  });

  it('never run from the core up to a family or an entry point', () => {
    const up = [...graph].flatMap(([from, targets]) => (from.startsWith('src/') ? targets.filter((to) => to.startsWith('commands/') || to.startsWith('bin/')).map((to) => `${from} → ${to}`) : []));
    expect(up).toEqual([]);
  });

  it("reach another family only through its api.ts (commands/index.ts lists them all)", () => {
    const across = [...graph].flatMap(([from, targets]) => {
      const family = familyOf(from);
      if (!family) return [];
      return targets.filter((to) => familyOf(to) !== null && familyOf(to) !== family && !to.endsWith('/api.ts')).map((to) => `${from} → ${to}`);
    });
    expect(across).toEqual([]);
  });

  it('make no circles', () => {
    expect(circles(graph)).toEqual([]);
  });
});
