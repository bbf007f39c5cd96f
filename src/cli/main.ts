import { Command, InvalidArgumentError } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { ConfigError } from '../config/env.ts';
import { redactor } from '../config/redact.ts';
import { bindCodeAction } from './bind-code.ts';
import { calendarAction } from './calendar.ts';
import { importRosterAction } from './import-roster.ts';
import { parseAction } from './parse.ts';
import { exportDbAction, importDbAction } from './transfer.ts';
import type { Office } from '../core/family.ts';
import { cliConfig, UsageError } from './context.ts';
import { addReportCommands } from '../ledger/cli.ts';

/** `npx shequ …` for this office (bin/shequ.js hands it the families): office set-up and inspection without code. */
export async function runCli(office: Office): Promise<void> {
  loadDotenv({ quiet: true });
  const program = new Command('shequ').description('社区助手命令行 (shequ-bot CLI)').showHelpAfterError();
  // Read when a subcommand runs, so `--help` needs no settings.
  const config = () => cliConfig(office);
  const registry = office.registry('');

  program
    .command('import-roster')
    .description('导入花名册 (import people from a .csv or .xlsx sheet: 姓名, 角色, 社区, 街道, 手机, 生日, 网格, 工号 or 身份证号)')
    .argument('<file>', '.csv or .xlsx file')
    .option('--yes', '确认需确认的变更 (confirm role, community and identity changes the import stops for)')
    .option('--dry-run', '试运行：只显示会改什么，不写入 (print what would change; write nothing)')
    .action(importRosterAction);

  program
    .command('bind-code')
    .description('生成一次性绑定码 (issue a one-time binding code for a person)')
    .argument('<name>', '姓名')
    .option('--community <name>', '社区 (when the name is not unique)')
    .option('--phone <mobile>', '手机 (when namesakes share a community)')
    .option('--json', 'print JSON')
    .action((name: string, options: Parameters<typeof bindCodeAction>[1]) => bindCodeAction(name, options, config()));

  program
    .command('parse')
    .description('显示一条消息会被理解成什么指令 (show the command a message would run; no side effects)')
    .argument('<message>', 'the message text')
    .option('--as <role>', '发送者角色, e.g. 社工, 书记; omit for an unbound sender', (value: string) => {
      if (!value.trim()) throw new InvalidArgumentError('role is empty');
      return value;
    })
    .option('--now <time>', 'ISO time; without an offset it is office time (default: now)')
    .option('--chat <kind>', 'group or private', 'group')
    .option('--purpose <purpose>', '群的用途 work, resident or emergency (设为工作群 …)')
    .option('--addressed', '消息@了机器人 (the message @mentions the bot)')
    .option('--quote <subject>', '消息引用了机器人的一条消息，其主题如 leave:12:0 (the message quotes a bot message about this subject)')
    .option('--button', '按钮 (the text is a button press)')
    .option('--attachment', '带图片、文件或位置 (the message carries a picture, a file or a location)')
    .action((message: string, options: Parameters<typeof parseAction>[1]) => {
      const settings = config();
      return parseAction(message, options, settings, office.registry(settings.env.BOT_NAME).commands);
    });

  program
    .command('calendar')
    .description('办公日历 (office calendar): <YYYY-MM> shows a month; load <file>; set <date> 休|班 <name>; clear <date>')
    .argument('<what>', 'YYYY-MM, load, set or clear')
    .argument('[rest...]', 'the file, or the date, 休|班 and the name')
    .action(calendarAction);

  program
    .command('export-db')
    .description('导出整个数据库 (write every row of the SQLite database DATABASE_URL names to a file, for import-db)')
    .argument('<file>', 'the export file to write (JSON lines)')
    .action(exportDbAction);

  program
    .command('import-db')
    .description('导入到 PostgreSQL (load an export-db file into the empty PostgreSQL database DATABASE_URL names)')
    .argument('<file>', 'a file written by export-db')
    .action(importDbAction);

  // The families' own subcommands (值班表: roster import / roster show).
  registry.cli(program, config);

  addReportCommands(program, registry.ledgers, config);

  await program.parseAsync().catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof UsageError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(1);
    }
    process.stderr.write(`${redactor(process.env)(String((error as Error)?.stack ?? error))}\n`);
    process.exit(1);
  });
}
