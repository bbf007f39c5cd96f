import type { LimitsPolicy, LockRule } from '../config/limits-policy.ts';
import type { Tx } from '../db/client.ts';
import { sql } from '../db/sql.ts';
import type { InboundMessage } from '../messaging/types.ts';

/**
 * Wrong bind codes, counted per account, per group chat and per platform in the database (so every
 * instance and every restart sees them). A scope that reaches its limit is locked, twice as long each
 * time; while any scope of an attempt is locked its code is not even looked at. A wrong code cannot
 * be tied to the code it missed, so what guards each code is the platform's count: at the defaults
 * (100 wrong codes an hour, then a lock of an hour, doubling up to a day) the whole platform gets
 * about 700 guesses in a code's 72 hours, out of 100,000,000.
 */

export type BindScope = 'account' | 'chat' | 'platform';

export interface BindLock {
  scope: BindScope;
  until: Date;
}

interface Counted {
  failures: number;
  since: Date;
  lockouts: number;
  lockedUntil: Date | null;
}

/** The growth of locks is forgotten this long after the last one ended. */
const FORGET_LOCKS_MS = 24 * 3_600_000;

/** The scopes an attempt counts in, platform first (its row is the one taken first); a private chat is the account's own. */
function scopesOf(rules: LimitsPolicy['bind'], message: InboundMessage): { scope: BindScope; key: string; rule: LockRule }[] {
  return [
    { scope: 'platform', key: `platform:${message.platform}`, rule: rules.platform },
    ...(message.chatKind === 'group' ? [{ scope: 'chat' as const, key: `chat:${message.platform}:${message.chatId}`, rule: rules.chat }] : []),
    { scope: 'account', key: `account:${message.platform}:${message.senderId}`, rule: rules.account },
  ];
}

/** A scope's count as it stands at `now`: a window that has passed starts again, old locks stop growing the next. */
function standing(row: Counted | undefined, rule: LockRule, now: Date): Counted {
  if (!row) return { failures: 0, since: now, lockouts: 0, lockedUntil: null };
  const lockouts = row.lockedUntil && now.getTime() - row.lockedUntil.getTime() > FORGET_LOCKS_MS ? 0 : row.lockouts;
  const expired = now.getTime() - row.since.getTime() > rule.withinMinutes * 60_000;
  return { failures: expired ? 0 : row.failures, since: expired ? now : row.since, lockouts, lockedUntil: row.lockedUntil };
}

/** One wrong code more: at the limit the scope is locked (the first lock `lockMinutes`, doubling up to `maxLockMinutes`) and counts anew. */
function afterFailure(count: Counted, rule: LockRule, now: Date): Counted {
  const failures = count.failures + 1;
  if (failures < rule.failures) return { ...count, failures, since: count.failures === 0 ? now : count.since };
  const lockouts = count.lockouts + 1;
  const minutes = Math.min(rule.maxLockMinutes, rule.lockMinutes * 2 ** (lockouts - 1));
  return { failures: 0, since: now, lockouts, lockedUntil: new Date(now.getTime() + minutes * 60_000) };
}

/**
 * A bind attempt under way: holds the platform's row until the transaction ends, so attempts on one
 * platform are counted one after another on every instance (binding is rare; guessing is not).
 */
export class BindGuard {
  private constructor(
    private readonly tx: Tx,
    private readonly scopes: ReturnType<typeof scopesOf>,
    private readonly counts: Map<string, Counted>,
    private readonly now: Date,
  ) {}

  static async open(tx: Tx, rules: LimitsPolicy['bind'], message: InboundMessage, now: Date): Promise<BindGuard> {
    const scopes = scopesOf(rules, message);
    // The conflict's update takes the row's lock on PostgreSQL; SQLite runs one writer at a time anyway.
    await sql(tx).execute`
      INSERT INTO "BindAttempts" ("scope", "failures", "since", "lockouts") VALUES (${scopes[0]!.key}, 0, ${now}, 0)
      ON CONFLICT ("scope") DO UPDATE SET "failures" = "BindAttempts"."failures"`;
    const rows = await tx.bindAttempts.findMany({ where: { scope: { in: scopes.map((s) => s.key) } } });
    const counts = new Map(scopes.map(({ key, rule }) => [key, standing(rows.find((row) => row.scope === key), rule, now)]));
    return new BindGuard(tx, scopes, counts, now);
  }

  /** The scope that still refuses attempts (the longest lock), or null. */
  lock(): BindLock | null {
    const locks = this.scopes.flatMap(({ scope, key }) => {
      const until = this.counts.get(key)!.lockedUntil;
      return until && until > this.now ? [{ scope, until }] : [];
    });
    return locks.sort((a, b) => b.until.getTime() - a.until.getTime())[0] ?? null;
  }

  /** Counts a wrong code in every scope; returns the lock it started, if it started one. */
  async wrongCode(): Promise<BindLock | null> {
    for (const { key, rule } of this.scopes) {
      const next = afterFailure(this.counts.get(key)!, rule, this.now);
      this.counts.set(key, next);
      await this.tx.bindAttempts.upsert({ where: { scope: key }, create: { scope: key, ...next }, update: next });
    }
    return this.lock();
  }
}
