import { exportDatabase, importDatabase, TransferError } from '../db/transfer.ts';
import { loadEnv } from '../config/env.ts';
import { UsageError } from './context.ts';

function table(counts: Record<string, number>): string {
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  const lines = Object.entries(counts).sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, n]) => `  ${name}\t${n}`);
  return `${lines.join('\n')}\n共 ${Object.keys(counts).length} 张表，${total} 行 (tables, rows)\n`;
}

async function transfer(run: () => Promise<Record<string, number>>, done: string): Promise<void> {
  try {
    const counts = await run();
    process.stdout.write(`${done}\n${table(counts)}`);
  } catch (error) {
    if (error instanceof TransferError) throw new UsageError(error.message);
    throw error;
  }
}

/** `shequ export-db <file>`: every row of the SQLite database named by DATABASE_URL. */
export function exportDbAction(file: string): Promise<void> {
  const env = loadEnv();
  return transfer(() => exportDatabase(env.DATABASE_URL, file), `已导出到 ${file} (exported):`);
}

/** `shequ import-db <file>`: loads an export into the empty PostgreSQL database named by DATABASE_URL. */
export function importDbAction(file: string): Promise<void> {
  const env = loadEnv();
  return transfer(() => importDatabase(env.DATABASE_URL, file), `已导入 ${file} (imported; every table's count checked):`);
}
