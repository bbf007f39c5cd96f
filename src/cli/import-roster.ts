import fs from 'node:fs';
import path from 'node:path';
import { importRoster, validateRoster, RosterConfirmationError, RosterError, type ImportResult } from '../roster/import-roster.ts';
import { readSheet } from '../roster/read-sheet.ts';
import { loadEnv } from '../config/env.ts';
import { UsageError, withDatabase } from './context.ts';
import { progressBar } from './progress.ts';

export interface ImportRosterOptions {
  /** The office confirms the changes that need it. */
  yes?: boolean;
  /** Print what would change; write nothing. */
  dryRun?: boolean;
}

function summary(result: ImportResult, dryRun: boolean): string {
  const counts = `新增 ${result.created} 人，更新 ${result.updated} 人，未变 ${result.unchanged} 人；其中需确认的变更 ${result.confirmations} 项`;
  if (!dryRun) return `花名册导入完成 (roster imported)：${counts}。\n`;
  const hint = result.confirmations > 0 ? '，导入时需加 --yes (needs --yes)' : '';
  return `试运行 (dry run)：${counts}${hint}。未写入任何数据 (nothing written)。\n`;
}

export async function importRosterAction(file: string, options: ImportRosterOptions = {}): Promise<void> {
  if (!fs.existsSync(file)) throw new UsageError(`找不到文件 (no such file): ${file}`);
  const env = loadEnv();
  let entries;
  try {
    entries = validateRoster(await readSheet(file));
  } catch (error) {
    if (error instanceof RosterError) throw new UsageError(error.message);
    throw new UsageError(`无法读取花名册 (cannot read the roster): ${(error as Error).message}`);
  }
  const dryRun = options.dryRun ?? false;
  const bar = progressBar('导入 {bar} {value}/{total} 行', dryRun ? 0 : entries.length, 50);
  let result: ImportResult;
  try {
    result = await withDatabase(env, (db) =>
      importRoster(db, entries, { sourceFile: path.basename(file), confirmed: options.yes ?? false, dryRun, onProgress: (done) => bar.update(done) }),
    );
  } catch (error) {
    if (error instanceof RosterError || error instanceof RosterConfirmationError) throw new UsageError(error.message);
    throw error;
  } finally {
    bar.stop();
  }
  // A dry run shows every row it would touch; an import, the people it changed and what was confirmed.
  const lines = dryRun
    ? [...result.lines.added, ...result.lines.changed, ...result.lines.confirmations.map((line) => `需确认 (needs --yes) ${line}`)]
    : [...result.lines.changed, ...result.lines.confirmations.map((line) => `已确认 (confirmed) ${line}`)];
  process.stdout.write(`${lines.map((line) => `  ${line}\n`).join('')}${summary(result, dryRun)}`);
}
