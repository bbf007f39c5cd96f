import { config as loadDotenv } from 'dotenv';
import { createApp } from './app.ts';
import { ConfigError, loadEnv, sandboxEnabled } from './config/env.ts';
import type { Office } from './core/family.ts';
import { redactor } from './config/redact.ts';
import { DatabaseInUseError } from './db/instance-lock.ts';

/** `npm start` (bin/start.ts): the bot on its embedded defaults (SQLite file, sandbox chat) unless .env says otherwise. */
async function main(office: Office): Promise<void> {
  loadDotenv({ quiet: true });
  const env = loadEnv();
  const policy = office.policy.load(env.OFFICE_POLICY_FILE);
  const app = await createApp({ env, policy, office });
  const address = await app.start();
  const sandbox = sandboxEnabled(env) ? `${address.replace('0.0.0.0', '127.0.0.1')}/sandbox` : null;
  process.stdout.write(`社区助手已启动 (shequ-bot is running): ${address}\n`);
  if (sandbox) process.stdout.write(`沙盒聊天 (sandbox chat): ${sandbox}\n`);

  let stopping = false;
  const shutdown = (signal: string) => {
    if (stopping) return;
    stopping = true;
    app.log.info({ signal }, 'shutting down');
    app.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        app.log.error({ err: error }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  process.on('unhandledRejection', (error) => app.log.error({ err: error }, 'unhandled rejection'));
}

/** Starts the bot for this office; a start that fails says why and ends the process. */
export function runBot(office: Office): Promise<void> {
  return main(office).catch((error: unknown) => {
    if (error instanceof ConfigError || error instanceof DatabaseInUseError) {
      process.stderr.write(`${error.message}\n`);
    } else {
      // A driver's or an SDK's error may quote a URL with its password or a token: blanked out here.
      process.stderr.write(`启动失败 (failed to start): ${redactor(process.env)(String((error as Error)?.stack ?? error))}\n`);
    }
    process.exit(1);
  });
}
