import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs on stderr, so stdout stays free for CLI output; `redact` blanks secrets out of each line. */
export function createLogger(level: string, redact?: (line: string) => string): Logger {
  return pino({ level, base: { app: 'shequ-bot' }, ...(redact ? { hooks: { streamWrite: redact } } : {}) }, pino.destination(2));
}
