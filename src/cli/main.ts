import { Command, InvalidArgumentError } from 'commander';
import { config as loadDotenv } from 'dotenv';
import { ConfigError } from '../config/env.ts';
import { bindCodeAction } from './bind-code.ts';
import { calendarAction } from './calendar.ts';
import { importRosterAction } from './import-roster.ts';
import { parseAction } from './parse.ts';
import { reportLeaveAction } from './report-leave.ts';
import { reportAction } from './report.ts';
import { UsageError } from './context.ts';

/** `npx shequ …`: office set-up and inspection without code. */
loadDotenv({ quiet: true });
const program = new Command('shequ').description('社区助手命令行 (shequ-bot CLI)').showHelpAfterError();

program
  .command('import-roster')
  .description('导入花名册 (import people from a .csv or .xlsx sheet: 姓名, 角色, 社区, 街道, 手机, 生日, 网格)')
  .argument('<file>', '.csv or .xlsx file')
  .action(importRosterAction);

program
  .command('bind-code')
  .description('生成一次性绑定码 (issue a one-time binding code for a person)')
  .argument('<name>', '姓名')
  .option('--community <name>', '社区 (when the name is not unique)')
  .option('--json', 'print JSON')
  .action(bindCodeAction);

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
  .action(parseAction);

program
  .command('calendar')
  .description('办公日历 (office calendar): <YYYY-MM> shows a month; load <file>; set <date> 休|班 <name>; clear <date>')
  .argument('<what>', 'YYYY-MM, load, set or clear')
  .argument('[rest...]', 'the file, or the date, 休|班 and the name')
  .action(calendarAction);

const report = program.command('report').description('导出台账 (export a ledger)');

report
  .command('attendance')
  .description('月度考勤：每人、每天、每个时段，含合计和百分制得分 (monthly attendance per person, day and session, with totals and the 100-point score)')
  .requiredOption('--month <YYYY-MM>', '月份')
  .option('--community <name>', '社区 (default: every community)')
  .option('--format <format>', 'xlsx or json', 'xlsx')
  .option('--out <file>', 'output file (json default: stdout)')
  .option('--now <time>', 'ISO time the report is made at; sessions after it are pending (default: now)')
  .action(reportAction);

report
  .command('leave')
  .description('请销假登记：每张请假条、审批过程、结果和销假时间 (every leave note with its chain, outcome and return)')
  .requiredOption('--month <YYYY-MM>', '月份')
  .option('--format <format>', 'xlsx or json', 'json')
  .option('--out <file>', 'output file (stdout for json when omitted)')
  .action(reportLeaveAction);

program.parseAsync().catch((error: unknown) => {
  if (error instanceof ConfigError || error instanceof UsageError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(1);
  }
  process.stderr.write(`${(error as Error)?.stack ?? error}\n`);
  process.exit(1);
});
