import fs from 'node:fs';
import readline from 'node:readline';
import Database from 'better-sqlite3';
import pg from 'pg';
import { databaseKind, resolveDatabaseFile } from './database-url.ts';
import { migrateDatabase } from './migrate.ts';

/**
 * Moving an office from its SQLite file to PostgreSQL: `export-db` writes every row of every table
 * to a JSON-lines file (one read transaction, so one consistent moment); `import-db` loads it into
 * an empty, migrated PostgreSQL database in one transaction and checks every table's count before
 * it commits, so an import has all the rows or none.
 *
 * File: a header line {format, migrations, tables: {name: count}}, then per table a line
 * {table, columns} followed by one JSON array per row. Times are ISO strings, booleans true/false.
 */
export const TRANSFER_FORMAT = 'shequ-db/1';

interface Header {
  format: string;
  migrations: string[];
  tables: Record<string, number>;
}

export class TransferError extends Error {}

/** A SQLite value as PostgreSQL takes it, by the column's declared type. */
function portable(value: unknown, type: string): unknown {
  if (value === null) return null;
  if (type === 'BOOLEAN') return value === 1 || value === true;
  if (type === 'DATETIME') {
    // Prisma writes ISO strings; SQLite's own CURRENT_TIMESTAMP default writes "YYYY-MM-DD HH:MM:SS" (UTC).
    const date = typeof value === 'number' ? new Date(value) : new Date(/^\d{4}-\d\d-\d\d \d/.test(String(value)) ? `${String(value).replace(' ', 'T')}Z` : String(value));
    if (Number.isNaN(date.getTime())) throw new TransferError(`not a time: ${String(value)}`);
    return date.toISOString();
  }
  return value;
}

/** Writes the SQLite database at `databaseUrl` to `file`; returns the row count per table. */
export async function exportDatabase(databaseUrl: string, file: string): Promise<Record<string, number>> {
  if (databaseKind(databaseUrl) !== 'sqlite') throw new TransferError('export-db reads a SQLite file: URL (DATABASE_URL=file:…)');
  const path = resolveDatabaseFile(databaseUrl);
  if (!fs.existsSync(path)) throw new TransferError(`找不到数据库文件 (no such database file): ${path}`);
  const db = new Database(path, { readonly: true, fileMustExist: true });
  const out = fs.openSync(file, 'w');
  try {
    const write = (value: unknown) => fs.writeSync(out, `${JSON.stringify(value)}\n`);
    const counts: Record<string, number> = {};
    db.transaction(() => {
      const migrations = (db.prepare('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name').all() as { migration_name: string }[]).map((m) => m.migration_name);
      const tables = (db.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' AND name != '_prisma_migrations' ORDER BY name").all() as { name: string }[]).map((t) => t.name);
      for (const table of tables) counts[table] = (db.prepare(`SELECT COUNT(*) AS n FROM "${table}"`).get() as { n: number }).n;
      write({ format: TRANSFER_FORMAT, migrations, tables: counts } satisfies Header);
      for (const table of tables) {
        const columns = db.prepare(`PRAGMA table_info("${table}")`).all() as { name: string; type: string }[];
        write({ table, columns: columns.map((c) => c.name) });
        const select = db.prepare(`SELECT ${columns.map((c) => `"${c.name}"`).join(', ')} FROM "${table}" ORDER BY rowid`).raw();
        for (const row of select.iterate() as IterableIterator<unknown[]>) write(row.map((value, i) => portable(value, columns[i]!.type.toUpperCase())));
      }
    })();
    return counts;
  } finally {
    fs.closeSync(out);
    db.close();
  }
}

/** Tables parents first (by foreign key); a table's reference to itself is set after all its rows. */
async function loadOrder(client: pg.Client): Promise<{ order: string[]; selfRefs: Map<string, string[]> }> {
  const tables = (await client.query<{ name: string }>("SELECT tablename AS name FROM pg_tables WHERE schemaname = current_schema() AND tablename <> '_prisma_migrations'")).rows.map((r) => r.name);
  const keys = await client.query<{ child: string; parent: string; columns: string[] }>(
    `SELECT c.relname AS child, p.relname AS parent, ARRAY(SELECT attname::text FROM pg_attribute WHERE attrelid = k.conrelid AND attnum = ANY(k.conkey)) AS columns
       FROM pg_constraint k JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class p ON p.oid = k.confrelid
      WHERE k.contype = 'f' AND k.connamespace = current_schema()::regnamespace`,
  );
  const parents = new Map(tables.map((t) => [t, new Set<string>()]));
  const selfRefs = new Map<string, string[]>();
  for (const key of keys.rows) {
    if (key.child === key.parent) selfRefs.set(key.child, [...(selfRefs.get(key.child) ?? []), ...key.columns]);
    else parents.get(key.child)?.add(key.parent);
  }
  const order: string[] = [];
  const visit = (table: string, path: string[]) => {
    if (order.includes(table)) return;
    if (path.includes(table)) throw new TransferError(`foreign keys form a cycle: ${[...path, table].join(' → ')}`);
    for (const parent of parents.get(table) ?? []) visit(parent, [...path, table]);
    order.push(table);
  };
  for (const table of tables.sort()) visit(table, []);
  return { order, selfRefs };
}

/** Reads the export: the header, then each table's columns and rows. */
async function readExport(file: string): Promise<{ header: Header; tables: Map<string, { columns: string[]; rows: unknown[][] }> }> {
  if (!fs.existsSync(file)) throw new TransferError(`找不到文件 (no such file): ${file}`);
  const lines = readline.createInterface({ input: fs.createReadStream(file, 'utf8'), crlfDelay: Infinity });
  let header: Header | null = null;
  const tables = new Map<string, { columns: string[]; rows: unknown[][] }>();
  let current: { columns: string[]; rows: unknown[][] } | null = null;
  for await (const line of lines) {
    if (!line) continue;
    const value = JSON.parse(line) as unknown;
    if (!header) {
      header = value as Header;
      if (header.format !== TRANSFER_FORMAT) throw new TransferError(`${file} is not a shequ export (format ${String(header.format)})`);
    } else if (Array.isArray(value)) {
      if (!current) throw new TransferError(`${file}: a row before its table`);
      current.rows.push(value);
    } else {
      const { table, columns } = value as { table: string; columns: string[] };
      current = { columns, rows: [] };
      tables.set(table, current);
    }
  }
  if (!header) throw new TransferError(`${file} is empty`);
  return { header, tables };
}

const BATCH_PARAMETERS = 30_000;

/** Loads an export into the empty PostgreSQL database at `databaseUrl`; returns the row count per table. */
export async function importDatabase(databaseUrl: string, file: string): Promise<Record<string, number>> {
  if (databaseKind(databaseUrl) !== 'postgres') throw new TransferError('import-db loads into PostgreSQL (DATABASE_URL=postgresql://…)');
  const { header, tables } = await readExport(file);
  await migrateDatabase(databaseUrl);
  const client = new pg.Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const applied = (await client.query<{ migration_name: string }>('SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL ORDER BY migration_name')).rows.map((r) => r.migration_name);
    if (JSON.stringify(applied) !== JSON.stringify(header.migrations)) {
      throw new TransferError(`the export is at migration ${header.migrations.at(-1)}, this bot's PostgreSQL schema at ${applied.at(-1)}: export and import with the same version of the bot`);
    }
    const { order, selfRefs } = await loadOrder(client);
    const unknown = [...tables.keys()].filter((t) => !order.includes(t));
    if (unknown.length > 0) throw new TransferError(`the export has tables this database lacks: ${unknown.join(', ')}`);
    await client.query('BEGIN');
    try {
      for (const table of order) {
        const count = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0]!.n);
        if (count > 0) throw new TransferError(`the database is not empty: ${table} has ${count} rows`);
      }
      const counts: Record<string, number> = {};
      for (const table of order) {
        const data = tables.get(table);
        counts[table] = 0;
        if (!data || data.rows.length === 0) continue;
        const later = selfRefs.get(table) ?? [];
        const laterAt = later.map((column) => data.columns.indexOf(column));
        const perBatch = Math.max(1, Math.floor(BATCH_PARAMETERS / data.columns.length));
        const names = data.columns.map((c) => `"${c}"`).join(', ');
        for (let start = 0; start < data.rows.length; start += perBatch) {
          const batch = data.rows.slice(start, start + perBatch);
          const params: unknown[] = [];
          const tuples = batch.map((row) => `(${row.map((value, i) => (params.push(laterAt.includes(i) ? null : value), `$${params.length}`)).join(', ')})`);
          await client.query(`INSERT INTO "${table}" (${names}) VALUES ${tuples.join(', ')}`, params);
        }
        if (later.length > 0) {
          const key = data.columns.indexOf('id');
          if (key < 0) throw new TransferError(`${table} refers to itself but has no id column`);
          for (const row of data.rows) {
            const values = laterAt.map((i) => row[i]);
            if (values.every((v) => v === null)) continue;
            await client.query(`UPDATE "${table}" SET ${later.map((c, i) => `"${c}" = $${i + 1}`).join(', ')} WHERE "id" = $${later.length + 1}`, [...values, row[key]]);
          }
        }
        counts[table] = Number((await client.query<{ n: string }>(`SELECT COUNT(*) AS n FROM "${table}"`)).rows[0]!.n);
        if (counts[table] !== header.tables[table]) throw new TransferError(`${table}: ${header.tables[table]} rows exported, ${counts[table]} loaded`);
      }
      // Ids were given, not drawn: every sequence goes on after the largest id.
      const serials = await client.query<{ table: string; column: string }>(
        `SELECT table_name AS "table", column_name AS "column" FROM information_schema.columns
          WHERE table_schema = current_schema() AND column_default LIKE 'nextval(%'`,
      );
      for (const { table, column } of serials.rows) {
        await client.query(`SELECT setval(pg_get_serial_sequence($1, $2), COALESCE((SELECT MAX("${column}") FROM "${table}"), 0) + 1, false)`, [`"${table}"`, column]);
      }
      await client.query('COMMIT');
      return counts;
    } catch (error) {
      await client.query('ROLLBACK');
      throw error;
    }
  } finally {
    await client.end();
  }
}
