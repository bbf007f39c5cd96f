import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../helpers/cli.ts';

/** tsx's loader in the bot's own process: tsx's CLI would run it in a grandchild that a SIGKILL leaves running. */
const TSX_LOADER = pathToFileURL(path.join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;

export interface BotProcess {
  url: string;
  child: ChildProcess;
  /** Resolves with the exit code (null when killed by a signal). */
  exited: Promise<number | null>;
  output(): string;
  kill(signal: NodeJS.Signals): Promise<number | null>;
}

/** Another account to run the bot as (the process must be root's to switch). */
export interface RunAs {
  uid: number;
  gid: number;
}

/** The real bot (`bin/start.ts`, as `npm start` runs it) in a child process. */
function spawnBot(env: Record<string, string>, nodeArgs: string[] = [], user?: RunAs): ChildProcess {
  return spawn(process.execPath, [...nodeArgs, '--import', TSX_LOADER, 'bin/start.ts'], {
    cwd: ROOT,
    env: { ...process.env, LOG_LEVEL: 'warn', PORT: '0', SANDBOX: 'on', DEMO_DATA: 'off', ...env },
    ...user,
  });
}

/** The real bot in a child process, once it serves the sandbox. */
export function startBotProcess(env: Record<string, string>, nodeArgs: string[] = [], user?: RunAs): Promise<BotProcess> {
  return new Promise((resolve, reject) => {
    const child = spawnBot(env, nodeArgs, user);
    let output = '';
    const exited = new Promise<number | null>((done) => child.on('exit', (code) => done(code)));
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not start: ${output}`));
    }, 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk;
      const match = /沙盒聊天 \(sandbox chat\): (\S+)\/sandbox/.exec(output);
      if (!match) return;
      clearTimeout(timer);
      resolve({
        url: match[1]!,
        child,
        exited,
        output: () => output,
        kill: (signal) => {
          child.kill(signal);
          return exited;
        },
      });
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    void exited.then((code) => {
      clearTimeout(timer);
      reject(new Error(`the bot exited (${code}) before it served: ${output}`));
    });
  });
}

/**
 * Posts a person's message to the sandbox API; resolves with the HTTP status, or null when the
 * connection broke. `token` is the sandbox's, when a platform beside it makes it ask for one.
 */
export async function post(url: string, pathname: string, body: unknown, token?: string): Promise<number | null> {
  try {
    const headers = { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) };
    const response = await fetch(`${url}${pathname}`, { method: 'POST', headers, body: JSON.stringify(body) });
    await response.text();
    return response.status;
  } catch {
    return null;
  }
}

/** The real bot in a child process that is expected to refuse to start: its exit code and what it printed. */
export function runBotProcess(env: Record<string, string>): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawnBot(env);
    let output = '';
    const timer = setTimeout(() => {
      child.kill('SIGKILL');
      reject(new Error(`the bot did not exit: ${output}`));
    }, 30_000);
    child.stdout!.on('data', (chunk: Buffer) => (output += chunk));
    child.stderr!.on('data', (chunk: Buffer) => (output += chunk));
    // 'close': after its output is read to the end.
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, output });
    });
  });
}
