import type { AdapterLimits, RateRule } from './types.ts';

/** Sliding-window rate limits per chat and across a platform, kept in memory per instance. */
export class RateLimiter {
  private readonly history = new Map<string, number[]>();

  constructor(private readonly limits: AdapterLimits) {}

  /** How far back a send still counts against some limit. */
  get windowMs(): number {
    return Math.max(0, ...[...this.limits.perChat, ...this.limits.global].map((rule) => rule.perMs));
  }

  /** Counts the sends given (oldest first) in place of this instance's own: what the platform saw, on taking over as its sender. */
  replace(sends: readonly { chatId: string; at: number }[]): void {
    this.history.clear();
    for (const send of sends) this.record(send.chatId, send.at);
  }

  /** Milliseconds to wait before a send to `chatId` is allowed; 0 means now. */
  waitMs(chatId: string, now: number): number {
    return Math.max(this.waitFor(`chat:${chatId}`, this.limits.perChat, now), this.waitFor('global', this.limits.global, now));
  }

  record(chatId: string, now: number): void {
    for (const key of [`chat:${chatId}`, 'global']) {
      const list = this.history.get(key) ?? [];
      list.push(now);
      this.history.set(key, list);
    }
  }

  /** Moves a slot reserved at `reservedAt` to when the send really happened. */
  restamp(chatId: string, reservedAt: number, sentAt: number): void {
    for (const key of [`chat:${chatId}`, 'global']) {
      const list = this.history.get(key);
      const index = list?.lastIndexOf(reservedAt) ?? -1;
      if (!list || index < 0) continue;
      list.splice(index, 1);
      let at = list.length;
      while (at > 0 && list[at - 1]! > sentAt) at--;
      list.splice(at, 0, sentAt);
    }
  }

  private waitFor(key: string, rules: RateRule[], now: number): number {
    const list = this.history.get(key);
    if (!list || rules.length === 0) return 0;
    const longest = Math.max(...rules.map((r) => r.perMs));
    while (list.length > 0 && list[0]! <= now - longest) list.shift();
    let wait = 0;
    for (const rule of rules) {
      const inWindow = list.filter((t) => t > now - rule.perMs);
      if (inWindow.length >= rule.count) {
        const oldestThatMustExpire = inWindow[inWindow.length - rule.count]!;
        wait = Math.max(wait, oldestThatMustExpire + rule.perMs - now);
      }
    }
    return wait;
  }
}
