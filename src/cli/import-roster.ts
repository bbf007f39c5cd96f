import fs from 'node:fs';
import cliProgress from 'cli-progress';
import { importRoster, validateRoster, RosterError } from '../roster/import-roster.ts';
import { readSheet } from '../roster/read-sheet.ts';
import { cliConfig, UsageError, withDatabase } from './context.ts';

export async function importRosterAction(file: string): Promise<void> {
  if (!fs.existsSync(file)) throw new UsageError(`找不到文件 (no such file): ${file}`);
  const { env } = cliConfig();
  let entries;
  try {
    entries = validateRoster(await readSheet(file));
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError(error.message);
    throw new UsageError(`无法读取花名册 (cannot read the roster): ${(error as Error).message}`);
  }
  const bar = new cliProgress.SingleBar(
    { format: '导入 {bar} {value}/{total} 行', stream: process.stderr, noTTYOutput: false },
    cliProgress.Presets.shades_classic,
  );
  const showBar = process.stderr.isTTY && entries.length >= 50;
  if (showBar) bar.start(entries.length, 0);
  try {
    const result = await withDatabase(env, (db) => importRoster(db, entries, (done) => showBar && bar.update(done)));
    if (showBar) bar.stop();
    process.stdout.write(`花名册导入完成：新增 ${result.created} 人，更新 ${result.updated} 人。\n`);
  } finally {
    if (showBar) bar.stop();
  }
}
