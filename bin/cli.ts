// `shequ …` (bin/shequ.js): the command line, for the office the families in commands/ make.
import { office } from '../commands/index.ts';
import { runCli } from '../src/cli/main.ts';

await runCli(office);
