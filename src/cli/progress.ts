import cliProgress from 'cli-progress';

/** Counts long work on stderr; only a terminal sees it, so piped output and tests stay clean. */
export interface Progress {
  update(done: number): void;
  stop(): void;
}

/** A bar for `total` steps, shown when stderr is a terminal and the work has at least `least` steps. */
export function progressBar(format: string, total: number, least: number): Progress {
  if (!process.stderr.isTTY || total < least) return { update: () => undefined, stop: () => undefined };
  const bar = new cliProgress.SingleBar({ format, stream: process.stderr, noTTYOutput: false }, cliProgress.Presets.shades_classic);
  bar.start(total, 0);
  return { update: (done) => bar.update(done), stop: () => bar.stop() };
}
