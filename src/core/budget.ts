import type { BudgetWindow, LimitsPolicy } from '../config/limits-policy.ts';
import type { Tx } from '../db/client.ts';
import type { InboundMessage } from '../messaging/types.ts';
import { type Text } from '../i18n/text.ts';
import { type Sender } from './identity.ts';
import type { RouteOutcome, RouteResult } from './router.ts';

/** Why a message was not acted on: which budget it was over, and the one notice its sender gets (null: silence). */
export interface Refusal {
  budget: 'sender' | 'chat' | 'platform' | 'reports';
  notice: Text | null;
}

/** What the inbox records of a message: the route, and the budget that refused it. */
export type RecordedOutcome = RouteOutcome & { refused?: Refusal['budget'] };

/** Commands whose every run files a case: the expensive act, counted from the cases themselves. */
const FILES_A_CASE = new Set(['incident-report', 'incident-report-word']);

/** Staff are anyone with an office or street role; residents and unbound accounts get the tighter budgets. */
function isStaff(sender: Sender | null): boolean {
  return sender !== null && sender.roles.some((role) => role !== 'resident');
}

/** Timestamps of admitted messages per key, kept as long as the longest window that counts them. */
class Windows {
  private readonly seen = new Map<string, number[]>();

  /** The first rule that one more message under `key` would break, or null. */
  full(key: string, rules: readonly BudgetWindow[], now: number): BudgetWindow | null {
    const times = this.seen.get(key) ?? [];
    return rules.find((rule) => times.filter((at) => at > now - rule.perSeconds * 1_000).length >= rule.count) ?? null;
  }

  /** Counts one under `key`, keeping only what its longest rule still counts. */
  add(key: string, rules: readonly BudgetWindow[], now: number): void {
    const keepMs = Math.max(...rules.map((rule) => rule.perSeconds * 1_000));
    const times = (this.seen.get(key) ?? []).filter((at) => at > now - keepMs);
    times.push(now);
    this.seen.set(key, times);
  }

  /** Forgets keys with nothing left inside `keepMs`, so senders seen once do not stay in memory. */
  sweep(now: number, keepMs: number): void {
    for (const [key, times] of this.seen) if (times.at(-1)! <= now - keepMs) this.seen.delete(key);
  }
}

/**
 * Budgets at the door, checked after a message is routed and before its command runs: messages
 * acted on per sender account, per chat and per platform account (sliding windows in this instance's
 * memory), and cases filed per resident or unbound account (counted from the database). Over budget,
 * a message is recorded but not acted on, and its sender is told once per window.
 */
export class Budget {
  private readonly windows = new Windows();
  /** Until when a refusal under a key stays silent (its notice was given). */
  private readonly noticedUntil = new Map<string, number>();
  private readonly keepMs: number;
  private admitted = 0;

  constructor(private readonly limits: LimitsPolicy) {
    const rules = [...limits.staff, ...limits.residents, ...limits.chat, ...limits.platform];
    this.keepMs = Math.max(limits.reports.perMinutes * 60_000, ...rules.map((rule) => rule.perSeconds * 1_000));
  }

  async refusal(tx: Tx, message: InboundMessage, sender: Sender | null, route: RouteResult, now: number): Promise<Refusal | null> {
    // Talk the bot leaves alone costs nothing past its inbox row.
    if (route.type === 'ignore') return null;
    const staff = isStaff(sender);
    const senderKey = `${message.platform}:${message.senderId}`;
    const scopes: { budget: Refusal['budget']; key: string; rules: readonly BudgetWindow[]; noticeKey: string }[] = [
      { budget: 'sender', key: `sender:${senderKey}`, rules: staff ? this.limits.staff : this.limits.residents, noticeKey: `sender:${senderKey}` },
    ];
    // Staff are never held back by others; a press of the bot's own button (a notice's 确认 by a whole group) counts only for its sender.
    if (!staff && !message.isButton) {
      scopes.push({ budget: 'chat', key: `chat:${message.platform}:${message.chatId}`, rules: this.limits.chat, noticeKey: `chat:${message.platform}:${message.chatId}` });
      scopes.push({ budget: 'platform', key: `platform:${message.platform}`, rules: this.limits.platform, noticeKey: `platform:${message.platform}` });
    }
    const reports: BudgetWindow = { count: this.limits.reports.count, perSeconds: this.limits.reports.perMinutes * 60 };
    const filesACase = !staff && route.type === 'run' && FILES_A_CASE.has(route.command.id);
    if (filesACase) scopes.push({ budget: 'reports', key: `reports:${senderKey}`, rules: [reports], noticeKey: `sender:${senderKey}` });
    // Checked and counted before the first await: messages handled at once in this process cannot all pass together.
    for (const scope of scopes) {
      const rule = this.windows.full(scope.key, scope.rules, now);
      if (rule) return this.refuse(scope.budget, scope.noticeKey, now + rule.perSeconds * 1_000, now);
    }
    for (const scope of scopes) this.windows.add(scope.key, scope.rules, now);
    if (++this.admitted % 1_000 === 0) this.sweep(now);
    if (!filesACase) return null;

    // The cases themselves are what other instances and earlier runs filed.
    const filed = await tx.incident.count({ where: { platform: message.platform, platformUserId: message.senderId, reportedAt: { gt: new Date(now - reports.perSeconds * 1_000) } } });
    return filed < reports.count ? null : this.refuse('reports', `sender:${senderKey}`, now + reports.perSeconds * 1_000, now);
  }

  private refuse(budget: Refusal['budget'], noticeKey: string, quietUntil: number, now: number): Refusal {
    if ((this.noticedUntil.get(noticeKey) ?? 0) > now) return { budget, notice: null };
    this.noticedUntil.set(noticeKey, quietUntil);
    const { count, perMinutes } = this.limits.reports;
    return { budget, notice: budget === 'reports' ? { key: 'budget.reports', params: { count, minutes: perMinutes } } : { key: `budget.${budget}` } };
  }

  private sweep(now: number): void {
    this.windows.sweep(now, this.keepMs);
    for (const [key, until] of this.noticedUntil) if (until <= now) this.noticedUntil.delete(key);
  }
}
