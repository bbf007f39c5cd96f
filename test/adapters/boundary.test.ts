import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const ADAPTERS = path.join(ROOT, 'adapters');

/**
 * What an adapter must not reach: the database (client, schema, generated types) and the core's
 * commands and routing. It speaks the normalized message and the PlatformStore port instead.
 */
const FORBIDDEN = [
  { dir: path.join(ROOT, 'src', 'db'), why: 'the database client' },
  { dir: path.join(ROOT, 'src', 'generated'), why: 'the generated Prisma client' },
  { dir: path.join(ROOT, 'prisma'), why: 'the schema' },
  { dir: path.join(ROOT, 'src', 'core'), why: 'the core (commands, routing, records): use the PlatformStore port' },
  { dir: path.join(ROOT, 'commands'), why: 'the commands' },
];
const FORBIDDEN_PACKAGES = /^(@prisma\/|prisma$|better-sqlite3$)/;

/** Every module a source file imports, re-exports or loads dynamically, types included. */
function importsOf(source: string): string[] {
  const specifiers: string[] = [];
  const patterns = [/\bimport\s+(?:type\s+)?(?:[^'"`;]*?\s+from\s+)?['"]([^'"]+)['"]/g, /\bexport\s+(?:type\s+)?[^'"`;]*?\s+from\s+['"]([^'"]+)['"]/g, /\bimport\(\s*['"]([^'"]+)['"]\s*\)/g];
  for (const pattern of patterns) for (const match of source.matchAll(pattern)) specifiers.push(match[1]!);
  return specifiers;
}

function violations(file: string, source: string): string[] {
  const found: string[] = [];
  for (const specifier of importsOf(source)) {
    if (FORBIDDEN_PACKAGES.test(specifier)) found.push(`${path.relative(ROOT, file)} imports ${specifier} (the database driver)`);
    if (!specifier.startsWith('.')) continue;
    const target = path.resolve(path.dirname(file), specifier);
    const rule = FORBIDDEN.find(({ dir }) => target === dir || target.startsWith(`${dir}${path.sep}`));
    if (rule) found.push(`${path.relative(ROOT, file)} imports ${specifier} (${rule.why})`);
  }
  return found;
}

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(full);
    return /\.(ts|js|mjs|cjs)$/.test(entry.name) ? [full] : [];
  });
}

describe('the adapter boundary', () => {
  it('finds imports in every form, so the check below can fail', () => {
    const source = [
      "import type { Db } from '../../src/db/client.ts';",
      "import { x,\n  y } from '../../src/core/router.ts';",
      "export { z } from '../../src/generated/prisma/client.ts';",
      "const m = await import('../../commands/index.ts');",
      "import '@prisma/client';",
    ].join('\n');
    const file = path.join(ADAPTERS, 'example', 'adapter.ts');
    expect(violations(file, source)).toHaveLength(5);
    expect(violations(file, "import type { InboundMessage } from '../../src/messaging/types.ts';")).toEqual([]);
  });

  it('no adapter imports the database, the schema, the generated client, the core or the commands', () => {
    const files = sourceFiles(ADAPTERS);
    expect(files.length).toBeGreaterThan(20);
    // The scan reads real imports: every adapter speaks the normalized message.
    expect(files.filter((file) => importsOf(fs.readFileSync(file, 'utf8')).some((s) => s.endsWith('src/messaging/types.ts'))).length).toBeGreaterThan(5);
    expect(files.flatMap((file) => violations(file, fs.readFileSync(file, 'utf8')))).toEqual([]);
  });
});
