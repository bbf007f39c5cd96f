/** Time as the pacer sees it; tests pass a virtual one so pacing is checked without waiting. */
export interface PacerTime {
  now(): number;
  sleep(ms: number): Promise<void>;
  random(): number;
}

export const realTime: PacerTime = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  random: () => Math.random(),
};

/**
 * Keeps a minimum plus random gap between two sends of one account: WeChat restricts accounts that
 * send in a steady fast rhythm ("发送消息过于频繁").
 */
export class Pacer {
  private last: number | null = null;
  private queue: Promise<void> = Promise.resolve();

  constructor(
    private readonly minGapMs: number,
    private readonly jitterMs: number,
    private readonly time: PacerTime = realTime,
  ) {}

  /** Resolves when the next send may go; concurrent callers are spaced one after another. */
  turn(): Promise<void> {
    const next = this.queue.then(async () => {
      if (this.last !== null) {
        const gap = this.minGapMs + Math.floor(this.time.random() * this.jitterMs);
        const wait = this.last + gap - this.time.now();
        if (wait > 0) await this.time.sleep(wait);
      }
      this.last = this.time.now();
    });
    this.queue = next;
    return next;
  }
}
