// `npm start`: the bot, for the office the families in commands/ make (the core never imports them).
import { office } from '../commands/index.ts';
import { runBot } from '../src/main.ts';

await runBot(office);
