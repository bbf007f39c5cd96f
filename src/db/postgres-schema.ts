import path from 'node:path';
import { fileURLToPath } from 'node:url';

const PRISMA_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../prisma');
export const SQLITE_SCHEMA = path.join(PRISMA_DIR, 'schema.prisma');
export const POSTGRES_SCHEMA = path.join(PRISMA_DIR, 'postgres', 'schema.prisma');

const HEADER = '// GENERATED from ../schema.prisma by `npm run db:migration`: edit that file, not this one.\n';

/**
 * prisma/schema.prisma is the one datamodel; PostgreSQL gets the same models under its own
 * provider, with its own generated client (a Prisma schema has exactly one provider).
 */
export function derivePostgresSchema(sqliteSchema: string): string {
  let datasource = 0;
  let output = 0;
  const derived = sqliteSchema
    .replace(/(datasource\s+db\s*\{[^}]*provider\s*=\s*)"sqlite"/, (_, head: string) => {
      datasource++;
      return `${head}"postgresql"`;
    })
    .replace(/(generator\s+client\s*\{[^}]*output\s*=\s*)"[^"]*"/, (_, head: string) => {
      output++;
      return `${head}"../../src/generated/prisma-postgres"`;
    });
  if (datasource !== 1 || output !== 1) throw new Error('prisma/schema.prisma: expected one sqlite datasource and one generator output');
  return HEADER + derived.replace(/^\/\/ GENERATED from .*\n/, '');
}
