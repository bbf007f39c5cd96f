// `npm run db:migration -- <name>`: after an edit of prisma/schema.prisma, writes the SQLite migration
// and its PostgreSQL twin. Without a name it only writes the twins that are missing (e.g. after a merge
// brought SQLite migrations from another branch) and the derived PostgreSQL schema.
import fs from 'node:fs';
import path from 'node:path';
import { MIGRATIONS_DIR } from '../src/db/migrate.ts';
import { pendingSqliteChange, prisma, writeMissingTwins, writePostgresSchema } from '../src/db/twin-migrations.ts';

function timestamp(now = new Date()): string {
  return now.toISOString().replace(/\D/g, '').slice(0, 14);
}

const name = process.argv[2];
if (name !== undefined && !/^(\d{14}_)?[a-z0-9_]+$/.test(name)) {
  console.error(`migration name "${name}": lower-case letters, digits and _ (optionally after a 14-digit timestamp)`);
  process.exit(1);
}

const change = await pendingSqliteChange();
if (change && name === undefined) {
  console.error('prisma/schema.prisma differs from prisma/migrations: give the new migration a name (npm run db:migration -- <name>)');
  process.exit(1);
}
if (change) {
  const folder = /^\d{14}_/.test(name!) ? name! : `${timestamp()}_${name}`;
  fs.mkdirSync(path.join(MIGRATIONS_DIR, folder), { recursive: true });
  fs.writeFileSync(path.join(MIGRATIONS_DIR, folder, 'migration.sql'), change);
  console.log(`wrote prisma/migrations/${folder}/migration.sql`);
} else if (name !== undefined) {
  console.log('prisma/schema.prisma already matches prisma/migrations: no new SQLite migration');
}

if (writePostgresSchema()) console.log('wrote prisma/postgres/schema.prisma');
let copying = false;
for (const twin of await writeMissingTwins()) {
  console.log(`wrote prisma/postgres/migrations/${twin.name}/migration.sql`);
  if (twin.copiesData) {
    copying = true;
    console.warn(`  ! the SQLite migration ${twin.name} copies or changes rows: write the same statements into its PostgreSQL twin by hand (see 20261201020000_approval_steps)`);
  }
}
await prisma(['generate']);
await prisma(['generate'], { postgres: true });
console.log('generated both clients; run npx vitest run test/db to check both schemas against the migrations');
process.exit(copying ? 2 : 0);
