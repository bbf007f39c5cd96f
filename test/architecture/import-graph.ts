import fs from 'node:fs';
import path from 'node:path';

/** The repository's own TypeScript modules and what each imports (static, re-exports, dynamic; types included). */

export const ROOT = path.resolve(import.meta.dirname, '../..');
const FOLDERS = ['src', 'commands', 'adapters', 'bin'];
const SPECIFIER = /(?:^|\n)\s*(?:import|export)\s(?:[^'"`;]*?\sfrom\s)?['"](\.[^'"]+)['"]|import\(\s*['"](\.[^'"]+)['"]\s*\)/g;

function modules(folder: string): string[] {
  const out: string[] = [];
  for (const entry of fs.readdirSync(path.join(ROOT, folder), { withFileTypes: true })) {
    const rel = path.join(folder, entry.name);
    if (entry.isDirectory()) {
      if (entry.name !== 'generated') out.push(...modules(rel));
    } else if (/\.ts$/.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      out.push(rel);
    }
  }
  return out;
}

/** Every module (repo-relative path) with the repo modules it imports. */
export function importGraph(): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of FOLDERS.flatMap(modules)) {
    // Augmentations (declare module '…') add to another module's types; they are not imports.
    const text = fs.readFileSync(path.join(ROOT, file), 'utf8').replace(/declare module\s+['"][^'"]+['"]/g, '');
    const targets = new Set<string>();
    for (const match of text.matchAll(SPECIFIER)) {
      const target = path.normalize(path.join(path.dirname(file), match[1] ?? match[2]!));
      if (!target.includes('generated') && fs.existsSync(path.join(ROOT, target))) targets.add(target);
    }
    graph.set(file, [...targets]);
  }
  return graph;
}

/** The import circles, each as the modules around it (one circle per strongly connected group). */
export function circles(graph: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (node: string): void => {
    index.set(node, next);
    low.set(node, next++);
    stack.push(node);
    onStack.add(node);
    for (const target of graph.get(node) ?? []) {
      if (!index.has(target)) {
        visit(target);
        low.set(node, Math.min(low.get(node)!, low.get(target)!));
      } else if (onStack.has(target)) {
        low.set(node, Math.min(low.get(node)!, index.get(target)!));
      }
    }
    if (low.get(node) === index.get(node)) {
      const group: string[] = [];
      let member: string;
      do {
        member = stack.pop()!;
        onStack.delete(member);
        group.push(member);
      } while (member !== node);
      if (group.length > 1 || (graph.get(node) ?? []).includes(node)) found.push(group.sort());
    }
  };
  for (const node of graph.keys()) if (!index.has(node)) visit(node);
  return found;
}
